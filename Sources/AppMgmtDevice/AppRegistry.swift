import AppMgmt
import Foundation
import Logging
import ONVIFSupport
import SOAPRuntime

/// What the device persists about one installed app.
struct AppRecord: Sendable, Hashable, Codable {
    var manifest: AppManifest
    /// `Installing`, `Inactive`, `Active` or `Uninstalling`.
    var state: String
    var status: String
    var installationDate: String
    var lastUpdate: String
    var licenses: [LicenseRecord]
    /// Set while an update is in progress: the version that keeps working if it fails.
    var previousManifest: AppManifest?
}

/// A license installed for an app (see `LicenseFormat`).
struct LicenseRecord: Sendable, Hashable, Codable {
    var name: String
    var validFrom: String?
    var validUntil: String?
    var license: String
}

/// The registry file: the device id and every app, written atomically on each change.
struct RegistryFile: Sendable, Codable {
    var formatVersion = 1
    var deviceID: String
    var apps: [String: AppRecord]
}

/// The device's app registry and lifecycle state machine: installs, updates, activation,
/// deactivation, uninstallation, licenses, configuration backup and restore. Every change is
/// persisted before it is acknowledged and published as an `AppMgmt/State` event.
public actor AppRegistry {
    let configuration: DeviceConfiguration
    let events: EventHub
    let logger: Logger
    private let supervisor = ProcessSupervisor()
    private var file: RegistryFile {
        didSet { infoCache = nil }
    }
    /// GetAppsInfo's answer for all apps, kept until the registry or the base URL changes
    /// (every request used to sort the apps and re-parse their dates).
    private var infoCache: [AppInfo]?
    private var busy: Set<String> = []
    private let paths: DevicePaths
    /// Scheme, host and port of the URIs handed out; set once the server knows its port.
    private var baseURL: String {
        didSet { infoCache = nil }
    }

    public nonisolated var deviceID: String { deviceIDValue }
    private nonisolated let deviceIDValue: String

    init(configuration: DeviceConfiguration, events: EventHub, logger: Logger) throws {
        self.configuration = configuration
        self.events = events
        self.logger = logger
        let paths = DevicePaths(root: configuration.dataDirectory)
        self.paths = paths
        self.baseURL = configuration.baseURL
        try paths.createAll()
        if let data = FileManager.default.contents(atPath: paths.registry.path) {
            do {
                file = try JSONDecoder().decode(RegistryFile.self, from: data)
            } catch {
                throw DeviceError.invalidConfiguration("\(paths.registry.path) is damaged: \(error)")
            }
        } else {
            file = RegistryFile(deviceID: UUID().uuidString.lowercased(), apps: [:])
            let data = try JSONEncoder().encode(file)
            try AtomicFile.write(data, to: paths.registry)
        }
        deviceIDValue = file.deviceID
    }

    // MARK: Start and stop

    /// The address clients reach the device at, for configuration URIs (when the port was
    /// chosen at start).
    func setBaseURL(_ url: String) {
        baseURL = url
    }

    /// Brings the registry to a consistent state after a restart or crash, resumes uploads that
    /// were acknowledged but not installed, and starts autostart apps.
    func start() async {
        await supervisor.setExitHandler { [weak self] appID, reason, requested in
            await self?.processEnded(appID: appID, reason: reason, requested: requested)
        }
        for id in file.apps.keys.sorted() {
            guard var record = file.apps[id] else { continue }
            switch record.state {
            case "Installing":
                if let previous = record.previousManifest {
                    let previousDir = paths.previous(id)
                    if FileManager.default.fileExists(atPath: previousDir.path) {
                        try? FileManager.default.removeItem(at: paths.current(id))
                        try? FileManager.default.moveItem(at: previousDir, to: paths.current(id))
                    }
                    record.manifest = previous
                    record.previousManifest = nil
                    record.state = "Inactive"
                    record.status = "Update interrupted by a device restart; version \(previous.version) kept"
                    file.apps[id] = record
                    persistOrLog()
                    publish(id, .installationFailed, "Installation interrupted by a device restart")
                    publish(id, .inactive, record.status)
                } else {
                    try? FileManager.default.removeItem(at: paths.app(id))
                    file.apps[id] = nil
                    persistOrLog()
                    publish(id, .installationFailed, "Installation interrupted by a device restart")
                }
            case "Uninstalling":
                try? FileManager.default.removeItem(at: paths.app(id))
                file.apps[id] = nil
                persistOrLog()
                publish(id, .removed, nil)
            case "Active":
                record.state = "Inactive"
                record.status = "Stopped by a device restart"
                file.apps[id] = record
                persistOrLog()
            default:
                break
            }
            // A finished update whose old files were not yet removed.
            try? FileManager.default.removeItem(at: paths.previous(id))
        }
        try? FileManager.default.removeItem(at: paths.staging)
        try? FileManager.default.createDirectory(at: paths.staging, withIntermediateDirectories: true)
        for upload in paths.pendingUploads() {
            Task { await self.install(upload: upload) }
        }
        for (id, record) in file.apps.sorted(by: { $0.key < $1.key }) where record.manifest.autostart == true && record.state == "Inactive" {
            do {
                try await activate(id)
            } catch {
                logger.warning("autostart of \(id) failed: \(error)")
            }
        }
    }

    /// Stops every running app.
    func shutdown() async {
        await supervisor.stopAll(timeout: configuration.stopTimeout)
        events.finish()
    }

    // MARK: Queries

    func appInfos(_ id: String?) throws(SOAPFault) -> [AppInfo] {
        if let id {
            guard let record = file.apps[id] else { throw Self.unknownID(id) }
            return [info(id, record)]
        }
        if let infoCache { return infoCache }
        let infos = file.apps.sorted { $0.key < $1.key }.map { info($0.key, $0.value) }
        infoCache = infos
        return infos
    }

    private static let epoch = XSDDateTime(date: Date(timeIntervalSince1970: 0))

    private func info(_ id: String, _ record: AppRecord) -> AppInfo {
        let manifest = record.manifest
        let fallbackDate = Self.epoch
        return AppInfo(
            appID: id, name: manifest.name, version: manifest.version,
            licenses: record.licenses.map { license in
                LicenseInfo(
                    name: license.name, validFrom: license.validFrom.flatMap { try? XSDDateTime(xsdLexical: $0) },
                    validUntil: license.validUntil.flatMap { try? XSDDateTime(xsdLexical: $0) })
            },
            privileges: manifest.privileges ?? [],
            installationDate: (try? XSDDateTime(xsdLexical: record.installationDate)) ?? fallbackDate,
            lastUpdate: (try? XSDDateTime(xsdLexical: record.lastUpdate)) ?? fallbackDate,
            state: AppState(lexical: record.state), status: record.status, autostart: manifest.autostart ?? false,
            website: manifest.website, openSource: manifest.openSource,
            configuration: baseURL + DeviceConfiguration.configurationPath(appID: id),
            interfaceDescription: manifest.interfaceDescription ?? [])
    }

    /// The pid of a running app, for tests and diagnostics.
    public func pid(of id: String) async -> Int32? { await supervisor.pid(of: id) }

    /// Where an app's files live.
    public nonisolated func directory(of id: String) -> URL { paths.app(id) }

    static func unknownID(_ id: String) -> SOAPFault {
        SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "No application with AppID '\(id)' is installed")
    }

    // MARK: Install and update

    /// Installs or updates from an acknowledged upload; the upload file is removed at the end.
    func install(upload: URL) async {
        defer { try? FileManager.default.removeItem(at: upload) }
        let staging = paths.staging.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: staging) }
        let manifest: AppManifest
        do {
            manifest = try await Self.unpack(upload, into: staging)
        } catch {
            logger.notice("installation of upload \(upload.lastPathComponent) failed: \(error.reason)")
            publish(error.appID ?? Self.uploadLabel(upload), .installationFailed, error.reason)
            return
        }
        let id = manifest.id
        guard !busy.contains(id) else {
            publish(id, .installationFailed, "Another installation or removal of \(id) is in progress")
            return
        }
        busy.insert(id)
        defer { busy.remove(id) }

        let now = XSDDateTime(date: Date()).xsdLexical
        var record: AppRecord
        if var existing = file.apps[id] {
            if existing.state == "Active" {
                await supervisor.stop(appID: id, timeout: configuration.stopTimeout)
                existing.state = "Inactive"
                existing.status = "Stopped for an update to version \(manifest.version)"
                file.apps[id] = existing
                persistOrLog()
                publish(id, .inactive, nil)
            }
            existing.previousManifest = existing.manifest
            existing.state = "Installing"
            existing.status = "Updating to version \(manifest.version)"
            record = existing
        } else {
            record = AppRecord(manifest: manifest, state: "Installing", status: "Installing version \(manifest.version)", installationDate: now, lastUpdate: now, licenses: [], previousManifest: nil)
        }
        file.apps[id] = record
        guard persistOrLog() else {
            publish(id, .installationFailed, "The device could not record the installation")
            return
        }
        publish(id, .installing, nil)

        do {
            let fm = FileManager.default
            try fm.createDirectory(at: paths.app(id), withIntermediateDirectories: true)
            try fm.createDirectory(at: paths.config(id), withIntermediateDirectories: true)
            if record.previousManifest != nil, fm.fileExists(atPath: paths.current(id).path) {
                try? fm.removeItem(at: paths.previous(id))
                try fm.moveItem(at: paths.current(id), to: paths.previous(id))
            }
            try fm.moveItem(at: staging.appendingPathComponent("package"), to: paths.current(id))
            record.manifest = manifest
            record.previousManifest = nil
            record.state = "Inactive"
            record.status = "Installed version \(manifest.version)"
            record.lastUpdate = now
            file.apps[id] = record
            try persist()
            try? fm.removeItem(at: paths.previous(id))
            publish(id, .inactive, nil)
            logger.info("installed \(id) \(manifest.version)")
        } catch {
            await rollBack(id, reason: "\(error)")
            return
        }
        if manifest.autostart == true {
            do {
                try await activate(id)
            } catch {
                logger.warning("autostart of \(id) failed: \(error)")
            }
        }
    }

    private func rollBack(_ id: String, reason: String) async {
        logger.notice("installation of \(id) failed: \(reason)")
        guard var record = file.apps[id] else { return }
        let fm = FileManager.default
        if let previous = record.previousManifest {
            if fm.fileExists(atPath: paths.previous(id).path) {
                try? fm.removeItem(at: paths.current(id))
                try? fm.moveItem(at: paths.previous(id), to: paths.current(id))
            }
            record.manifest = previous
            record.previousManifest = nil
            record.state = "Inactive"
            record.status = "Update failed (\(reason)); version \(previous.version) kept"
            file.apps[id] = record
            persistOrLog()
            publish(id, .installationFailed, reason)
            publish(id, .inactive, record.status)
        } else {
            try? fm.removeItem(at: paths.app(id))
            file.apps[id] = nil
            persistOrLog()
            publish(id, .installationFailed, reason)
        }
    }

    /// Why an upload could not be installed, with the AppID when the manifest named one.
    struct UnpackError: Error, CustomStringConvertible {
        var appID: String?
        var reason: String
        var description: String { reason }
    }

    /// Validates and extracts a package, returning its manifest (off the actor: this runs tar).
    nonisolated static func unpack(_ upload: URL, into staging: URL) async throws(UnpackError) -> AppManifest {
        let packageDir = staging.appendingPathComponent("package")
        let manifest: AppManifest
        do {
            try AppArchive.extract(upload, to: packageDir)
            let manifestURL = packageDir.appendingPathComponent("manifest.json")
            guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
                throw DeviceError.invalidPackage("manifest.json is missing at the root of the package")
            }
            do {
                manifest = try JSONDecoder().decode(AppManifest.self, from: data)
            } catch {
                throw DeviceError.invalidPackage("manifest.json is not valid: \(Self.describe(error))")
            }
            try manifest.validate()
        } catch {
            throw UnpackError(appID: nil, reason: "\(error)")
        }
        let entry = packageDir.appendingPathComponent(manifest.entryPoint)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: entry.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw UnpackError(appID: manifest.id, reason: "invalid app package: entry point '\(manifest.entryPoint)' is not a file in the package")
        }
        // Packages built without permissions still start.
        do {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: entry.path)
        } catch {
            throw UnpackError(appID: manifest.id, reason: "cannot make the entry point executable: \(error.localizedDescription)")
        }
        return manifest
    }

    nonisolated static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }

    nonisolated static func uploadLabel(_ upload: URL) -> String {
        "upload-" + upload.deletingPathExtension().deletingPathExtension().lastPathComponent
    }

    // MARK: Lifecycle

    func activate(_ id: String) async throws {
        guard var record = file.apps[id] else { throw Self.unknownID(id) }
        switch record.state {
        case "Active": return
        case "Inactive": break
        default:
            throw SOAPFault(code: .receiver, subcodes: [.action], reason: "Application \(id) is \(record.state) and cannot be activated now")
        }
        do {
            let pid = try await supervisor.start(
                appID: id, executable: paths.current(id).appendingPathComponent(record.manifest.entryPoint),
                workingDirectory: paths.current(id),
                environment: [
                    "APPMGMT_APP_ID": id, "APPMGMT_APP_VERSION": record.manifest.version,
                    "APPMGMT_CONFIG_DIR": paths.config(id).path,
                ],
                log: paths.log(id))
            record.state = "Active"
            record.status = "Running (pid \(pid))"
            file.apps[id] = record
            persistOrLog()
            publish(id, .active, nil)
        } catch {
            record.status = "Activation failed: \(error)"
            file.apps[id] = record
            persistOrLog()
            throw SOAPFault(code: .receiver, subcodes: [.action], reason: "Application \(id) could not be started: \(error)")
        }
    }

    func deactivate(_ id: String) async throws {
        guard var record = file.apps[id] else { throw Self.unknownID(id) }
        guard record.state == "Active" else { return }
        await supervisor.stop(appID: id, timeout: configuration.stopTimeout)
        record.state = "Inactive"
        record.status = "Deactivated"
        file.apps[id] = record
        persistOrLog()
        publish(id, .inactive, nil)
    }

    private func processEnded(appID: String, reason: String, requested: Bool) {
        guard !requested, var record = file.apps[appID], record.state == "Active" else { return }
        record.state = "Inactive"
        record.status = "Stopped unexpectedly: \(reason)"
        file.apps[appID] = record
        persistOrLog()
        logger.notice("app \(appID) \(reason)")
        publish(appID, .inactive, record.status)
    }

    func uninstall(_ id: String) async throws {
        guard var record = file.apps[id] else { throw Self.unknownID(id) }
        guard !busy.contains(id) else {
            throw SOAPFault(code: .receiver, subcodes: [.action], reason: "Application \(id) is being installed; try again when it is done")
        }
        busy.insert(id)
        defer { busy.remove(id) }
        record.state = "Uninstalling"
        record.status = "Uninstalling"
        file.apps[id] = record
        persistOrLog()
        publish(id, .uninstalling, nil)
        await supervisor.stop(appID: id, timeout: configuration.stopTimeout)
        do {
            try FileManager.default.removeItem(at: paths.app(id))
        } catch {
            logger.warning("removing the files of \(id) failed: \(error)")
        }
        file.apps[id] = nil
        persistOrLog()
        publish(id, .removed, nil)
    }

    // MARK: Licenses

    func installLicense(appID: String?, license: String) throws(SOAPFault) {
        let decoded: LicenseFormat.License
        do {
            decoded = try LicenseFormat.decode(license)
        } catch {
            throw SOAPFault(code: .sender, subcodes: [.invalidArgVal, .invalidFormat], reason: "The license cannot be interpreted: \(error)")
        }
        guard let target = appID ?? decoded.appID else {
            throw SOAPFault(code: .sender, subcodes: [.invalidArgVal, .invalidFormat], reason: "The license names no application and no AppID was given")
        }
        if let licensed = decoded.appID, licensed != target {
            throw SOAPFault(code: .sender, subcodes: [.invalidArgVal, .invalidFormat], reason: "The license is for '\(licensed)', not '\(target)'")
        }
        guard var record = file.apps[target] else { throw Self.unknownID(target) }
        record.licenses.removeAll { $0.license == license }
        record.licenses.append(LicenseRecord(name: decoded.name, validFrom: decoded.validFrom, validUntil: decoded.validUntil, license: license))
        file.apps[target] = record
        do {
            try persist()
        } catch {
            throw SOAPFault(code: .receiver, subcodes: [.action], reason: "The license could not be stored")
        }
    }

    // MARK: Configuration backup and restore

    /// Outcome of a restore, mapped to HTTP status by the endpoint.
    enum RestoreOutcome: Sendable, Equatable {
        case restored
        case unknownApp
        case versionMismatch(String)
        case invalid(String)
    }

    /// A tar.gz of the app's configuration folder with `appmgmt-backup.json` naming the app and
    /// its version; `nil` for an unknown app.
    func backup(_ id: String) async throws -> Data? {
        guard let record = file.apps[id] else { return nil }
        let work = paths.staging.appendingPathComponent("backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let fm = FileManager.default
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        let meta = BackupMetadata(appID: id, appVersion: record.manifest.version, created: XSDDateTime(date: Date()).xsdLexical)
        try JSONEncoder().encode(meta).write(to: work.appendingPathComponent("appmgmt-backup.json"))
        if fm.fileExists(atPath: paths.config(id).path) {
            try fm.copyItem(at: paths.config(id), to: work.appendingPathComponent("config"))
        } else {
            try fm.createDirectory(at: work.appendingPathComponent("config"), withIntermediateDirectories: true)
        }
        let archive = paths.staging.appendingPathComponent("backup-\(UUID().uuidString).tar.gz")
        defer { try? fm.removeItem(at: archive) }
        try AppArchive.pack(work, to: archive)
        return try Data(contentsOf: archive)
    }

    /// Restores a configuration blob; a blob from another app or an incompatible version
    /// (different major version) is refused.
    func restore(_ id: String, blob: URL) async -> RestoreOutcome {
        guard let record = file.apps[id] else { return .unknownApp }
        let work = paths.staging.appendingPathComponent("restore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try AppArchive.extract(blob, to: work)
        } catch {
            return .invalid("\(error)")
        }
        guard let data = FileManager.default.contents(atPath: work.appendingPathComponent("appmgmt-backup.json").path),
            let meta = try? JSONDecoder().decode(BackupMetadata.self, from: data)
        else {
            return .invalid("not a configuration backup of this device (appmgmt-backup.json missing)")
        }
        guard meta.appID == id else { return .versionMismatch("the backup belongs to \(meta.appID), not \(id)") }
        guard Self.majorVersion(meta.appVersion) == Self.majorVersion(record.manifest.version) else {
            return .versionMismatch("the backup is from version \(meta.appVersion), incompatible with the installed \(record.manifest.version)")
        }
        let fm = FileManager.default
        let restored = work.appendingPathComponent("config")
        if !fm.fileExists(atPath: restored.path) { try? fm.createDirectory(at: restored, withIntermediateDirectories: true) }
        let old = paths.app(id).appendingPathComponent("config.old")
        do {
            try? fm.removeItem(at: old)
            if fm.fileExists(atPath: paths.config(id).path) { try fm.moveItem(at: paths.config(id), to: old) }
            try fm.moveItem(at: restored, to: paths.config(id))
            try? fm.removeItem(at: old)
        } catch {
            if fm.fileExists(atPath: old.path), !fm.fileExists(atPath: paths.config(id).path) { try? fm.moveItem(at: old, to: paths.config(id)) }
            return .invalid("could not replace the configuration: \(error)")
        }
        logger.info("restored configuration of \(id) from a backup of version \(meta.appVersion)")
        return .restored
    }

    static func majorVersion(_ version: String) -> String {
        String(version.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "+" }).first ?? Substring(version))
    }

    // MARK: Persistence and events

    private func persist() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(file), to: paths.registry)
    }

    @discardableResult
    private func persistOrLog() -> Bool {
        do {
            try persist()
            return true
        } catch {
            logger.error("cannot persist the registry: \(error)")
            return false
        }
    }

    private func publish(_ id: String, _ state: AppState, _ status: String?) {
        let event = AppStateEvent(appID: id, state: state, status: status)
        logger.info("\(event)")
        events.publish(event)
    }
}

