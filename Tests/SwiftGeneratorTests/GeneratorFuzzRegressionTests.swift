import Foundation
import SwiftGenerator
import Testing
import WSDLModel
import WSDLParser

/// Inputs the generator fuzzer (`scripts/fuzz.sh fuzz-generator`) found, kept in
/// Fuzz/Regressions/generator-*: each must parse and generate (or fail with diagnostics)
/// without crashing or hanging. Also run over the fuzzer's seeds.
@Suite("Generator fuzz regressions")
struct GeneratorFuzzRegressionTests {
    /// The fuzz input format: the entry document, then `b.xsd` and `c.xsd`, separated.
    static func documents(_ bytes: [UInt8]) -> [String: [UInt8]] {
        let separator = Array("\n--DOCUMENT--\n".utf8)
        var parts: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes.count - index >= separator.count, bytes[index..<(index + separator.count)].elementsEqual(separator) {
                parts.append([])
                index += separator.count
            } else {
                parts[parts.count - 1].append(bytes[index])
                index += 1
            }
        }
        let names = ["/fuzz/fuzz.wsdl", "/fuzz/b.xsd", "/fuzz/c.xsd"]
        return Dictionary(uniqueKeysWithValues: zip(names, parts))
    }

    static var inputs: [String] {
        let fm = FileManager.default
        let regressions = packageRoot.appendingPathComponent("Fuzz/Regressions")
        let seeds = packageRoot.appendingPathComponent("Fuzz/Seeds/generator")
        let found = ((try? fm.contentsOfDirectory(atPath: regressions.path)) ?? []).filter { $0.hasPrefix("generator-") }.map { "Fuzz/Regressions/\($0)" }
        let seeded = ((try? fm.contentsOfDirectory(atPath: seeds.path)) ?? []).map { "Fuzz/Seeds/generator/\($0)" }
        return (found + seeded).sorted()
    }

    @Test("Parses and generates without crashing", arguments: inputs)
    func input(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent(path)))
        let parser = WSDLParser(options: ParserOptions(locationMap: ["http://example.com/": "/fuzz/"]))
        guard let description = try? parser.parse(file: "/fuzz/fuzz.wsdl", contents: Self.documents(bytes)) else { return }
        let configuration = GeneratorConfiguration(modes: [.types, .client, .server], moduleName: "Fuzz")
        _ = try? Generator(configuration: configuration, renderer: TemplateRenderer()).generate(description)
    }

    @Test("The seeds are there")
    func seedsExist() {
        #expect(Self.inputs.filter { $0.hasPrefix("Fuzz/Seeds/") }.count >= 6)
    }
}
