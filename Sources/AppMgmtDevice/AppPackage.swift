import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The app package format this device installs: a gzip-compressed tar archive
/// (`application/gzip`) holding `manifest.json` at its root and the app's files. Only regular
/// files and directories are allowed; absolute paths, `..` components, links and device
/// files are refused, so an archive cannot write outside its own folder.
///
/// `manifest.json`:
/// ```json
/// {
///   "id": "com.example.hello",          // AppID: letters, digits, '.', '-', '_' (1-128)
///   "name": "Hello",
///   "version": "1.0.0",
///   "entryPoint": "bin/hello.sh",       // executable started on Activate, relative path
///   "website": "https://example.com/hello",
///   "privileges": ["camera.read"],      // optional
///   "autostart": false,                 // optional
///   "openSource": "https://...",        // optional
///   "interfaceDescription": ["https://..."] // optional
/// }
/// ```
public struct AppManifest: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var version: String
    public var entryPoint: String
    public var website: String
    public var privileges: [String]?
    public var autostart: Bool?
    public var openSource: String?
    public var interfaceDescription: [String]?

    public init(id: String, name: String, version: String, entryPoint: String, website: String, privileges: [String]? = nil, autostart: Bool? = nil, openSource: String? = nil, interfaceDescription: [String]? = nil) {
        self.id = id
        self.name = name
        self.version = version
        self.entryPoint = entryPoint
        self.website = website
        self.privileges = privileges
        self.autostart = autostart
        self.openSource = openSource
        self.interfaceDescription = interfaceDescription
    }

    /// Checks the fields a device relies on.
    public func validate() throws(DeviceError) {
        guard AppManifest.isValidID(id) else {
            throw .invalidPackage("manifest id '\(id)' must be 1-128 letters, digits, '.', '-' or '_'")
        }
        guard !name.isEmpty else { throw .invalidPackage("manifest name is empty") }
        guard !version.isEmpty else { throw .invalidPackage("manifest version is empty") }
        guard AppArchive.isSafeRelativePath(entryPoint) else {
            throw .invalidPackage("manifest entryPoint '\(entryPoint)' must be a relative path inside the package")
        }
        let fields: [(String, String, Int)] =
            [("name", name, 256), ("version", version, 64), ("entryPoint", entryPoint, 1024), ("website", website, 2048), ("openSource", openSource ?? "", 2048)]
            + (privileges ?? []).map { ("privileges", $0, 256) } + (interfaceDescription ?? []).map { ("interfaceDescription", $0, 2048) }
        for (field, value, limit) in fields {
            guard value.unicodeScalars.count <= limit else { throw .invalidPackage("manifest \(field) is longer than \(limit) characters") }
            if let bad = value.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFFFE || $0.value == 0xFFFF }) {
                throw .invalidPackage("manifest \(field) holds U+\(String(bad.value, radix: 16, uppercase: true)), which an XML message cannot carry")
            }
        }
        guard (privileges ?? []).count <= 64 else { throw .invalidPackage("manifest privileges lists more than 64 entries") }
        guard (interfaceDescription ?? []).count <= 32 else { throw .invalidPackage("manifest interfaceDescription lists more than 32 entries") }
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && id != "." && id != ".."
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }
}

/// How much an archive may unpack to: checked from `tar`'s listing as it streams, before
/// anything is written, so a gzip bomb is refused after reading only its headers.
struct ArchiveLimits: Sendable, Equatable {
    /// Total size of the files in the archive.
    var maxUnpackedBytes: Int
    /// Files and directories in the archive.
    var maxEntries: Int
    /// Space that must stay free on the device's file system after extraction.
    var reserveBytes: Int
}

