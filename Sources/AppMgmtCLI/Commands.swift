import AppMgmt
import AppMgmtClient
import AppMgmtEvents
import ArgumentParser
import AsyncHTTPClient
import Foundation
import ONVIFClientSupport
import HTTPDigestAuth
import NIOCore
import NIOHTTP1
import NIOSSL
import ONVIFSupport
import Synchronization
import SOAPAsyncHTTPClient
import SOAPRuntime
import WSSecurity

/// Options every subcommand takes.
public struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Device address (scheme, host, port; a path is taken as the full service address).", valueName: "url"))
    var device: String?

    @Option(help: ArgumentHelp("User name (WS-Security UsernameToken for SOAP, HTTP Digest for uploads); env APPMGMT_USER.", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("Password; visible in the process list: prefer --password-file or env APPMGMT_PASSWORD.", valueName: "password"))
    var password: String?

    @Option(help: ArgumentHelp("File holding the password (its first line).", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("PEM file of the certificate authorities an https:// device's certificate must chain to (default: the system's).", valueName: "file"))
    var caFile: String?

    @Flag(help: "Accept any certificate from an https:// device (a self-signed one on a test bench).")
    var insecure = false

    @Option(help: ArgumentHelp("Path of the AppMgmt SOAP service on the device.", valueName: "path"))
    var servicePath = "/onvif/app_management"

    @Option(help: ArgumentHelp("Seconds allowed for each SOAP call or HTTP exchange (uploads: at least an hour).", valueName: "seconds"))
    var requestTimeout = 30

    @Flag(help: "Print JSON instead of text.")
    var json = false

    public init() {}

    static let defaultDevice = "http://127.0.0.1:8080"

    var resolvedDevice: String {
        device ?? ProcessInfo.processInfo.environment["APPMGMT_DEVICE"] ?? Self.defaultDevice
    }

    var resolvedUser: String? {
        let user = self.user ?? ProcessInfo.processInfo.environment["APPMGMT_USER"]
        return user?.isEmpty == true ? nil : user
    }

    var resolvedPassword: String {
        if let password { return password }
        if let passwordFile, let data = FileManager.default.contents(atPath: passwordFile) {
            return String(String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? "")
        }
        return ProcessInfo.processInfo.environment["APPMGMT_PASSWORD"] ?? ""
    }

    /// The HTTP client: the shared one, or one trusting `--ca-file` (or anything, with
    /// `--insecure`) for https:// devices.
    func httpClient() throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if insecure {
            tls.certificateVerification = .none
        } else if let caFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw CLIError("cannot read the certificate authorities in \(caFile): \(error)")
            }
        }
        return TLSClients.client(for: tls, key: "\(insecure):\(caFile ?? "")")
    }
}

/// What one run talks to the device with.
struct Connection {
    let options: GlobalOptions
    let origin: String
    let endpoint: String
    let session: DigestSession
    let client: AppManagementClient
    let http: DigestHTTP
    /// What SOAP clients of other services on the device use (Digest-capable, WS-Security).
    let transport: any SOAPClientTransport
    let security: (any SOAPClientSecurity)?

    /// A connection whose WS-Security tokens are dated by the device's clock when it is off
    /// by more than ``DeviceClock/threshold`` (read from its Device service, anonymously).
    static func open(_ options: GlobalOptions) async throws -> Connection {
        let connection = try Connection(options)
        guard options.resolvedUser != nil,
            let offset = await DeviceClock.offset(deviceService: connection.origin + "/onvif/device_service", transport: connection.transport),
            abs(offset.components.seconds) >= DeviceClock.threshold.components.seconds
        else { return connection }
        Terminal.writeStderr("note: the device's clock is \(Double(offset.components.seconds)) s \(offset > .zero ? "ahead of" : "behind") this machine's; WS-Security tokens are dated by the device's clock\n")
        return try Connection(options, clockOffset: offset)
    }

