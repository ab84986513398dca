import Foundation

/// The `manifest.json` at the root of an app package directory: only `id` and `version` are
/// read here (the device validates the rest).
public struct AppManifest: Sendable, Hashable {
    public var id: String
    public var version: String
    public var name: String?

    public init(id: String, version: String, name: String? = nil) {
        self.id = id
        self.version = version
        self.name = name
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notADirectory(String)
        case missing(String)
        case unreadable(String, String)
        case invalid(String, String)

        public var description: String {
            switch self {
            case .notADirectory(let path): return "'\(path)' is not a directory"
            case .missing(let path): return "no manifest.json in '\(path)'"
            case .unreadable(let path, let why): return "cannot read '\(path)': \(why)"
            case .invalid(let path, let why): return "invalid manifest '\(path)': \(why)"
            }
        }
    }

    /// Parses manifest JSON; `id` and `version` must be non-empty strings.
    public init(json: Data, path: String = "manifest.json") throws(Failure) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw .invalid(path, "not JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else { throw .invalid(path, "not a JSON object") }
        guard let id = dictionary["id"] as? String, !id.isEmpty else { throw .invalid(path, "missing string \"id\"") }
        guard let version = dictionary["version"] as? String, !version.isEmpty else { throw .invalid(path, "missing string \"version\"") }
        self.init(id: id, version: version, name: dictionary["name"] as? String)
    }

    /// Reads `directory/manifest.json`.
    public static func read(directory: String) throws(Failure) -> AppManifest {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(directory)
        }
        let path = (directory as NSString).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(directory) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path, error.localizedDescription)
        }
        return try AppManifest(json: data, path: path)
    }

    /// Reads `manifest.json` from a package archive (GNU `tar -xzOf`, either spelling of the
    /// root), without unpacking the rest.
    public static func read(archive: String) throws(Failure) -> AppManifest {
        for member in ["./manifest.json", "manifest.json"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tar", "-xzOf", archive, member]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw .unreadable(archive, "cannot run tar: \(error.localizedDescription)")
            }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 0, !data.isEmpty { return try AppManifest(json: data, path: "\(archive):manifest.json") }
        }
        throw .missing(archive)
    }

    /// `<id>-<version>.tar.gz`, with characters unsafe in a file name replaced by `_`.
    public var defaultArchiveName: String {
        func safe(_ s: String) -> String {
            String(s.map { c -> Character in
                c.isLetter || c.isNumber || c == "." || c == "-" || c == "_" || c == "+" ? c : "_"
            })
        }
        return "\(safe(id))-\(safe(version)).tar.gz"
    }
}

/// The `tar` invocation that builds a reproducible package.
public enum PackageBuilder {
    /// Arguments for `tar`: gzip, owner/group 0, entries sorted by name, contents of `directory`.
    public static func tarArguments(directory: String, output: String) -> [String] {
        ["-czf", output, "--owner=0", "--group=0", "--numeric-owner", "--sort=name", "-C", directory, "."]
    }

    /// Whether `output` would land inside `directory` (tar would then archive its own output).
    public static func isInside(_ output: String, directory: String) -> Bool {
        let dir = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        let outParent = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().path
        return outParent == dir || outParent.hasPrefix(dir.hasSuffix("/") ? dir : dir + "/")
    }
}
