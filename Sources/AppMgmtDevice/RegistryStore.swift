import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the device persists about one installed app.
struct AppRecord: Sendable, Hashable, Codable {
    var manifest: AppManifest
    var state: AppLifecycleState
    var status: String
    var installationDate: String
    var lastUpdate: String
    var licenses: [LicenseRecord]
    /// Set while an update is in progress: the version that keeps working if it fails.
    var previousManifest: AppManifest?
    /// The running process while the app is Active, to find it after a device crash.
    var process: ProcessRecord?
    /// The user (and group) the app runs as when the device runs as root.
    var userID: UInt32?
}

/// A license installed for an app (see `LicenseFormat`).
struct LicenseRecord: Sendable, Hashable, Codable {
    var name: String
    var validFrom: String?
    var validUntil: String?
    var license: String
}

/// The registry file: the device id and every app.
struct RegistryFile: Sendable, Codable {
    var formatVersion = 1
    var deviceID: String
    var apps: [String: AppRecord]
}

/// The registry on disk: every change is written atomically before it counts, and a change
/// that cannot be written is undone in memory too, so what the device acknowledges is what
/// a restart finds.
struct RegistryStore: Sendable {
    private(set) var file: RegistryFile
    let url: URL

    /// Loads the registry, or creates one with a new device id.
    static func open(_ url: URL) throws -> RegistryStore {
        if let data = FileManager.default.contents(atPath: url.path) {
            do {
                return RegistryStore(file: try JSONDecoder().decode(RegistryFile.self, from: data), url: url)
            } catch {
                throw DeviceError.invalidConfiguration("\(url.path) is damaged: \(error)")
            }
        }
        var store = RegistryStore(file: RegistryFile(deviceID: UUID().uuidString.lowercased(), apps: [:]), url: url)
        try store.write()
        return store
    }

    var apps: [String: AppRecord] { file.apps }

    /// Sets (or with `nil` removes) an app's record and persists it; on failure nothing
    /// changes and the error says why.
    mutating func commit(_ id: String, _ record: AppRecord?) throws(DeviceError) {
        let old = file.apps[id]
        file.apps[id] = record
        do {
            try write()
        } catch {
            file.apps[id] = old
            throw error
        }
    }

    /// Sets a record in memory even when it cannot be persisted (a fact the device must not
    /// deny, such as a process that ended); returns the error, if any, to log.
    mutating func record(_ id: String, _ record: AppRecord?) -> DeviceError? {
        file.apps[id] = record
        do {
            try write()
            return nil
        } catch {
            return error
        }
    }

    private mutating func write() throws(DeviceError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(file)
        } catch {
            throw .io("cannot encode the registry: \(error)")
        }
        do {
            try AtomicFile.write(data, to: url)
        } catch let error as DeviceError {
            throw error
        } catch {
            throw .io("cannot write \(url.path): \(error)")
        }
    }
}

/// The contents of `appmgmt-backup.json` in a configuration backup.
struct BackupMetadata: Sendable, Codable {
    var appID: String
    var appVersion: String
    var created: String
}

/// The device's folders. The data folder is 0700 (0711 when apps run as users of their
/// own, so each can reach its own folder, 0750 to its group, and nothing else).
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

    /// Creates the folders with their modes; `traversable` when apps run as other users.
    func createAll(traversable: Bool) throws {
        for dir in [root, uploads, staging, apps] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        let open: mode_t = traversable ? 0o711 : 0o700
        for (dir, mode) in [(root, open), (apps, open), (uploads, 0o700), (staging, 0o700)] as [(URL, mode_t)] {
            guard chmod(dir.path, mode) == 0 else {
                throw DeviceError.io("cannot set the mode of \(dir.path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Temporary files of atomic writes that a crash interrupted.
    func removeStaleTemporaryFiles() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
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
