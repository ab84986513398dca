import WSDLModel
import WSDLParser

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file the generator produced: a fixed name and its contents.
public struct GeneratedFile: Sendable, Hashable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// The generator pipeline: documents → IR (``WSDLParser``) → render model (translation passes)
/// → source text (templates) → files written only when changed. Each stage is callable alone.
public struct Generator: Sendable {
    public var configuration: GeneratorConfiguration
    public var renderer: TemplateRenderer

    public init(configuration: GeneratorConfiguration, renderer: TemplateRenderer) {
        self.configuration = configuration
        self.renderer = renderer
    }

    /// Stage 1: reads the entry document and everything it imports.
    public static func parse(_ path: String, options: ParserOptions = .init()) throws(DiagnosticError) -> ServiceDescription {
        try WSDLParser(options: options).parse(file: path)
    }

    /// Stages 2 and 3: the files for the configured modes, deterministic for the same input.
    public func generate(_ description: ServiceDescription) throws(DiagnosticError) -> [GeneratedFile] {
        try generateWithWarnings(description).files
    }

    /// The files, and the warnings about what the output cannot represent.
    public func generateWithWarnings(_ description: ServiceDescription) throws(DiagnosticError) -> (files: [GeneratedFile], warnings: [Diagnostic]) {
        var files: [GeneratedFile] = []
        let inputs = description.documents.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        var translator = TypesTranslator(description: description, configuration: configuration)
        let output = translator.translate()
        var diagnostics = description.warnings + translator.diagnostics
        var services: [ServiceRenderModel] = []
        if configuration.modes.contains(.client) || configuration.modes.contains(.server) {
            var serviceTranslator = ServiceTranslator(description: description, types: output, operations: configuration.operations)
            services = serviceTranslator.translate()
            diagnostics += serviceTranslator.diagnostics
        }
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        if !errors.isEmpty { throw DiagnosticError(errors.sorted { ($0.location?.description ?? "") < ($1.location?.description ?? "") }) }
        let access = configuration.accessModifier.rawValue
        for mode in configuration.modes.sorted() {
            switch mode {
            case .types:
                let model = FileRenderModel(
                    generatorVersion: GeneratorVersion.current, inputs: inputs.joined(separator: ", "),
                    regenerateCommand: configuration.regenerateCommand, access: access, imports: configuration.imports,
                    namespacesTypeName: "\(SwiftNaming.typeName(configuration.moduleName))Namespaces",
                    namespaces: output.namespaces, enums: output.enums, structs: output.structs, rootElements: output.rootElements,
                    sharedMessageElements: output.sharedMessageElements)
                files.append(GeneratedFile(name: "Types.swift", contents: try Self.tidy(renderer.render(model, template: "Types.swift"))))
                files.append(GeneratedFile(name: "XMLCoding.swift", contents: try Self.tidy(renderer.render(model, template: "XMLCoding.swift"))))
            case .client, .server:
                let model = ServiceFileRenderModel(
                    generatorVersion: GeneratorVersion.current, inputs: inputs.joined(separator: ", "),
                    regenerateCommand: configuration.regenerateCommand, access: access, imports: configuration.imports, services: services)
                let name = mode == .client ? "Client.swift" : "Server.swift"
                files.append(GeneratedFile(name: name, contents: try Self.tidy(renderer.render(model, template: name))))
            }
        }
        return (files, warnings)
    }

    /// Re-indented by brace depth (4 spaces), trailing whitespace removed, runs of blank lines
    /// collapsed, no blank line after `{` or before `}`, one final newline. `case`/`default`
    /// lines sit one level out only directly inside a `switch` (enum cases stay in line with
    /// the other members). Templates can then nest partials freely without tracking indentation.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        // One entry per open brace or bracket: whether it opened a `switch` body.
        var blocks: [Bool] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " }).reversed()
            let line = String(trimmed)
            if line.isEmpty {
                if lines.last?.isEmpty == true || lines.last?.hasSuffix("{") == true || lines.isEmpty { continue }
                lines.append("")
                continue
            }
            let braces = braceSequence(line)
            let leadingCloses = braces.prefix { !$0.opens && $0.leading }.count
            if leadingCloses > 0, lines.last?.isEmpty == true { lines.removeLast() }
            blocks.removeLast(min(leadingCloses, blocks.count))
            var indent = blocks.count
            if (line.hasPrefix("case ") || line.hasPrefix("default:") || line == "default"), blocks.last == true { indent -= 1 }
            lines.append(String(repeating: "    ", count: max(indent, 0)) + line)
            let isSwitch = line.hasPrefix("switch ") || line.contains(" switch ")
            let rest = braces.dropFirst(leadingCloses)
            let lastOpen = rest.lastIndex { $0.opens }
            for index in rest.indices {
                if rest[index].opens {
                    blocks.append(isSwitch && index == lastOpen)
                } else if !blocks.isEmpty {
                    blocks.removeLast()
                }
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The braces and brackets of a line outside string literals and comments, in order: each
    /// whether it opens, and whether it comes before any other character (a leading close).
    static func braceSequence(_ line: String) -> [(opens: Bool, leading: Bool)] {
        var result: [(opens: Bool, leading: Bool)] = []
        var seenOther = false
        var inString = false
        var escaped = false
        var previous: Character = " "
        for c in line {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                previous = c
                continue
            }
            if c == "/" && previous == "/" { break }
            switch c {
            case "\"": inString = true; seenOther = true
            case "{", "[": result.append((true, false)); seenOther = true
            case "}", "]": result.append((false, !seenOther))
            case " ": break
            default: seenOther = true
            }
            previous = c
        }
        return result
    }

    /// Writes `files` into `directory`, touching only files whose contents changed, and
    /// returns the names written.
    @discardableResult
    public static func write(_ files: [GeneratedFile], to directory: String) throws(DiagnosticError) -> [String] {
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files {
                let path = directory.hasSuffix("/") ? directory + file.name : directory + "/" + file.name
                let data = Data(file.contents.utf8)
                if let existing = FileManager.default.contents(atPath: path), existing == data { continue }
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                written.append(file.name)
            }
        } catch {
            throw DiagnosticError("cannot write to '\(directory)': \(error.localizedDescription)", at: nil)
        }
        return written
    }
}

extension Substring {
    fileprivate var trimmingPrefixSpaces: Substring { drop(while: { $0 == " " }) }
}
