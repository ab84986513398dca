import WSDLModel

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

/// The generator pipeline from the IR on: IR (`ServiceDescription`, which `WSDLParser` reads
/// from documents) → render model (translation passes) → source text (templates) → files
/// written only when changed. Each stage is callable alone; this module does not read XML.
public struct Generator: Sendable {
    public var configuration: GeneratorConfiguration
    public var renderer: TemplateRenderer

    public init(configuration: GeneratorConfiguration, renderer: TemplateRenderer) {
        self.configuration = configuration
        self.renderer = renderer
    }

    /// Stages 2 and 3: the files for the configured modes, deterministic for the same input.
    public func generate(_ description: ServiceDescription) throws(DiagnosticError) -> [GeneratedFile] {
        try generateWithWarnings(description).files
    }

    /// The files, and the warnings about what the output cannot represent.
    public func generateWithWarnings(_ parsed: ServiceDescription) throws(DiagnosticError) -> (files: [GeneratedFile], warnings: [Diagnostic]) {
        let models = try renderModels(parsed)
        var files: [GeneratedFile] = []
        for mode in configuration.modes.sorted() {
            switch mode {
            case .types:
                files.append(GeneratedFile(name: "Types.swift", contents: try Self.tidy(renderer.render(models.types, template: "Types.swift"))))
                files.append(GeneratedFile(name: "XMLCoding.swift", contents: try Self.tidy(renderer.render(models.types, template: "XMLCoding.swift"))))
            case .client, .server:
                let name = mode == .client ? "Client.swift" : "Server.swift"
                files.append(GeneratedFile(name: name, contents: try Self.tidy(renderer.render(models.services, template: name))))
            }
        }
        return (files, models.warnings)
    }

    /// Stage 2: the translation passes, up to the render models the templates read.
    func renderModels(_ parsed: ServiceDescription) throws(DiagnosticError) -> (types: FileRenderModel, services: ServiceFileRenderModel, warnings: [Diagnostic]) {
        let inputs = parsed.documents.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        var normalizer = MessageNormalizer(parsed)
        var arrays = SOAPEncodedArrays()
        let description = arrays.rewrite(normalizer.normalize())
        var translator = TypesTranslator(description: description, configuration: configuration)
        let output = translator.translate()
        var diagnostics = description.warnings + normalizer.diagnostics + arrays.diagnostics + translator.diagnostics
        var services: [ServiceRenderModel] = []
        if configuration.modes.contains(.client) || configuration.modes.contains(.server) {
            var serviceTranslator = ServiceTranslator(description: description, types: output.assignment, operations: configuration.operations)
            services = serviceTranslator.translate()
            diagnostics += serviceTranslator.diagnostics
        }
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        if !errors.isEmpty { throw DiagnosticError(errors.sorted { ($0.location?.description ?? "") < ($1.location?.description ?? "") }) }
        let access = configuration.accessModifier.rawValue
        let types = FileRenderModel(
            generatorVersion: GeneratorVersion.current, inputs: inputs.joined(separator: ", "),
            regenerateCommand: configuration.regenerateCommand, access: access, imports: configuration.imports,
            namespacesTypeName: "\(SwiftNaming.typeName(configuration.moduleName))Namespaces",
            namespaces: output.namespaces, enums: output.enums, unions: output.unions, structs: output.structs, rootElements: output.rootElements,
            sharedMessageElements: output.sharedMessageElements)
        let serviceFile = ServiceFileRenderModel(
            generatorVersion: GeneratorVersion.current, inputs: inputs.joined(separator: ", "),
            regenerateCommand: configuration.regenerateCommand, access: access, isPublicAccess: configuration.accessModifier == .public,
            imports: configuration.imports, services: services)
        return (types, serviceFile, warnings)
    }

    /// Re-indented by brace depth (4 spaces), trailing whitespace removed, runs of blank lines
    /// collapsed, no blank line after `{` or before `}`, one final newline. `case`/`default`
    /// lines sit one level out only directly inside a `switch` (enum cases stay in line with
    /// the other members). Templates can then nest partials freely without tracking indentation.
    static func tidy(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        // Where each output line starts, to drop blank lines after the fact.
        var lineStarts: [Int] = []
        // One entry per open brace or bracket: whether it opened a `switch` body.
        var blocks: [Bool] = []
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        var lastLineIsBlank: Bool { lineStarts.last.map { $0 == output.count } ?? false }
        var lastLineEndsWithOpenBrace: Bool { output.last == UInt8(ascii: "{") }
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            var from = start
            while from < end, bytes[from] == space || bytes[from] == tab { from += 1 }
            var to = end
            while to > from, bytes[to - 1] == space { to -= 1 }
            defer { start = end + 1 }
            let line = bytes[from..<to]
            if line.isEmpty {
                if lineStarts.isEmpty || lastLineIsBlank || lastLineEndsWithOpenBrace { continue }
                output.append(newline)
                lineStarts.append(output.count)
                continue
            }
            let braces = braceSequence(line)
            let leadingCloses = braces.prefix { !$0.opens && $0.leading }.count
            if leadingCloses > 0, lastLineIsBlank, let blank = lineStarts.popLast() {
                // Drop the blank line before a closing brace.
                output.removeLast(output.count - blank + 1)
            }
            blocks.removeLast(min(leadingCloses, blocks.count))
            var indent = blocks.count
            if blocks.last == true, Self.startsCaseOrDefault(line) { indent -= 1 }
            if !lineStarts.isEmpty { output.append(newline) }
            lineStarts.append(output.count)
            for _ in 0..<max(indent, 0) { output.append(contentsOf: [space, space, space, space]) }
            output.append(contentsOf: line)
            let isSwitch = Self.containsSwitch(line)
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
        // Trailing blank lines, then one final newline.
        while lastLineIsBlank, let blank = lineStarts.popLast() { output.removeLast(output.count - blank + 1) }
        output.append(newline)
        return String(decoding: output, as: UTF8.self)
    }

    private static func startsCaseOrDefault(_ line: ArraySlice<UInt8>) -> Bool {
        line.starts(with: "case ".utf8) || line.starts(with: "default:".utf8) || line.elementsEqual("default".utf8)
    }

    private static func containsSwitch(_ line: ArraySlice<UInt8>) -> Bool {
        if line.starts(with: "switch ".utf8) { return true }
        let needle = Array(" switch ".utf8)
        guard line.count >= needle.count else { return false }
        var index = line.startIndex
        while index + needle.count <= line.endIndex {
            if line[index] == needle[0], line[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// The braces and brackets of a line outside string literals and comments, in order: each
    /// whether it opens, and whether it comes before any other character (a leading close).
    static func braceSequence(_ line: ArraySlice<UInt8>) -> [(opens: Bool, leading: Bool)] {
        var result: [(opens: Bool, leading: Bool)] = []
        var seenOther = false
        var inString = false
        var escaped = false
        var previous = UInt8(ascii: " ")
        for c in line {
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                previous = c
                continue
            }
            if c == UInt8(ascii: "/") && previous == UInt8(ascii: "/") { break }
            switch c {
            case UInt8(ascii: "\""): inString = true; seenOther = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): result.append((true, false)); seenOther = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"): result.append((false, !seenOther))
            case UInt8(ascii: " "): break
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
