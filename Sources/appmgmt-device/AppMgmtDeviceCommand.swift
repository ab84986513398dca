import AppMgmtDevice
import ArgumentParser
import Foundation
import Logging

/// `appmgmt-device`: runs a complete ONVIF AppMgmt device.
@main
struct AppMgmtDeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appmgmt-device",
        abstract: "Run an ONVIF Application Management device.",
        discussion: """
            With no arguments: data in ./appmgmt-data, listening on 127.0.0.1:\(DeviceConfiguration.defaultPort).
            On first start an administrator account is created and its password printed once.

            Endpoints:
              POST /onvif/app_management              SOAP 1.2 AppMgmt service (WS-Security UsernameToken)
              POST /onvif/app_upload                  install or update an app package (HTTP Digest)
              GET|POST /onvif/apps/{AppID}/configuration  backup / restore an app's configuration (HTTP Digest)
            """)

    @Option(help: "Folder holding the registry, accounts, uploads and installed apps.")
    var dataDir: String = "appmgmt-data"

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port: Int = DeviceConfiguration.defaultPort

    @Option(help: "Base URL clients use to reach the device, for the URIs it hands out (default http://HOST:PORT).")
    var publicURL: String?

    @Option(name: .customLong("add-users-from"), help: ArgumentHelp("Create or update the accounts listed in FILE ('-': standard input), one NAME:PASSWORD:LEVEL per line (Administrator, Operator or User).", valueName: "file"))
    var addUsersFrom: String?

    @Option(name: .customLong("add-user"), help: ArgumentHelp("Create or update an account: NAME:PASSWORD:LEVEL. Repeatable. Visible in the process list: prefer --add-users-from.", valueName: "user"))
    var addUsers: [String] = []

    @Option(help: ArgumentHelp("PEM certificate chain: serve every endpoint over HTTPS (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Flag(help: "Accept WS-Security PasswordText (the password in clear) without TLS.")
    var allowPlaintextPasswords = false

    @Option(help: "Largest app package accepted, in bytes.")
    var maxUploadBytes: Int = 1 << 30

    @Option(help: "Seconds an upload may take before it is refused with 408.")
    var uploadTimeout: Int = 300

    @Option(help: "Seconds a deactivated app gets between SIGTERM and SIGKILL.")
    var stopTimeout: Int = 5

    @Option(help: "Largest total size an app package may unpack to, in bytes.")
    var maxUnpackedBytes: Int = 2 << 30

    @Option(help: ArgumentHelp("User ids for apps when the device runs as root (each app runs as one of its own and sees only its own folder), or 'none' to run apps as the device's user.", valueName: "first-last|none"))
    var appUids: String = "61000-61999"

    @Option(help: ArgumentHelp("WS-Discovery (answer Probes on UDP 3702, Hello on start, Bye on stop): auto is on unless --host is a loopback address.", valueName: "auto|on|off"))
    var discovery: String = "auto"

    @Option(name: .customLong("scope"), help: ArgumentHelp("An ONVIF scope to add to the device's (GetScopes, WS-Discovery), e.g. onvif://www.onvif.org/location/lab. Repeatable.", valueName: "uri"))
    var scopes: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func run() async throws {
        var logger = Logger(label: "appmgmt-device")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var appUserIDs: ClosedRange<UInt32>?
        if appUids != "none" {
            let bounds = appUids.split(separator: "-").compactMap { UInt32($0) }
            guard bounds.count == 2, bounds[0] > 0, bounds[0] <= bounds[1] else {
                throw ValidationError("--app-uids expects FIRST-LAST (e.g. 61000-61999) or none, got '\(appUids)'")
            }
            appUserIDs = bounds[0]...bounds[1]
        }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        var configuration = DeviceConfiguration(
            dataDirectory: URL(fileURLWithPath: dataDir, isDirectory: true).standardizedFileURL,
            host: host, port: port, publicBaseURL: publicURL, maxUploadBytes: maxUploadBytes,
            uploadTimeout: .seconds(uploadTimeout), stopTimeout: .seconds(stopTimeout), maxUnpackedBytes: maxUnpackedBytes, appUserIDs: appUserIDs)
        configuration.tlsCertificatePath = tlsCert
        configuration.tlsKeyPath = tlsKey
        configuration.allowPlaintextPasswords = allowPlaintextPasswords
        guard let discoveryMode = DeviceConfiguration.Discovery(rawValue: discovery) else {
            throw ValidationError("--discovery expects auto, on or off, got '\(discovery)'")
        }
        configuration.discovery = discoveryMode
        for scope in scopes {
            guard scope.contains(":"), !scope.contains(where: \.isWhitespace) else { throw ValidationError("--scope expects a URI without spaces, got '\(scope)'") }
            if !configuration.scopes.contains(scope) { configuration.scopes.append(scope) }
        }
        let device = try AppMgmtDevice(configuration: configuration, logger: logger)
        var specs = addUsers
        if let addUsersFrom {
            let text: String
            if addUsersFrom == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: addUsersFrom) else { throw ValidationError("cannot read \(addUsersFrom)") }
                text = String(decoding: data, as: UTF8.self)
            }
            specs += text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        }
        for spec in specs {
            let parts = spec.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3, let level = UserLevel(parsing: parts[2]), !parts[0].isEmpty else {
                throw ValidationError("an account must be NAME:PASSWORD:LEVEL, got one for '\(spec.split(separator: ":").first ?? "")' that is not")
            }
            try await device.users.set(DeviceUser(username: parts[0], password: parts[1], level: level))
        }
        if let admin = device.createdAdministrator {
            // Never into a log: the password goes to a 0600 file, and on screen only to a terminal.
            let file = configuration.dataDirectory.appendingPathComponent("initial-admin-password")
            let bytes = Array((admin.password + "\n").utf8)
            let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
            let written = fd < 0 ? -1 : write(fd, bytes, bytes.count)
            let failure = errno
            if fd >= 0 { _ = fchmod(fd, 0o600); close(fd) }
            guard written == bytes.count else {
                throw ValidationError(
                    "cannot write the administrator's password to \(file.path): \(String(cString: strerror(failure))); set it with --add-users-from (NAME:PASSWORD:Administrator)")
            }
            let shown = isatty(STDOUT_FILENO) == 1 ? "\n  password: \(admin.password)" : ""
            FileHandle.standardOutput.write(Data("""
                Created administrator account '\(admin.username)'; its password is in \(file.path) (0600: delete it once noted)\(shown)

                """.utf8))
        }
        let host = self.host
        let servicePath = configuration.servicePath
        let scheme = configuration.usesTLS ? "https" : "http"
        try await device.run { port in
            // Unbuffered, so scripts waiting for this line see it at once.
            FileHandle.standardOutput.write(Data("appmgmt-device listening on \(scheme)://\(host):\(port)\(servicePath) (device id \(device.registry.deviceID))\n".utf8))
        }
    }
}