/// Validating, unpacking and packing tar.gz archives with the system's `tar`, run as a child
/// process awaited on a thread of its own (never blocking Swift's cooperative pool).
enum AppArchive {
    /// Whether `path` stays inside the folder it is extracted to.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        return !components.isEmpty && !components.contains("..")
    }

    /// Reads `tar -tv` lines: only regular files and directories, counted and summed as they
    /// come; stops `tar` at the first refusal.
    struct VerboseListing: OutputLineConsumer {
        var limits: ArchiveLimits
        /// A backup names what it refuses differently from a package.
        var isBackup = false
        var entries = 0
        var bytes = 0
        var refusal: DeviceError?

        mutating func consume(_ line: Substring) -> Bool {
            guard let type = line.first else { return true }
            switch type {
            case "-", "d": break
            case "l", "h":
                // mode owner size date time name -> target | name link to target
                let head = line.components(separatedBy: type == "l" ? " -> " : " link to ").first ?? ""
                let name = head.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true).dropFirst(5).first ?? ""
                refusal = isBackup
                    ? .io("the configuration holds \(name), which is not a file or a folder (links are not backed up)")
                    : .invalidPackage("links are not allowed in a package (\(line.split(separator: " ").last ?? ""))")
                return false
            default:
                refusal = isBackup
                    ? .io("the configuration holds an entry of type '\(type)', which is not a file or a folder")
                    : .invalidPackage("only files and directories are allowed in a package (entry type '\(type)')")
                return false
            }
            entries += 1
            // mode owner/group size date time name
            let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
            // A size that does not fit an Int, or a sum that would overflow, is over any limit:
            // never trap on what an archive claims.
            guard fields.count > 2, let size = Int(fields[2]), size >= 0 else {
                refusal = .invalidPackage("cannot read the size of an entry in the archive listing ('\(line.prefix(200))')")
                return false
            }
            let (sum, overflow) = bytes.addingReportingOverflow(size)
            bytes = sum
            if entries > limits.maxEntries {
                refusal = .invalidPackage("the archive holds more than \(limits.maxEntries) entries")
                return false
            }
            if overflow || bytes > limits.maxUnpackedBytes {
                refusal = .invalidPackage("the archive unpacks to more than \(limits.maxUnpackedBytes) bytes")
                return false
            }
            return true
        }
    }

    /// Reads `tar -t` lines: every path must stay inside the destination.
    struct NameListing: OutputLineConsumer {
        var maxEntries: Int
        var entries = 0
        var refusal: DeviceError?

        mutating func consume(_ line: Substring) -> Bool {
            guard !line.isEmpty else { return true }
            entries += 1
            guard entries <= maxEntries else {
                refusal = .invalidPackage("the archive holds more than \(maxEntries) entries")
                return false
            }
            var path = line
            while path.hasPrefix("./") { path = path.dropFirst(2) }
            if path.isEmpty || path == "." { return true }
            guard isSafeRelativePath(String(path)) else {
                refusal = .invalidPackage("path traversal attempt: entry '\(line)' would be written outside the package folder")
                return false
            }
            return true
        }
    }

    /// Lists the archive (streamed) and refuses anything but regular files and directories
    /// with safe paths, and archives over `limits`. Returns the unpacked size.
    @discardableResult
    static func validate(_ archive: URL, limits: ArchiveLimits) async throws(DeviceError) -> Int {
        let verbose = try await run(["tar", "-tvzf", archive.path, "--numeric-owner"], consumer: VerboseListing(limits: limits))
        if let refusal = verbose.refusal { throw refusal }
        let names = try await run(["tar", "-tzf", archive.path], consumer: NameListing(maxEntries: limits.maxEntries))
        if let refusal = names.refusal { throw refusal }
        return verbose.bytes
    }

    /// Validates and extracts `archive` into the new folder `destination`, after checking
    /// that the file system keeps `limits.reserveBytes` free; then normalises every mode
    /// (directories 0755, files 0644 or 0755, no set-id or sticky bits).
    static func extract(_ archive: URL, to destination: URL, limits: ArchiveLimits) async throws(DeviceError) {
        let size = try await validate(archive, limits: limits)
        let parent = destination.deletingLastPathComponent()
        if let free = FileSystemSpace.available(at: parent), free < size + limits.reserveBytes {
            throw .io("not enough free space: the package unpacks to \(size) bytes, \(free) are free and \(limits.reserveBytes) must stay free")
        }
        do {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(destination.path): \(error.localizedDescription)")
        }
        _ = try await run(
            ["tar", "-xzf", archive.path, "-C", destination.path, "--no-same-owner", "--no-same-permissions", "--delay-directory-restore"],
            consumer: DiscardOutput())
        try normalizeModes(destination)
    }

    /// Packs `members` (each a folder and a name in it) into a reproducible tar.gz written
    /// to `output`, reading them as `user`: what an app could swap in (a link to the device's
    /// secrets) is read with the app's rights, never the device's. Then the archive's own
    /// listing refuses anything but files and folders, and what `limits` would not restore.
    static func pack(_ members: [(directory: String, name: String)], to output: Int32, path: URL, as user: (uid: uid_t, gid: gid_t)?, limits: ArchiveLimits) async throws(DeviceError) {
        var arguments = ["tar", "-czf", "-", "--owner=0", "--group=0", "--numeric-owner", "--sort=name"]
        for member in members { arguments += ["-C", member.directory, member.name] }
        let packed = try await ChildProcess.run(arguments, consumer: DiscardOutput(), user: user, standardOutput: output)
        guard packed.termination == .exited(0) else {
            throw .io("cannot pack the configuration: \(packed.standardError.isEmpty ? "tar \(packed.termination)" : packed.standardError)")
        }
        let listing = try await run(["tar", "-tvzf", path.path, "--numeric-owner"], consumer: VerboseListing(limits: limits, isBackup: true))
        if let refusal = listing.refusal { throw refusal }
    }

    /// Directories 0755, files 0755 if anyone could execute them else 0644: an archive's
    /// 0000 or 0500 folder cannot make its removal fail, and no set-id bit survives.
    static func normalizeModes(_ directory: URL) throws(DeviceError) {
        try FileTree.walk(directory.path) { entry throws(DeviceError) in
            let mode: mode_t
            switch entry.info.st_mode & S_IFMT {
            case S_IFDIR: mode = 0o755
            case S_IFREG: mode = (entry.info.st_mode & 0o111) != 0 ? 0o755 : 0o644
            default: throw .invalidPackage("\(entry.path) is neither a file nor a directory")
            }
            try entry.setMode(mode)
        }
    }

    /// Runs `tar`; a non-zero exit is an error with its stderr.
    static func run<Consumer: OutputLineConsumer>(
        _ arguments: [String], consumer: Consumer, user: (uid: uid_t, gid: gid_t)? = nil, standardOutput: Int32? = nil
    ) async throws(DeviceError) -> Consumer {
        let result = try await ChildProcess.run(arguments, consumer: consumer, user: user, standardOutput: standardOutput)
        guard result.stoppedByConsumer || result.termination == .exited(0) else {
            let message = result.standardError
            throw .invalidPackage("not a valid tar.gz archive (\(message.isEmpty ? "\(arguments[0]) \(result.termination)" : message))")
        }
        return result.consumer
    }
}

/// Free space of a file system, for the reserve the device keeps.
enum FileSystemSpace {
    /// Bytes available to the device at `url`, or `nil` if the file system does not say.
    static func available(at url: URL) -> Int? {
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return nil }
        let (bytes, overflow) = Int(clamping: info.f_bavail).multipliedReportingOverflow(by: Int(clamping: info.f_frsize))
        return overflow ? Int.max : bytes
    }
}
