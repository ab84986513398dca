import Foundation

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
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && id != "." && id != ".."
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }
}

/// Validating and unpacking tar.gz archives with the system's `tar`.
enum AppArchive {
    /// Whether `path` stays inside the folder it is extracted to.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        return !components.isEmpty && !components.contains("..")
    }

    /// Lists the archive and refuses anything but regular files and directories with safe paths.
    static func validate(_ archive: URL) throws(DeviceError) {
        let listing = try run(["tar", "-tvzf", archive.path, "--numeric-owner"])
        let names = try run(["tar", "-tzf", archive.path])
        for line in listing.split(separator: "\n") where !line.isEmpty {
            guard let type = line.first else { continue }
            switch type {
            case "-", "d": continue
            case "l", "h": throw .invalidPackage("links are not allowed in a package (\(line.split(separator: " ").last ?? ""))")
            default: throw .invalidPackage("only files and directories are allowed in a package (entry type '\(type)')")
            }
        }
        for name in names.split(separator: "\n") where !name.isEmpty {
            var path = String(name)
            while path.hasPrefix("./") { path.removeFirst(2) }
            if path.isEmpty || path == "." { continue }
            guard isSafeRelativePath(path) else {
                throw .invalidPackage("path traversal attempt: entry '\(name)' would be written outside the package folder")
            }
        }
    }

    /// Validates and extracts `archive` into the new folder `destination`.
    static func extract(_ archive: URL, to destination: URL) throws(DeviceError) {
        try validate(archive)
        do {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(destination.path): \(error.localizedDescription)")
        }
        _ = try run(["tar", "-xzf", archive.path, "-C", destination.path, "--no-same-owner", "--no-same-permissions", "--delay-directory-restore"])
    }

    /// Packs `directory` into a reproducible tar.gz.
    static func pack(_ directory: URL, to archive: URL) throws(DeviceError) {
        _ = try run(["tar", "-czf", archive.path, "-C", directory.path, "--owner=0", "--group=0", "--numeric-owner", "--sort=name", "."])
    }

    /// Runs a command, returning standard output; a non-zero exit is an error with its stderr.
    @discardableResult
    static func run(_ arguments: [String]) throws(DeviceError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .io("cannot run \(arguments[0]): \(error.localizedDescription)")
        }
        // Read both pipes before waiting so a large listing cannot block the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .invalidPackage("not a valid tar.gz archive (\(message.isEmpty ? "\(arguments[0]) exit \(process.terminationStatus)" : message))")
        }
        return String(decoding: outData, as: UTF8.self)
    }
}
