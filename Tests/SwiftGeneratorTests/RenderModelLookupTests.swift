import Mustache
@testable import SwiftGenerator
import Testing
import WSDLModel
import WSDLParser

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The templates read render models through `child(named:)` (RenderModel+Mustache.swift), not
/// reflection. These tests walk real render models and check that every stored property is
/// answered with its own value, so a property added to a model without a lookup case fails.
@Suite("Render models answer every template lookup without reflection")
struct RenderModelLookupTests {
    struct Walk {
        var visitedTypes: Set<String> = []
        var problems: [String] = []

        mutating func visit(_ value: Any, path: String) {
            if let array = value as? [Any] {
                for (index, element) in array.enumerated() { visit(element, path: "\(path)[\(index)]") }
                return
            }
            guard let parent = value as? MustacheParent, !(value is [String: Any]) else { return }
            let typeName = String(describing: type(of: value))
            visitedTypes.insert(typeName)
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                guard let answered = parent.child(named: label) else {
                    problems.append("\(typeName).\(label) (at \(path)) is not answered by child(named:)")
                    continue
                }
                if String(describing: answered) != String(describing: child.value) {
                    problems.append("\(typeName).\(label) (at \(path)) answers another property's value")
                }
                visit(child.value, path: "\(path).\(label)")
            }
            if parent.child(named: "noSuchProperty") != nil {
                problems.append("\(typeName) answers a name it does not have")
            }
        }
    }

    @Test("Every stored property of every model in Constructs.wsdl's and Inventory.wsdl's render models is answered")
    func everyPropertyAnswered() throws {
        var walk = Walk()
        // Constructs.wsdl, and the rpc/encoded service for SOAP arrays.
        for input in ["Tests/Constructs/Constructs.wsdl", "Tests/SOAPEncoded/Inventory.wsdl"] {
            let path = packageRoot.appendingPathComponent(input).path
            let generator = Generator(configuration: GeneratorConfiguration(modes: [.types, .client, .server], moduleName: "Constructs"), renderer: try TemplateRenderer())
            let models = try generator.renderModels(Generator.parse(path))
            walk.visit(models.types, path: "types")
            walk.visit(models.services, path: "services")
        }
        #expect(walk.problems == [])
        // Every model type is reached (so none escapes the check above).
        let source = try String(contentsOf: packageRoot.appendingPathComponent("Sources/SwiftGenerator/RenderModel.swift"), encoding: .utf8)
        let declared = Set(source.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("struct "), let name = line.dropFirst("struct ".count).split(separator: ":").first else { return nil }
            return String(name)
        })
        #expect(declared.count > 10)
        #expect(declared.subtracting(walk.visitedTypes) == [], "models Constructs.wsdl and Inventory.wsdl do not reach; extend Constructs.wsdl")
    }
}
