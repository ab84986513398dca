import CLinuxSupport
import Foundation
import SOAPRuntime

#if canImport(Glibc)
import Glibc
#endif

/// The file work behind installs, updates, removals, backups and restores, done off the
/// registry actor (tar runs as a child process awaited on its own thread), so a large
/// package or restore never holds up another request. Every failure is an error.
struct AppInstaller: Sendable {
    let paths: DevicePaths
    let packageLimits: ArchiveLimits
    let restoreLimits: ArchiveLimits
    /// When the device runs as root, apps run as users of their own: each owns its
    /// configuration folder and may read its app folder through its group.
    let separateUsers: Bool

    /// Why an upload could not be installed, with the AppID when the manifest named one.
    struct UnpackError: Error, CustomStringConvertible {
        var appID: String?
        var reason: String
        var description: String { reason }
    }

    /// Validates and extracts a package into `staging/package`, returning its manifest.
    func unpack(_ upload: URL, into staging: URL) async throws(UnpackError) -> AppManifest {
        let packageDir = staging.appendingPathComponent("package")
        let manifest: AppManifest
        do {
            try await AppArchive.extract(upload, to: packageDir, limits: packageLimits)
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
        guard chmod(entry.path, 0o755) == 0 else {
            throw UnpackError(appID: manifest.id, reason: "cannot make the entry point executable: \(String(cString: strerror(errno)))")
        }
        return manifest
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }

    /// Puts a staged package in place: an update's files move to `previous/` first.
    func place(_ id: String, staged: URL, updating: Bool, userID: UInt32?) throws(DeviceError) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: paths.app(id), withIntermediateDirectories: true)
            try fm.createDirectory(at: paths.config(id), withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create the folders of \(id): \(error.localizedDescription)")
        }
        try secure(id, userID: userID)
        if updating, fm.fileExists(atPath: paths.current(id).path) {
            try FileTree.remove(paths.previous(id))
            try move(paths.current(id), to: paths.previous(id))
        } else {
            try FileTree.remove(paths.current(id))
        }
        try move(staged, to: paths.current(id))
    }

    /// The app folder readable by the app's group only, its configuration its own.
    func secure(_ id: String, userID: UInt32?) throws(DeviceError) {
        guard separateUsers, let userID else { return }
        let app = paths.app(id).path
        guard chown(app, 0, gid_t(userID)) == 0, chmod(app, 0o750) == 0 else {
            throw .io("cannot restrict \(app) to the app's group: \(String(cString: strerror(errno)))")
        }
        try Self.chownTree(paths.config(id).path, to: userID)
    }

    /// Hands a folder tree to the app's user (links are changed, not followed).
    static func chownTree(_ path: String, to userID: UInt32) throws(DeviceError) {
        try FileTree.walk(path) { entry throws(DeviceError) in
            try entry.setOwner(uid_t(userID), gid_t(userID))
        }
    }

    /// After a completed update: the old version's files go.
    func finishUpdate(_ id: String) async throws(DeviceError) {
        try FileTree.remove(paths.previous(id))
    }

    /// Undoes a failed install: an update gets its old files back, a new app's folder goes.
    func rollBack(_ id: String, updating: Bool) async throws(DeviceError) {
        if updating {
            if FileManager.default.fileExists(atPath: paths.previous(id).path) {
                try FileTree.remove(paths.current(id))
                try move(paths.previous(id), to: paths.current(id))
            }
        } else {
            try FileTree.remove(paths.app(id))
        }
    }

    func removeApp(_ id: String) async throws(DeviceError) {
        try FileTree.remove(paths.app(id))
    }

    private func move(_ source: URL, to destination: URL) throws(DeviceError) {
        guard rename(source.path, destination.path) == 0 else {
            throw .io("cannot move \(source.path) to \(destination.path): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: Backup and restore

    /// Packs the app's configuration and `appmgmt-backup.json` into a tar.gz in staging,
    /// which the caller streams and removes. `tar` reads the configuration as the app's user
    /// (a live app may swap anything in it for a link), and a configuration holding anything
    /// but files and folders (a link would point outside it on restore) is refused.
    func backup(_ id: String, version: String, userID: UInt32?) async throws(DeviceError) -> URL {
        let fm = FileManager.default
        // The metadata sits in the app's folder (root's, readable by the app's group), so the
        // app's user can read it into the archive but not change it.
        let meta = paths.app(id).appendingPathComponent(".backup-\(UUID().uuidString)")
        defer { try? FileTree.remove(meta) }
        do {
            try fm.createDirectory(at: meta, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            let record = BackupMetadata(appID: id, appVersion: version, created: XSDDateTime(date: Date()).xsdLexical)
            try JSONEncoder().encode(record).write(to: meta.appendingPathComponent("appmgmt-backup.json"))
            chmod(meta.appendingPathComponent("appmgmt-backup.json").path, 0o644)
            if !fm.fileExists(atPath: paths.config(id).path) {
                try fm.createDirectory(at: paths.config(id), withIntermediateDirectories: true)
                try secure(id, userID: userID)
            }
        } catch let error as DeviceError {
            throw error
        } catch {
            throw .io("cannot prepare the backup: \(error.localizedDescription)")
        }
        let archive = paths.staging.appendingPathComponent("backup-\(UUID().uuidString).tar.gz")
        let fd = open(archive.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileTree.failure("create", archive.path) }
        defer { close(fd) }
        do {
            try await AppArchive.pack(
                [(meta.path, "appmgmt-backup.json"), (paths.app(id).path, "config")], to: fd, path: archive,
                as: separateUsers ? userID.map { (uid_t($0), gid_t($0)) } : nil, limits: restoreLimits)
        } catch {
            unlink(archive.path)
            throw error
        }
        return archive
    }

    /// A restore blob unpacked and checked, ready to be exchanged with the configuration.
    struct PreparedRestore: Sendable {
        var work: URL
        var config: URL
        var metadata: BackupMetadata
    }

    /// Unpacks and checks a restore blob (within the restore limits) in staging.
    func prepareRestore(_ blob: URL) async throws(DeviceError) -> PreparedRestore {
        let work = paths.staging.appendingPathComponent("restore-\(UUID().uuidString)")
        do {
            try await AppArchive.extract(blob, to: work, limits: restoreLimits)
        } catch {
            try? FileTree.remove(work)
            throw error
        }
        guard let data = FileManager.default.contents(atPath: work.appendingPathComponent("appmgmt-backup.json").path),
            let meta = try? JSONDecoder().decode(BackupMetadata.self, from: data)
        else {
            try? FileTree.remove(work)
            throw .invalidPackage("not a configuration backup of this device (appmgmt-backup.json missing)")
        }
        let config = work.appendingPathComponent("config")
        if !FileManager.default.fileExists(atPath: config.path) {
            do {
                try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            } catch {
                try? FileTree.remove(work)
                throw .io("cannot prepare the restore: \(error.localizedDescription)")
            }
        }
        return PreparedRestore(work: work, config: config, metadata: meta)
    }

    /// Swaps the restored configuration in with one atomic exchange (a crash leaves the old
    /// or the new one, never none), then removes the old one with the staging folder.
    func commitRestore(_ prepared: PreparedRestore, for id: String, userID: UInt32?) throws(DeviceError) {
        defer { try? FileTree.remove(prepared.work) }
        let fm = FileManager.default
        if !fm.fileExists(atPath: paths.config(id).path) {
            do {
                try fm.createDirectory(at: paths.config(id), withIntermediateDirectories: true)
            } catch {
                throw .io("cannot create the configuration folder: \(error.localizedDescription)")
            }
        }
        if separateUsers, let userID { try Self.chownTree(prepared.config.path, to: userID) }
        guard appmgmt_exchange_paths(prepared.config.path, paths.config(id).path) == 0 else {
            throw .io("could not replace the configuration: \(String(cString: strerror(errno)))")
        }
        AtomicFile.syncDirectory(paths.app(id))
    }
}