    init(_ options: GlobalOptions, clockOffset: Duration = .zero) throws {
        self.options = options
        let device = options.resolvedDevice
        origin = try DeviceURL.origin(of: device)
        endpoint = try DeviceURL.serviceEndpoint(device: device, servicePath: options.servicePath)
        let user = options.resolvedUser
        session = DigestSession(username: user, password: options.resolvedPassword)
        let timeout = TimeAmount.seconds(Int64(max(1, options.requestTimeout)))
        let httpClient = try options.httpClient()
        let transport = DigestSOAPTransport(base: AsyncHTTPClientTransport(client: httpClient, timeout: timeout), session: session)
        let security: (any SOAPClientSecurity)? = user.map { WSSecurityCredentials(username: $0, password: options.resolvedPassword, clockOffset: clockOffset) }
        client = AppManagementClient(endpoint: endpoint, transport: transport, security: security)
        self.transport = transport
        self.security = security
        http = DigestHTTP(client: httpClient, session: session, timeout: timeout)
    }

    func printOut(_ text: String) {
        Terminal.writeStdout(text.hasSuffix("\n") ? text : text + "\n")
    }

    func output<T: Encodable>(json value: T, text: @autoclosure () -> String) {
        printOut(options.json ? Render.json(value) : text())
    }

    /// GetAppsInfo for one app, which must exist.
    func appInfo(_ id: String) async throws -> AppInfo {
        let response = try await client.getAppsInfo(appID: id)
        guard let info = response.info.first(where: { $0.appID == id }) ?? response.info.first else {
            throw CLIError("the device reported no information for AppID '\(id)'")
        }
        return info
    }

    /// Fails with the status meaning unless 2xx; returns the body text for the message.
    func requireSuccess(_ response: HTTPClientResponse, what: String) async throws -> String {
        let body = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let detail = body.trimmingCharacters(in: .whitespacesAndNewlines)
            throw CLIError("\(what) failed: HTTP \(HTTPStatusMeaning.describe(status))\(detail.isEmpty ? "" : ": \(detail.prefix(200))")")
        }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The `appmgmt` command.
public struct AppMgmtCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "appmgmt",
        abstract: "Manage the apps of an ONVIF Application Management device.",
        discussion: """
            SOAP calls authenticate with a WS-Security UsernameToken (PasswordDigest) and, when \
            the device asks for it, HTTP Digest; uploads, backup and restore use HTTP Digest. \
            Exit codes: 0 ok, 1 the device refused (SOAP fault, HTTP error status), 2 the device \
            could not be reached or answered nonsense, 64 usage error.
            """,
        subcommands: [
            Capabilities.self, List.self, Info.self, Install.self, Activate.self, Deactivate.self, Uninstall.self,
            License.self, Backup.self, Restore.self, DeviceID.self, Package.self, Wait.self, Events.self, Probe.self, Discover.self,
        ]
    )

    public init() {}

    /// Parses the process arguments and runs the chosen subcommand, exiting with its status.
    /// (What `AsyncParsableCommand.main()` does; called explicitly so the synchronous `main()`
    /// is never picked from top-level code.)
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit()
        } catch {
            exit(withError: error)
        }
    }
}