/// The contents of `appmgmt-backup.json` in a configuration backup.
struct BackupMetadata: Sendable, Codable {
    var appID: String
    var appVersion: String
    var created: String
}

/// The device's folders.
struct DevicePaths: Sendable {
    var root: URL
    var registry: URL { root.appendingPathComponent("registry.json") }
    var uploads: URL { root.appendingPathComponent("uploads") }
    var staging: URL { root.appendingPathComponent("staging") }
    var apps: URL { root.appendingPathComponent("apps") }
    func app(_ id: String) -> URL { apps.appendingPathComponent(id) }
    func current(_ id: String) -> URL { app(id).appendingPathComponent("current") }
    func previous(_ id: String) -> URL { app(id).appendingPathComponent("previous") }
    func config(_ id: String) -> URL { app(id).appendingPathComponent("config") }
    func log(_ id: String) -> URL { app(id).appendingPathComponent("app.log") }

    func createAll() throws {
        for dir in [root, uploads, staging, apps] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    /// Uploads acknowledged with 200 but not installed yet, oldest first.
    func pendingUploads() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? []
        for name in names where name.hasSuffix(".part") {
            try? FileManager.default.removeItem(at: uploads.appendingPathComponent(name))
        }
        return names.filter { $0.hasSuffix(".tar.gz") }.sorted().map { uploads.appendingPathComponent($0) }
    }
}

extension AppState {
    init(lexical: String) {
        self = (try? AppState(xsdLexical: lexical)) ?? .unknown(lexical)
    }
}
