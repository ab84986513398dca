// The one model of `wsdl2swift-config.json`, read by `wsdl2swift generate --config` and by the
// build and command plugins. Plugins cannot depend on library targets, so this file is also
// compiled into them: `Plugins/PluginsShared/ConfigFile.swift` is a symlink to it. Keep it
// Foundation-only.

import Foundation

/// The `wsdl2swift-config.json` file: what to generate from a WSDL or XSD, and how.
///
/// ```json
/// {
///   "generate": ["types", "client", "server"],
///   "accessModifier": "public",
///   "imports": [],
///   "operations": ["GetDeviceInformation", "GetServices"],
///   "input": "Schemas/AppMgmt.wsdl",
///   "locationMap": { "http://www.onvif.org/ver10/schema/": "Schemas/onvif/" },
///   "templates": "Templates"
/// }
/// ```
///
/// Every key is optional; unknown keys are refused (a misspelt key is an error, not a no-op).
/// Paths (`input`, `templates`, `locationMap` values) are relative to the folder that holds
/// the config file.
struct WSDL2SwiftConfigFile: Sendable, Equatable {
    /// The name the build plugin looks for in a target's folder.
    static let fileName = "wsdl2swift-config.json"

    /// What to generate; each mode writes files with fixed names.
    enum Mode: String, Sendable, Hashable, CaseIterable, Comparable {
        case types, client, server

        /// The files the generator writes for this mode (a build plugin declares them before
        /// the tool runs; keep equal to `GeneratorConfiguration.Mode.fileNames`).
        var fileNames: [String] {
            switch self {
            case .types: return ["Types.swift", "XMLCoding.swift"]
            case .client: return ["Client.swift"]
            case .server: return ["Server.swift"]
            }
        }

        static func < (lhs: Mode, rhs: Mode) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The access modifier of generated declarations.
    enum AccessModifier: String, Sendable, Hashable, CaseIterable {
        case `public`, package, `internal`
    }

    /// `generate`: the kinds of output; `nil` when absent (the generator's default is types).
    var generate: [Mode]?
    /// `accessModifier`: `nil` when absent (public).
    var accessModifier: AccessModifier?
    /// `imports`: modules the output imports, e.g. the module holding the types when only a
    /// client or server is generated.
    var imports: [String]?
    /// `operations`: generate only these operations and what they reach; `nil`: all.
    var operations: [String]?
    /// `locationMap`: remote `schemaLocation` URL (or URL prefix ending in `/`) to a local
    /// path, relative to the config's folder, as written in the file.
    var locationMap: [String: String]?
    /// `templates`: a folder of `.mustache` files overriding the built-in templates, relative
    /// to the config's folder, as written in the file.
    var templates: String?
    /// `input`: the entry `.wsdl`/`.xsd`, relative to the config's folder, as written.
    var input: String?

    static let knownKeys = ["generate", "accessModifier", "imports", "operations", "locationMap", "templates", "input"]

    init(
        generate: [Mode]? = nil, accessModifier: AccessModifier? = nil, imports: [String]? = nil,
        locationMap: [String: String]? = nil, templates: String? = nil, input: String? = nil
    ) {
        self.generate = generate
        self.accessModifier = accessModifier
        self.imports = imports
        self.locationMap = locationMap
        self.templates = templates
        self.input = input
    }
}

/// A config file that cannot be read, with the file it is about; `description` is a
/// `file:line:column: error: message` diagnostic.
struct WSDL2SwiftConfigError: Error, Sendable, CustomStringConvertible, LocalizedError {
    var path: String
    var line: Int
    var column: Int
    var message: String

