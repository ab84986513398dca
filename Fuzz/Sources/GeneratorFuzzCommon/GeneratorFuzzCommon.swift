import SwiftGenerator
import WSDLModel
import WSDLParser

/// The generator's fuzz check, also callable from regression tests.
public enum GeneratorFuzzChecks {
    /// The separator between the documents of one input: the entry `fuzz.wsdl` first, then
    /// `b.xsd`, `c.xsd` (which the entry may import or include by those names).
    public static let separator = Array("\n--DOCUMENT--\n".utf8)

    /// Parses the input's documents and generates types, client and server from them. Errors
    /// are diagnostics; a crash, a trap or a hang is a finding.
    public static func generate(_ bytes: [UInt8]) {
        let names = ["/fuzz/fuzz.wsdl", "/fuzz/b.xsd", "/fuzz/c.xsd"]
        var documents: [String: [UInt8]] = [:]
        for (index, part) in split(bytes).prefix(names.count).enumerated() { documents[names[index]] = part }
        let parser = WSDLParser(options: ParserOptions(locationMap: ["http://example.com/": "/fuzz/"]))
        guard let description = try? parser.parse(file: names[0], contents: documents) else { return }
        let configuration = GeneratorConfiguration(modes: [.types, .client, .server], moduleName: "Fuzz")
        guard let renderer = try? TemplateRenderer() else { fatalError("the embedded templates do not load") }
        _ = try? Generator(configuration: configuration, renderer: renderer).generate(description)
    }

    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == separator[0], bytes.count - index >= separator.count, Array(bytes[index..<(index + separator.count)]) == separator {
                parts.append(current)
                current = []
                index += separator.count
                continue
            }
            current.append(bytes[index])
            index += 1
        }
        parts.append(current)
        return parts
    }
}
