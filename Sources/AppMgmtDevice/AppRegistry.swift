import AppMgmt
import Foundation
import Logging
import ONVIFSupport
import SOAPRuntime

#if canImport(Glibc)
import Glibc
#endif

/// The device's apps: installs (one at a time, from a queue), updates, activation,
/// deactivation, uninstallation, licenses, configuration backup and restore.
///
/// Every operation on an app holds that app's lock for its whole duration and asks
/// `AppLifecycle` whether it may proceed, re-reading the record after each await; every
/// change is persisted before it is acknowledged (a change that cannot be written fails the
/// operation) and published as an `AppMgmt/State` event. File work runs in `AppInstaller`,
/// processes in `ProcessSupervisor`, both off this actor.
public actor AppRegistry {
    let configuration: DeviceConfiguration
    let events: EventHub
    let logger: Logger
    private let supervisor: ProcessSupervisor
    private let installer: AppInstaller
    private var store: RegistryStore {
        didSet { infoCache = nil }
    }
    /// GetAppsInfo's answer for all apps, kept until the registry or the base URL changes.
    private var infoCache: [AppInfo]?
    private let paths: DevicePaths
    /// Scheme, host and port of the URIs handed out; set once the server knows its port.
    private var baseURL: String {
        didSet { infoCache = nil }
    }
    /// Apps with an operation under way, and the operations waiting for each.
    private var locked: Set<String> = []
    private var lockWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Acknowledged uploads waiting to be installed, one at a time.
    private var installQueue: [URL] = []
    private var installWorker: Task<Void, Never>?
    private var shuttingDown = false

    public nonisolated var deviceID: String { deviceIDValue }
    private nonisolated let deviceIDValue: String

    init(configuration: DeviceConfiguration, events: EventHub, logger: Logger) throws {
        self.configuration = configuration
        self.events = events
        self.logger = logger
        let paths = DevicePaths(root: configuration.dataDirectory)
        self.paths = paths
        self.baseURL = configuration.baseURL
        let separateUsers = configuration.runsAppsAsSeparateUsers
        try paths.createAll(traversable: separateUsers)
        store = try RegistryStore.open(paths.registry)
        deviceIDValue = store.file.deviceID
        installer = AppInstaller(
            paths: paths, packageLimits: configuration.packageLimits, restoreLimits: configuration.restoreLimits, separateUsers: separateUsers)
        let cgroups = AppCgroups.detect(device: String(store.file.deviceID.prefix(8)))
        if cgroups == nil { logger.info("no writable cgroup hierarchy: apps are contained by process groups only") }
        supervisor = ProcessSupervisor(cgroups: cgroups, stopTimeout: configuration.stopTimeout)
    }

    // MARK: Locks

    private func lock(_ id: String) async {
        if locked.insert(id).inserted { return }
        await withCheckedContinuation { lockWaiters[id, default: []].append($0) }
    }

    /// Hands the lock to the next waiter, if any.
    private func unlock(_ id: String) {
        if var waiters = lockWaiters[id], !waiters.isEmpty {
            let next = waiters.removeFirst()
            lockWaiters[id] = waiters.isEmpty ? nil : waiters
            next.resume()
        } else {
            locked.remove(id)
        }
    }

    // MARK: Start and stop

    /// The address clients reach the device at, for configuration URIs (when the port was
    /// chosen at start).
    func setBaseURL(_ url: String) {
        baseURL = url
    }

    /// Scheme, host and port of the URIs the device hands out.
    var currentBaseURL: String { baseURL }

    /// Brings the registry to a consistent state after a restart or crash: stops what an
    /// earlier run left running, ends interrupted installs and removals, resumes uploads that
    /// were acknowledged but not installed, and starts autostart apps.
    func start() async {
        await supervisor.setExitHandler { [weak self] appID, pid, reason in
            await self?.processEnded(appID: appID, pid: pid, reason: reason)
        }
        paths.removeStaleTemporaryFiles()
        for id in store.apps.keys.sorted() {
            await lock(id)
            await recover(id)
            unlock(id)
        }
        do {
            try FileTree.remove(paths.staging)
            try FileManager.default.createDirectory(at: paths.staging, withIntermediateDirectories: true)
            chmod(paths.staging.path, 0o700)
        } catch {
            logger.error("cannot empty \(paths.staging.path): \(error)")
        }
        for upload in paths.pendingUploads() { enqueueInstall(upload: upload) }
        for (id, record) in store.apps.sorted(by: { $0.key < $1.key }) where record.manifest.autostart == true && record.state == .inactive {
            do {
                try await activate(id)
            } catch {
                logger.warning("autostart of \(id) failed: \(error)")
            }
        }
    }

    private func recover(_ id: String) async {
        guard var record = store.apps[id] else { return }
        // Whatever an earlier run of the device started for the app goes first: nothing
        // runs unmanaged beside what this run starts.
        await supervisor.stopLeftovers(appID: id, record: record.process)
        record.process = nil
        let updating = record.previousManifest != nil
        let next = AppLifecycle.recovered(record.state, updating: updating)
        do {
            switch record.state {
            case .installing:
                try await installer.rollBack(id, updating: updating)
                if let previous = record.previousManifest {
                    record.manifest = previous
                    record.previousManifest = nil
                    record.status = "Update interrupted by a device restart; version \(previous.version) kept"
                }
                publish(id, .installationFailed, "Installation interrupted by a device restart")
            case .uninstalling:
                try await installer.removeApp(id)
            case .active:
                record.status = "Stopped by a device restart"
            case .inactive:
                break
            }
            // A finished update whose old files were not yet removed.
            if next != nil { try await installer.finishUpdate(id) }
        } catch {
            // The record never keeps a state this run cannot stand behind: a stopped app is
            // Inactive; an install or removal that could not be undone or finished stays as it
            // is (its files are in between) and is retried at the next start; each says why.
            logger.error("recovering \(id) after a restart: \(error)")
            switch record.state {
            case .active, .inactive:
                record.state = .inactive
                record.status = "Stopped by a device restart; the previous version's files could not be removed (\(error)); retried at the next start"
            case .installing:
                record.status = "Installation interrupted by a device restart; undoing it failed (\(error)); retried at the next start"
                publish(id, .installationFailed, record.status)
            case .uninstalling:
                record.status = "Removal interrupted by a device restart; finishing it failed (\(error)); retried at the next start"
            }
            if let error = store.record(id, record) { logger.error("cannot persist the registry: \(error)") }
            return
        }
        if let next { record.state = next }
        if let error = store.record(id, next == nil ? nil : record) { logger.error("cannot persist the registry: \(error)") }
        if next == nil, record.state == .uninstalling { publish(id, .removed, nil) }
        if next != nil, updating { publish(id, .inactive, record.status) }
        if next != nil, !updating { try? installer.secure(id, userID: record.userID) }
    }

    /// Finishes the install under way (queued uploads stay on disk and resume at the next
    /// start: they were acknowledged), then stops every app.
    func shutdown() async {
        shuttingDown = true
        await installWorker?.value
        await supervisor.stopAll()
        events.finish()
    }

    // MARK: Queries

    func appInfos(_ id: String?) throws(SOAPFault) -> [AppInfo] {
        if let id {
            guard let record = store.apps[id] else { throw Self.unknownID(id) }
            return [info(id, record)]
        }
        if let infoCache { return infoCache }
        let infos = store.apps.sorted { $0.key < $1.key }.map { info($0.key, $0.value) }
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
            state: AppState(lexical: record.state.rawValue), status: record.status, autostart: manifest.autostart ?? false,
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

    static func refused(_ id: String, _ why: String) -> SOAPFault {
        SOAPFault(code: .receiver, subcodes: [.action], reason: "Application \(id): \(why)")
    }

    static func notRecorded(_ id: String, _ error: DeviceError) -> SOAPFault {
        SOAPFault(code: .receiver, subcodes: [.action], reason: "Application \(id): the device could not record the change (\(error)); nothing was changed")
    }

    // MARK: Install and update

    /// Installs acknowledged uploads in order, one at a time; the upload file is removed once
    /// it is installed or refused.
    func enqueueInstall(upload: URL) {
        installQueue.append(upload)
        guard installWorker == nil, !shuttingDown else { return }
        installWorker = Task { await self.drainInstalls() }
    }

    /// Uploads acknowledged and not installed yet (the one being installed included).
    var pendingInstalls: Int { installQueue.count + (installWorker == nil ? 0 : 1) }

    private func drainInstalls() async {
        while !shuttingDown, !installQueue.isEmpty {
            let upload = installQueue.removeFirst()
            await install(upload: upload)
            try? FileTree.remove(upload)
        }
        installWorker = nil
    }

    private func install(upload: URL) async {
        let staging = paths.staging.appendingPathComponent(UUID().uuidString)
        defer { try? FileTree.remove(staging) }
        let manifest: AppManifest
        do {
            manifest = try await installer.unpack(upload, into: staging)
        } catch {
            logger.notice("installation of upload \(upload.lastPathComponent) failed: \(error.reason)")
            publish(error.appID ?? Self.uploadLabel(upload), .installationFailed, error.reason)
            return
        }
        let id = manifest.id
        await lock(id)
        defer { unlock(id) }
        if case .refused(let why) = AppLifecycle.decide(.install, in: store.apps[id]?.state) {
            publish(id, .installationFailed, "Cannot install \(id) now: \(why)")
            return
        }
        if store.apps[id]?.state == .active {
            await supervisor.stop(appID: id)
            guard var stopped = store.apps[id] else { return }
            stopped.state = .inactive
            stopped.process = nil
            stopped.status = "Stopped for an update to version \(manifest.version)"
            if let error = store.record(id, stopped) { logger.error("cannot persist the registry: \(error)") }
            publish(id, .inactive, nil)
        }
        let now = XSDDateTime(date: Date()).xsdLexical
        let existing = store.apps[id]
        let updating = existing != nil
        var record: AppRecord
        if var existing {
            existing.previousManifest = existing.manifest
            existing.status = "Updating to version \(manifest.version)"
            record = existing
        } else {
            record = AppRecord(
                manifest: manifest, state: .installing, status: "Installing version \(manifest.version)", installationDate: now, lastUpdate: now,
                licenses: [], previousManifest: nil, process: nil, userID: nil)
        }
        do {
            record.state = try AppLifecycle.after(.installBegan, from: existing?.state) ?? .installing
            if configuration.runsAppsAsSeparateUsers, record.userID == nil { record.userID = try freeUserID(for: id) }
            try store.commit(id, record)
        } catch {
            publish(id, .installationFailed, "The device could not record the installation: \(error)")
            return
        }
        publish(id, .installing, nil)
        do {
            try installer.place(id, staged: staging.appendingPathComponent("package"), updating: updating, userID: record.userID)
            record.manifest = manifest
            record.previousManifest = nil
            record.state = try AppLifecycle.after(.installCompleted, from: record.state) ?? .inactive
            record.status = "Installed version \(manifest.version)"
            record.lastUpdate = now
            try store.commit(id, record)
        } catch {
            await rollBack(id, updating: updating, reason: "\(error)")
            return
        }
        // Installed for good: the upload must not be installed again after a restart (which
        // would stop and restart the app that autostarts below).
        do {
            try FileTree.remove(upload)
            AtomicFile.syncDirectory(paths.uploads)
            try await installer.finishUpdate(id)
        } catch {
            logger.warning("\(error) (removed at the next start)")
        }
        publish(id, .inactive, nil)
        logger.info("installed \(id) \(manifest.version)")
        if manifest.autostart == true {
            do {
                try await activateLocked(id)
            } catch {
                logger.warning("autostart of \(id) failed: \(error)")
            }
        }
    }

    /// The lowest user id of the configured range no other app has.
    private func freeUserID(for id: String) throws(DeviceError) -> UInt32 {
        let taken = Set(store.apps.compactMap { $0.key == id ? nil : $0.value.userID })
        guard let range = configuration.appUserIDs, let free = range.first(where: { !taken.contains($0) }) else {
            throw .io("no free user id left for apps (\(configuration.appUserIDs.map { "\($0)" } ?? "none configured"))")
        }
        return free
    }

    private func rollBack(_ id: String, updating: Bool, reason: String) async {
        logger.notice("installation of \(id) failed: \(reason)")
        guard var record = store.apps[id] else { return }
        do {
            try await installer.rollBack(id, updating: updating)
        } catch {
            logger.error("undoing the installation of \(id): \(error)")
        }
        if updating, let previous = record.previousManifest {
            record.manifest = previous
            record.previousManifest = nil
            record.state = .inactive
            record.status = "Update failed (\(reason)); version \(previous.version) kept"
            if let error = store.record(id, record) { logger.error("cannot persist the registry: \(error)") }
            publish(id, .installationFailed, reason)
            publish(id, .inactive, record.status)
        } else {
            if let error = store.record(id, nil) { logger.error("cannot persist the registry: \(error)") }
            publish(id, .installationFailed, reason)
        }
    }

    nonisolated static func uploadLabel(_ upload: URL) -> String {
        "upload-" + upload.deletingPathExtension().deletingPathExtension().lastPathComponent
    }

    // MARK: Lifecycle

    func activate(_ id: String) async throws {
        await lock(id)
        defer { unlock(id) }
        try await activateLocked(id)
    }

    private func activateLocked(_ id: String) async throws {
        guard var record = store.apps[id] else { throw Self.unknownID(id) }
        switch AppLifecycle.decide(.activate, in: record.state) {
        case .alreadyDone: return
        case .refused(let why): throw Self.refused(id, "cannot be activated: \(why)")
        case .proceed: break
        }
        let process: ProcessRecord
        do {
            if configuration.runsAppsAsSeparateUsers, record.userID == nil {
                record.userID = try freeUserID(for: id)
                try store.commit(id, record)
            }
            try installer.secure(id, userID: record.userID)
            process = try await supervisor.start(
                appID: id,
                launch: .init(
                    executable: "./" + record.manifest.entryPoint, workingDirectory: paths.current(id).path,
                    environment: [
                        "APPMGMT_APP_ID": id, "APPMGMT_APP_VERSION": record.manifest.version,
                        "APPMGMT_CONFIG_DIR": paths.config(id).path, "HOME": paths.config(id).path,
                    ],
                    log: paths.log(id), maxLogBytes: configuration.maxAppLogBytes,
                    user: configuration.runsAppsAsSeparateUsers ? record.userID.map { (uid_t($0), gid_t($0)) } : nil))
        } catch {
            record.status = "Activation failed: \(error)"
            if let error = store.record(id, record) { logger.error("cannot persist the registry: \(error)") }
            throw Self.refused(id, "could not be started: \(error)")
        }
        guard var started = store.apps[id] else { return }
        do {
            started.state = try AppLifecycle.after(.started, from: started.state) ?? .active
            started.process = process
            started.status = "Running (pid \(process.pid))"
            try store.commit(id, started)
        } catch {
            await supervisor.stop(appID: id)
            throw Self.refused(id, "was stopped again: the device could not record its start (\(error))")
        }
        publish(id, .active, nil)
    }

    func deactivate(_ id: String) async throws {
        await lock(id)
        defer { unlock(id) }
        guard let record = store.apps[id] else { throw Self.unknownID(id) }
        switch AppLifecycle.decide(.deactivate, in: record.state) {
        case .alreadyDone: return
        case .refused(let why): throw Self.refused(id, "cannot be deactivated: \(why)")
        case .proceed: break
        }
        await supervisor.stop(appID: id)
        guard var stopped = store.apps[id] else { return }
        stopped.state = (try? AppLifecycle.after(.stopped, from: stopped.state)) ?? .inactive
        stopped.process = nil
        stopped.status = "Deactivated"
        let error = store.record(id, stopped)
        publish(id, .inactive, nil)
        if let error { throw Self.refused(id, "was stopped, but the device could not record it (\(error)); it restarts as Inactive") }
    }

    private func processEnded(appID: String, pid: Int32, reason: String) async {
        await lock(appID)
        defer { unlock(appID) }
        guard var record = store.apps[appID], record.state == .active, record.process?.pid == pid else { return }
        record.state = .inactive
        record.process = nil
        record.status = "Stopped unexpectedly: \(reason)"
        if let error = store.record(appID, record) { logger.error("cannot persist the registry: \(error)") }
        logger.notice("app \(appID) \(reason)")
        publish(appID, .inactive, record.status)
    }

    func uninstall(_ id: String) async throws {
        await lock(id)
        defer { unlock(id) }
        guard var record = store.apps[id] else { throw Self.unknownID(id) }
        if case .refused(let why) = AppLifecycle.decide(.uninstall, in: record.state) { throw Self.refused(id, why) }
        record.state = .uninstalling
        record.status = "Uninstalling"
        do {
            try store.commit(id, record)
        } catch {
            throw Self.notRecorded(id, error)
        }
        publish(id, .uninstalling, nil)
        await supervisor.stop(appID: id)
        do {
            try await installer.removeApp(id)
        } catch {
            record.process = nil
            record.status = "Uninstall incomplete: \(error)"
            _ = store.record(id, record)
            throw Self.refused(id, "its files could not all be removed (\(error)); Uninstall again to retry")
        }
        do {
            try store.commit(id, nil)
        } catch {
            throw Self.refused(id, "was removed, but the device could not record it (\(error)); the removal completes at the next start")
        }
        publish(id, .removed, nil)
    }

    // MARK: Licenses

    func installLicense(appID: String?, license: String) async throws {
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
        await lock(target)
        defer { unlock(target) }
        guard var record = store.apps[target] else { throw Self.unknownID(target) }
        record.licenses.removeAll { $0.license == license }
        guard record.licenses.count < configuration.maxLicensesPerApp else {
            throw SOAPFault(
                code: .receiver, subcodes: [.action],
                reason: "Application \(target) already has \(record.licenses.count) licenses, the most this device keeps per app")
        }
        record.licenses.append(LicenseRecord(name: decoded.name, validFrom: decoded.validFrom, validUntil: decoded.validUntil, license: license))
        do {
            try store.commit(target, record)
        } catch {
            throw Self.notRecorded(target, error)
        }
    }

    // MARK: Configuration backup and restore

    /// Outcome of a restore, mapped to HTTP status by the endpoint.
    enum RestoreOutcome: Sendable, Equatable {
        case restored
        case unknownApp
        case versionMismatch(String)
        case invalid(String)
        case failed(String)
    }

    /// A tar.gz (in staging; the caller streams and removes it) of the app's configuration
    /// folder with `appmgmt-backup.json` naming the app and its version; `nil` for an
    /// unknown app.
    func backup(_ id: String) async throws(DeviceError) -> URL? {
        await lock(id)
        defer { unlock(id) }
        guard let record = store.apps[id] else { return nil }
        return try await installer.backup(id, version: record.manifest.version, userID: record.userID)
    }

    /// Restores a configuration blob; a blob from another app or an incompatible version
    /// (different major version) is refused. A running app is stopped for the exchange and
    /// started again after it.
    func restore(_ id: String, blob: URL) async -> RestoreOutcome {
        guard store.apps[id] != nil else { return .unknownApp }
        let prepared: AppInstaller.PreparedRestore
        do {
            prepared = try await installer.prepareRestore(blob)
        } catch {
            return .invalid("\(error)")
        }
        await lock(id)
        defer { unlock(id) }
        guard let record = store.apps[id] else {
            try? FileTree.remove(prepared.work)
            return .unknownApp
        }
        let meta = prepared.metadata
        guard meta.appID == id, Self.majorVersion(meta.appVersion) == Self.majorVersion(record.manifest.version) else {
            try? FileTree.remove(prepared.work)
            return meta.appID == id
                ? .versionMismatch("the backup is from version \(meta.appVersion), incompatible with the installed \(record.manifest.version)")
                : .versionMismatch("the backup belongs to \(meta.appID), not \(id)")
        }
        guard record.state == .active || record.state == .inactive else {
            try? FileTree.remove(prepared.work)
            return .failed("the app is \(record.state.rawValue)")
        }
        let wasActive = record.state == .active
        if wasActive {
            await supervisor.stop(appID: id)
            if var stopped = store.apps[id] {
                stopped.state = .inactive
                stopped.process = nil
                stopped.status = "Stopped to restore its configuration"
                if let error = store.record(id, stopped) { logger.error("cannot persist the registry: \(error)") }
                publish(id, .inactive, nil)
            }
        }
        var outcome = RestoreOutcome.restored
        do {
            try installer.commitRestore(prepared, for: id, userID: record.userID)
            logger.info("restored configuration of \(id) from a backup of version \(meta.appVersion)")
        } catch {
            outcome = .failed("\(error)")
        }
        if wasActive {
            do {
                try await activateLocked(id)
            } catch {
                logger.warning("restarting \(id) after a restore failed: \(error)")
            }
        }
        return outcome
    }

    static func majorVersion(_ version: String) -> String {
        String(version.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "+" }).first ?? Substring(version))
    }

    // MARK: Events

    private func publish(_ id: String, _ state: AppState, _ status: String?) {
        let event = AppStateEvent(appID: id, state: state, status: status)
        logger.info("\(event)")
        events.publish(event)
    }
}

extension AppState {
    init(lexical: String) {
        self = (try? AppState(xsdLexical: lexical)) ?? .unknown(lexical)
    }
}
