/// What to generate and how: the options shared by the CLI and the build plugin.
public struct GeneratorConfiguration: Sendable, Hashable {
    /// The kinds of output, each written as files with fixed names.
    public enum Mode: String, Sendable, Hashable, CaseIterable, Comparable {
        /// `Types.swift` and `XMLCoding.swift`: the schema types and their XML coding.
        case types
        /// `Client.swift`: a client per SOAP-bound port type.
        case client
        /// `Server.swift`: a service protocol and dispatcher per SOAP-bound port type.
        case server

        public static func < (lhs: Mode, rhs: Mode) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The files a mode writes, known before generation (a build plugin declares them).
        public var fileNames: [String] {
            switch self {
            case .types: return ["Types.swift", "XMLCoding.swift"]
            case .client: return ["Client.swift"]
            case .server: return ["Server.swift"]
            }
        }
    }

    /// The access modifier of generated declarations.
    public enum AccessModifier: String, Sendable, Hashable, CaseIterable {
        case `public`, package, `internal`
    }

    public var modes: Set<Mode>
    public var moduleName: String
    public var accessModifier: AccessModifier
    /// The command shown in file headers to regenerate them.
    public var regenerateCommand: String
    /// Modules the output imports: for client or server output generated apart from the
    /// types, the module that holds the types.
    public var imports: [String]
    /// Generate only these operations (by name, in any port type) and the types they reach;
    /// empty: every operation. ONVIF's onvif.xsd is ~10,000 lines: a device that implements a
    /// few operations of a service need not carry the rest.
    public var operations: Set<String>

    public init(
        modes: Set<Mode> = [.types], moduleName: String, accessModifier: AccessModifier = .public, imports: [String] = [],
        operations: Set<String> = [], regenerateCommand: String = "wsdl2swift generate"
    ) {
        self.modes = modes
        self.operations = operations
        self.imports = imports
        self.moduleName = moduleName
        self.accessModifier = accessModifier
        self.regenerateCommand = regenerateCommand
    }
}

extension GeneratorConfiguration {
    /// The `wsdl2swift generate` command line that reproduces output with this configuration,
    /// written into file headers (relative paths as given; no absolute paths, no timestamps).
    public static func regenerateCommand(
        input: String, output: String, moduleName: String, modes: Set<Mode>, accessModifier: AccessModifier, imports: [String] = [], operations: Set<String> = []
    ) -> String {
        var command = "swift run wsdl2swift generate \(input) --output \(output) --module-name \(moduleName)"
        if modes != [.types] {
            for mode in modes.sorted() { command += " --mode \(mode.rawValue)" }
        }
        for module in imports { command += " --import \(module)" }
        if accessModifier != .public { command += " --access-modifier \(accessModifier.rawValue)" }
        for operation in operations.sorted() { command += " --operation \(operation)" }
        return command
    }
}

/// The generator's version, written into file headers.
public enum GeneratorVersion {
    public static let current = "0.1.0"
}