    init(path: String, line: Int = 1, column: Int = 1, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    var description: String { "\(path):\(line):\(column): error: \(message)" }
    var errorDescription: String? { description }
}

extension WSDL2SwiftConfigFile {
    /// Reads and validates the config at `path` (as the user named it).
    static func load(path: String) throws(WSDL2SwiftConfigError) -> WSDL2SwiftConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw WSDL2SwiftConfigError(path: path, isDirectory.boolValue ? "is a folder, expected a \(fileName) file" : "cannot read the config file")
            }
            throw WSDL2SwiftConfigError(path: path, "no such config file")
        }
        return try parse(data, path: path)
    }

    /// Parses config JSON; `path` names the file in errors.
    static func parse(_ data: Data, path: String) throws(WSDL2SwiftConfigError) -> WSDL2SwiftConfigFile {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, column) = lineAndColumn(in: "\(error)")
            throw WSDL2SwiftConfigError(path: path, line: line, column: column, "not valid JSON: \(jsonErrorText(error))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw WSDL2SwiftConfigError(path: path, "expected a JSON object ({ \"generate\": [\"types\"], ... })")
        }
        let text = String(decoding: data, as: UTF8.self)
        func fail(_ key: String, _ message: String) -> WSDL2SwiftConfigError {
            let (line, column) = location(ofKey: key, in: text)
            return WSDL2SwiftConfigError(path: path, line: line, column: column, message)
        }

        for key in dictionary.keys.sorted() where !knownKeys.contains(key) {
            throw fail(key, "unknown key '\(key)'; known keys are \(knownKeys.joined(separator: ", "))")
        }

        var config = WSDL2SwiftConfigFile()
        if let value = dictionary["generate"] {
            guard let names = value as? [String] else {
                throw fail("generate", "'generate' must be an array of strings, e.g. [\"types\", \"client\"]")
            }
            guard !names.isEmpty else {
                throw fail("generate", "'generate' is empty; name at least one of \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var modes: [Mode] = []
            for name in names {
                guard let mode = Mode(rawValue: name) else {
                    throw fail("generate", "unknown mode '\(name)' in 'generate'; expected any of \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !modes.contains(mode) { modes.append(mode) }
            }
            config.generate = modes
        }
        if let value = dictionary["accessModifier"] {
            guard let name = value as? String, let access = AccessModifier(rawValue: name) else {
                throw fail("accessModifier", "'accessModifier' must be one of \(AccessModifier.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            }
            config.accessModifier = access
        }
        if let value = dictionary["imports"] {
            guard let modules = value as? [String] else {
                throw fail("imports", "'imports' must be an array of module names, e.g. [\"AppMgmt\"]")
            }
            config.imports = modules
        }
        if let value = dictionary["operations"] {
            guard let names = value as? [String], !names.contains(where: \.isEmpty) else {
                throw fail("operations", "'operations' must be an array of operation names, e.g. [\"GetDeviceInformation\"]")
            }
            config.operations = names
        }
        if let value = dictionary["locationMap"] {
            guard let map = value as? [String: String] else {
                throw fail("locationMap", "'locationMap' must map URLs to paths, e.g. { \"http://www.onvif.org/ver10/schema/\": \"onvif/\" }")
            }
            for (url, local) in map where url.isEmpty || local.isEmpty {
                throw fail("locationMap", "'locationMap' has an empty URL or path ('\(url)': '\(local)')")
            }
            config.locationMap = map
        }
        if let value = dictionary["templates"] {
            guard let folder = value as? String, !folder.isEmpty else {
                throw fail("templates", "'templates' must be a folder path (relative to the config's folder)")
            }
            config.templates = folder
        }
        if let value = dictionary["input"] {
            guard let input = value as? String, !input.isEmpty else {
                throw fail("input", "'input' must be the path of the entry .wsdl or .xsd (relative to the config's folder)")
            }
            config.input = input
        }
        return config
    }

    /// `relative` resolved against the folder holding the config at `configPath`; absolute
    /// paths stay as they are. No symlink is resolved, so diagnostics show the path the user
    /// sees.
    static func resolve(_ relative: String, configPath: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let directory: String
        if let slash = configPath.lastIndex(of: "/") {
            directory = slash == configPath.startIndex ? "/" : String(configPath[..<slash])
        } else {
            directory = ""
        }
        var rest = Substring(relative)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        if directory.isEmpty { return rest.isEmpty ? "." : String(rest) }
        if rest.isEmpty || rest == "." { return directory }
        return directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }

    /// The `locationMap` with its paths resolved against the config's folder.
    func resolvedLocationMap(configPath: String) -> [String: String] {
        (locationMap ?? [:]).mapValues { Self.resolve($0, configPath: configPath) }
    }

    /// The files generation writes, sorted (types when `generate` is absent).
    var outputFileNames: [String] {
        (generate ?? [.types]).sorted().flatMap(\.fileNames)
    }

    /// The line and column of `"key":` in the JSON text, (1, 1) when not found.
    private static func location(ofKey key: String, in text: String) -> (Int, Int) {
        guard let range = text.range(of: "\"\(key)\"") else { return (1, 1) }
        var line = 1
        var column = 1
        for character in text[..<range.lowerBound] {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// "line N, column M" as Foundation's JSON errors spell it, (1, 1) when absent.
    private static func lineAndColumn(in message: String) -> (Int, Int) {
        func number(after word: String) -> Int? {
            guard let range = message.range(of: word) else { return nil }
            let digits = message[range.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isNumber)
            return Int(digits)
        }
        return (number(after: "line") ?? 1, number(after: "column") ?? 1)
    }

    private static func jsonErrorText(_ error: any Error) -> String {
        let nsError = error as NSError
        if let debug = nsError.userInfo["NSDebugDescription"] as? String { return debug }
        return "\(error)"
    }
}
