import Foundation
import Testing
import WSDLModel
import WSDLParser

/// Paths of the test fixtures, copied beside the test binary.
enum Fixtures {
    static var directory: String {
        get throws {
            let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            return url.path
        }
    }

    static func path(_ relative: String) throws -> String {
        try directory + "/" + relative
    }

    static func parse(_ relative: String, options: ParserOptions = .init()) throws -> ServiceDescription {
        try WSDLParser(options: options).parse(file: path(relative))
    }

    /// The diagnostics a broken fixture produces, as compiler-style lines with the fixture
    /// directory replaced by `Fixtures`.
    static func diagnostics(_ relative: String, options: ParserOptions = .init()) throws -> [String] {
        let directory = try directory
        let file = try path(relative)
        do {
            _ = try WSDLParser(options: options).parse(file: file)
            Issue.record("expected \(relative) to fail")
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: directory, with: "Fixtures") }
        }
    }
}

extension Particle {
    /// A short description of a particle for order assertions: `name occurs`.
    var summary: String {
        switch self {
        case .element(let element, let occurs): return "\(element.name) \(occurs)"
        case .elementReference(let name, let occurs, _): return "ref \(name) \(occurs)"
        case .group(let group): return "\(group.compositor.rawValue) \(group.occurs)"
        case .groupReference(let name, let occurs, _): return "group \(name) \(occurs)"
        case .any(let wildcard): return "any \(wildcard.occurs)"
        }
    }

    var modelGroup: ModelGroup? {
        if case .group(let group) = self { return group }
        return nil
    }

    var element: ElementDeclaration? {
        if case .element(let element, _) = self { return element }
        return nil
    }
}

extension TypeReference {
    var anonymousComplex: ComplexType? {
        if case .anonymousComplex(let type) = self { return type }
        return nil
    }
}