extension AppMgmtCommand {
    struct Capabilities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the service capabilities (formats, licensing, upload path).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let caps = CapabilitiesDTO(try await connection.client.getServiceCapabilities().capabilities)
                connection.output(json: caps, text: Render.capabilities(caps))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the installed apps (ID, name, state).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let apps = try await connection.client.getInstalledApps().app
                // States come from GetAppsInfo; a device failing it still gets its list shown.
                let infos = (try? await connection.client.getAppsInfo().info) ?? []
                var states: [String: String] = [:]
                for info in infos { states[info.appID] = info.state.description }
                let rows = apps.map { AppSummaryDTO(id: $0.appID, name: $0.name, state: states[$0.appID]) }
                connection.output(json: rows, text: Render.appList(rows))
            }
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show details of one app, or of all apps.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID; all apps when omitted.") var id: String?

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let infos = try await connection.client.getAppsInfo(appID: id).info.map(AppInfoDTO.init)
                if global.json {
                    connection.printOut(id == nil ? Render.json(infos) : infos.first.map(Render.json) ?? "null")
                } else {
                    connection.printOut(infos.isEmpty ? "no applications installed" : infos.map(Render.appInfo).joined(separator: "\n\n"))
                }
            }
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload an app package (install or update).",
            discussion: """
                POSTs FILE to the device's UploadPath (from GetServiceCapabilities) with HTTP Digest \
                authentication. The challenge is first fetched with a body-less HEAD request; a \
                device that does not challenge HEAD gets the package twice (once unauthenticated, \
                answered 401, then authenticated). Installation continues on the device after the \
                upload: follow it with `appmgmt wait ID --state Inactive`.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The package file (.tar.gz).") var file: String
        @Option(help: "Content-Type to send (default from the file extension).") var contentType: String?
        @Flag(help: "Wait until the installation ends (Inactive, or Active for an autostart app), following the device's events; a failed installation exits 1 with its reason.")
        var wait = false
        @Option(help: ArgumentHelp("With --wait: give up after this many seconds.", valueName: "seconds")) var waitTimeout: Double = 300
        @Option(help: ArgumentHelp("With --wait: path of the Event service on the device.", valueName: "path")) var eventPath = "/onvif/event_service"

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let size = try fileSize(file)
                // Subscribe before the upload, so no change of this installation is missed.
                var changes: AsyncThrowingStream<AppStateChange, any Error>?
                var appID = ""
                if wait {
                    do {
                        appID = try AppManifest.read(archive: file).id
                    } catch {
                        throw CLIError("--wait needs the package's AppID: \(error)")
                    }
                    let events = AppStateEvents(
                        eventService: DeviceURL.resolve(eventPath, origin: connection.origin), transport: connection.transport, security: connection.security)
                    // Fails here, before the upload, when the device has no Event service.
                    changes = try await events.subscribedChanges()
                }
                let caps = try await connection.client.getServiceCapabilities().capabilities
                guard let uploadPath = caps.uploadPath, !uploadPath.isEmpty else {
                    throw CLIError("the device reports no UploadPath capability: it does not accept app uploads")
                }
                let url = DeviceURL.resolve(uploadPath, origin: connection.origin)
                let type = contentType ?? PackageContentType.forFile(file)
                if let formats = caps.formatsSupported, !formats.isEmpty, !formats.contains(type) {
                    Terminal.writeStderr("warning: the device supports \(formats.joined(separator: ", ")), not \(type); it will likely answer 415\n")
                }
                let body = try await upload(connection: connection, file: file, size: size, url: url, contentType: type, verb: "sent")
                guard let changes else {
                    let result = ActionResultDTO(action: "install", httpStatus: 200, message: body.isEmpty ? nil : body, bytes: size, url: url)
                    connection.output(json: result, text: "installed: \((file as NSString).lastPathComponent) uploaded to \(url)\(body.isEmpty ? "" : " (\(body))")")
                    return
                }
                // An archive refused before its manifest was read fails under the upload's label.
                let label = body.firstRange(of: /upload-[A-Za-z0-9._-]+/).map { String(body[$0]) }
                let final = try await Self.awaitEnd(of: appID, orUpload: label, in: changes, timeout: waitTimeout)
                if final.state == .installationFailed {
                    throw CLIError("installation of \(appID) failed: \(final.status ?? "no reason given")", exitCode: 1)
                }
                let result = ActionResultDTO(action: "install", appID: appID, httpStatus: 200, message: final.state.description, bytes: size, url: url)
                connection.output(json: result, text: "installed: \(appID) is \(final.state)")
            }
        }
    }

}

extension AppMgmtCommand.Install {
    /// The first change of `appID` after Installing that ends an installation: Inactive,
    /// Active (autostart) or InstallationFailed; `changes` was subscribed before the upload.
    static func awaitEnd(
        of appID: String, orUpload label: String?, in changes: AsyncThrowingStream<AppStateChange, any Error>, timeout: Double
    ) async throws -> AppStateChange {
        let result: AppStateChange? = try await withThrowingTaskGroup(of: AppStateChange?.self) { group in
            group.addTask {
                var installing = false
                for try await change in changes where change.operation != .initialized {
                    if let label, change.appID == label, change.state == .installationFailed { return change }
                    guard change.appID == appID else { continue }
                    if change.state == .installing {
                        installing = true
                    } else if change.state == .installationFailed || (installing && (change.state == .inactive || change.state == .active)) {
                        return change
                    }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(max(0, timeout) * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let result else { throw CLIError("timed out after \(Int(timeout)) s waiting for the installation of \(appID) to end") }
        return result
    }
}

extension AppMgmtCommand {
    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an installed app.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID.") var id: String

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                _ = try await connection.client.activate(appID: id)
                connection.output(json: ActionResultDTO(action: "activate", appID: id), text: "activated \(id)")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop an app.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID.") var id: String

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                _ = try await connection.client.deactivate(appID: id)
                connection.output(json: ActionResultDTO(action: "deactivate", appID: id), text: "deactivated \(id)")
            }
        }
    }

    struct Uninstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop and remove an app.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID.") var id: String

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                _ = try await connection.client.uninstall(appID: id)
                connection.output(json: ActionResultDTO(action: "uninstall", appID: id), text: "uninstalling \(id)")
            }
        }
    }

    struct License: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install a license (a string, @FILE, or @- for stdin).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The AppID the license belongs to.") var app: String?
        @Argument(help: "The license string, @FILE to read it from a file, @- from stdin.") var license: String

        func run() async throws {
            try await reportingErrors {
                let text = try LicenseArgument.resolve(license)
                let connection = try await Connection.open(global)
                _ = try await connection.client.installLicense(appID: app, license: text)
                connection.output(json: ActionResultDTO(action: "license", appID: app), text: "license installed\(app.map { " for \($0)" } ?? "")")
            }
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download an app's configuration (from its Configuration URI) to stdout or a file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID.") var id: String
        @Option(name: [.short, .long], help: "Write to this file instead of stdout.") var output: String?

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                if output == nil, Terminal.stdoutIsTTY {
                    throw CLIError("refusing to write a binary configuration to a terminal: redirect stdout or use -o FILE")
                }
                let info = try await connection.appInfo(id)
                guard let configuration = info.configuration, !configuration.isEmpty else {
                    throw CLIError("app '\(id)' has no Configuration URI: it does not support backup and restore")
                }
                let url = DeviceURL.resolve(configuration, origin: connection.origin)
                let response = try await connection.http.execute(method: .GET, url: url)
                guard response.status == .ok else {
                    _ = try await connection.requireSuccess(response, what: "backup")
                    return
                }
                let sink: FileHandle
                if let output {
                    guard FileManager.default.createFile(atPath: output, contents: nil) else {
                        throw CLIError("cannot create '\(output)'")
                    }
                    sink = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
                } else {
                    sink = FileHandle.standardOutput
                }
                var total: Int64 = 0
                for try await chunk in response.body {
                    total += Int64(chunk.readableBytes)
                    try sink.write(contentsOf: Data(chunk.readableBytesView))
                }
                if output != nil { try sink.close() }
                let result = ActionResultDTO(action: "backup", appID: id, httpStatus: 200, bytes: total, url: url)
                // stdout carries the blob: the summary goes to stderr unless written to a file.
                if let output {
                    connection.output(json: result, text: "backup of \(id): \(TextFormat.bytes(total)) written to \(output)")
                } else {
                    Terminal.writeStderr(global.json ? Render.json(result) + "\n" : "backup of \(id): \(TextFormat.bytes(total))\n")
                }
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload a configuration blob to an app's Configuration URI.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID.") var id: String
        @Argument(help: "The configuration file (as written by backup).") var file: String

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let size = try fileSize(file)
                let info = try await connection.appInfo(id)
                guard let configuration = info.configuration, !configuration.isEmpty else {
                    throw CLIError("app '\(id)' has no Configuration URI: it does not support backup and restore")
                }
                let url = DeviceURL.resolve(configuration, origin: connection.origin)
                let path = file
                let response = try await connection.http.execute(
                    method: .POST, url: url,
                    headers: [("Content-Type", "application/octet-stream"), ("Content-Length", String(size))],
                    body: { .stream(FileChunks(path: path), length: .known(size)) })
                let status = Int(response.status.code)
                let body = try await connection.requireSuccess(response, what: "restore")
                let result = ActionResultDTO(action: "restore", appID: id, httpStatus: status, message: HTTPStatusMeaning.describe(status), bytes: size, url: url)
                connection.output(json: result, text: "restored \(id): HTTP \(HTTPStatusMeaning.describe(status))\(body.isEmpty ? "" : " (\(body))")")
            }
        }
    }

    struct DeviceID: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "device-id", abstract: "Show the device identifier.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let id = try await connection.client.getDeviceId().deviceId
                connection.output(json: ["deviceId": id], text: id)
            }
        }
    }

    struct Package: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build an app package from a directory holding manifest.json.",
            discussion: "Runs `tar -czf OUT --owner=0 --group=0 --numeric-owner --sort=name -C DIR .` (GNU tar).")
        @Argument(help: "The app directory.") var directory: String
        @Option(name: [.short, .customLong("output")], help: "The archive to write (default <id>-<version>.tar.gz).") var output: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await reportingErrors {
                let manifest = try AppManifest.read(directory: directory)
                let out = output ?? manifest.defaultArchiveName
                if PackageBuilder.isInside(out, directory: directory) {
                    throw CLIError("the output '\(out)' would be inside the packaged directory; choose another place with -o")
                }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["tar"] + PackageBuilder.tarArguments(directory: directory, output: out)
                do {
                    try process.run()
                } catch {
                    throw CLIError("cannot run tar: \(error.localizedDescription)")
                }
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    throw CLIError("tar failed with exit status \(process.terminationStatus)")
                }
                let size = (try? fileSize(out)) ?? 0
                let result = ActionResultDTO(action: "package", appID: manifest.id, message: out, bytes: size)
                Terminal.writeStdout((json ? Render.json(result) : "\(out): \(manifest.id) \(manifest.version), \(TextFormat.bytes(size))") + "\n")
            }
        }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll GetAppsInfo until an app reaches a state.",
            discussion: "`--state Removed` is also reached when the device no longer knows the app. An unknown app is otherwise polled on (it may not be listed yet right after an upload).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The AppID.") var id: String
        @Option(help: "The state to wait for: Active, Inactive, Installing, Uninstalling, Removed.") var state: String
        @Option(name: .customLong("timeout"), help: "Give up after this many seconds.") var waitTimeout: Double = 30
        @Option(help: "Seconds between polls.") var interval: Double = 0.5

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let wanted = state.lowercased()
                let deadline = Date().addingTimeInterval(waitTimeout)
                var last = "unknown"
                while true {
                    do {
                        let info = try await connection.appInfo(id)
                        last = info.state.description
                        if last.lowercased() == wanted {
                            connection.output(json: ActionResultDTO(action: "wait", appID: id, message: last), text: "\(id): \(last)")
                            return
                        }
                    } catch let fault as SOAPFault where fault.hasSubcode(.unknownId) {
                        if wanted == "removed" {
                            connection.output(json: ActionResultDTO(action: "wait", appID: id, message: "Removed"), text: "\(id): Removed")
                            return
                        }
                        last = "not installed"
                    }
                    if Date() >= deadline {
                        throw CLIError("timed out after \(waitTimeout) s waiting for '\(id)' to become \(state) (now: \(last))")
                    }
                    try await Task.sleep(for: .milliseconds(Int(max(0.05, interval) * 1000)))
                }
            }
        }
    }
}

extension AppMgmtCommand {
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each app's state from the device's tns1:AppMgmt/State events; with --follow, every change as it happens.",
            discussion: """
                Uses the ONVIF Event service (a pull point at --event-path; the device keeps a                 PullMessages waiting, so changes print as they happen). Lines: time, AppID, state,                 what kind of message (Initialized: the state at subscribe time; Changed; Deleted),                 and the status when there is one. --json prints one JSON object per line.
                """)
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Keep following until interrupted.") var follow = false
        @Option(help: ArgumentHelp("Path of the Event service on the device.", valueName: "path")) var eventPath = "/onvif/event_service"

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let events = AppStateEvents(
                    eventService: DeviceURL.resolve(eventPath, origin: connection.origin), transport: connection.transport, security: connection.security)
                if follow {
                    // One line per change, also in JSON (JSON Lines), as each arrives.
                    for try await change in events.changes() {
                        let dto = AppStateChangeDTO(change)
                        connection.printOut(global.json ? Render.jsonLine(dto) : dto.text)
                    }
                } else {
                    let changes = try await events.snapshot().map(AppStateChangeDTO.init)
                    if global.json {
                        connection.printOut(Render.json(changes))
                    } else {
                        connection.printOut(changes.isEmpty ? "no applications installed" : changes.map(\.text).joined(separator: "\n"))
                    }
                }
            }
        }
    }
}

/// One state change as the CLI prints it.
struct AppStateChangeDTO: Encodable {
    var time: String
    var appID: String
    var state: String
    var operation: String
    var status: String?

    init(_ change: AppStateChange) {
        time = XSDDateTime(date: change.time, fractionDigits: 3).xsdLexical
        appID = change.appID
        state = change.state.description
        operation = change.operation.rawValue
        status = change.status
    }

    var text: String { "\(time)  \(appID)  \(state)  (\(operation))" + (status.map { "  \($0)" } ?? "") }
}

/// The license argument: a literal, `@FILE`, or `@-` for stdin (a trailing newline dropped).
public enum LicenseArgument {
    public static func resolve(_ argument: String, stdin: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws -> String {
        guard argument.hasPrefix("@") else { return argument }
        let path = String(argument.dropFirst())
        let data: Data
        if path == "-" {
            data = stdin()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CLIError("cannot read license file '\(path)': \(error.localizedDescription)")
            }
        }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" { text.unicodeScalars.removeLast() }
        return text
    }
}

func fileSize(_ path: String) throws -> Int64 {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw CLIError("no such file: '\(path)'")
    }
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.size] as? NSNumber)?.int64Value ?? 0
}

/// Uploads a file with Digest authentication and progress; returns the response text.
func upload(connection: Connection, file: String, size: Int64, url: String, contentType: String, verb: String) async throws -> String {
    let uploadHTTP = DigestHTTP(client: connection.http.client, session: connection.session, timeout: .seconds(Int64(max(3600, connection.options.requestTimeout))))
    let primed = await uploadHTTP.primeChallenge(url: url)
    let progress = ProgressReporter(total: size)
    let response = try await uploadHTTP.execute(
        method: .POST, url: url,
        headers: [("Content-Type", contentType), ("Content-Length", String(size))], freshChallenge: primed,
        body: {
            progress.restart()
            return .stream(FileChunks(path: file, progress: { progress.add($0) }), length: .known(size))
        })
    progress.finish(verb: verb)
    return try await connection.requireSuccess(response, what: "upload")
}

/// HTTP clients with a TLS configuration of their own, one per configuration, alive for the
/// whole process (an AsyncHTTPClient must not be released before it is shut down). They do
/// not retry a failed connection: an untrusted certificate or a refused connection is
/// reported at once instead of after the request timeout.
enum TLSClients {
    private static let clients = Mutex<[String: HTTPClient]>([:])

    static func client(for tls: TLSConfiguration, key: String) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }
}
