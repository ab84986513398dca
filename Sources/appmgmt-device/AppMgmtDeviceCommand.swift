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

    @Option(name: .customLong("add-user"), help: ArgumentHelp("Create or update an account: NAME:PASSWORD:LEVEL (Administrator, Operator or User). Repeatable.", valueName: "user"))
    var addUsers: [String] = []

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
        let configuration = DeviceConfiguration(
            dataDirectory: URL(fileURLWithPath: dataDir, isDirectory: true).standardizedFileURL,
            host: host, port: port, publicBaseURL: publicURL, maxUploadBytes: maxUploadBytes,
            uploadTimeout: .seconds(uploadTimeout), stopTimeout: .seconds(stopTimeout), maxUnpackedBytes: maxUnpackedBytes, appUserIDs: appUserIDs)
        let device = try AppMgmtDevice(configuration: configuration, logger: logger)
        for spec in addUsers {
            let parts = spec.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3, let level = UserLevel(parsing: parts[2]), !parts[0].isEmpty else {
                throw ValidationError("--add-user expects NAME:PASSWORD:LEVEL, got '\(spec)'")
            }
            try await device.users.set(DeviceUser(username: parts[0], password: parts[1], level: level))
        }
        if let admin = device.createdAdministrator {
            FileHandle.standardOutput.write(Data("""
                Created administrator account (shown once; stored in \(configuration.dataDirectory.path)/users.json):
                  user: \(admin.username)
                  password: \(admin.password)

                """.utf8))
        }
        let host = self.host
        try await device.run { port in
            // Unbuffered, so scripts waiting for this line see it at once.
            FileHandle.standardOutput.write(Data("appmgmt-device listening on http://\(host):\(port)\(configuration.servicePath) (device id \(device.registry.deviceID))\n".utf8))
        }
    }
}
