import GeneratorTemplates
import Mustache
import WSDLModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Renders render models with the Mustache templates: the embedded ones, or those of a
/// directory that overrides them one by one.
public struct TemplateRenderer: Sendable {
    private let library: MustacheLibrary

    /// - Parameter directory: a folder of `*.mustache` files replacing embedded templates of
    ///   the same name.
    public init(overridesDirectory directory: String? = nil) throws(DiagnosticError) {
        var templates = EmbeddedTemplates.all
        if let directory {
            let url = URL(fileURLWithPath: directory)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw DiagnosticError("cannot read templates directory '\(directory)': \(error.localizedDescription)", at: nil)
            }
            for file in names.sorted() where file.hasSuffix(".mustache") {
                do {
                    templates[String(file.dropLast(".mustache".count))] = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                } catch {
                    throw DiagnosticError("cannot read template '\(directory)/\(file)': \(error.localizedDescription)", at: nil)
                }
            }
        }
        var library = MustacheLibrary()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw DiagnosticError("template '\(name)' does not parse: \(error)", at: nil)
            }
        }
        self.library = library
    }

    func render(_ model: Any, template: String) throws(DiagnosticError) -> String {
        guard let text = library.render(Self.dictionaries(model), withTemplate: template) else {
            throw DiagnosticError("template '\(template)' not found", at: nil)
        }
        return text
    }

    /// The render model as nested `[String: Any]` dictionaries and arrays, made with one
    /// reflection pass. Mustache looks a key up in a dictionary directly, where it would
    /// otherwise reflect over the struct for every lookup (two thirds of the generation time
    /// on ONVIF's devicemgmt.wsdl). Lookup semantics are unchanged: a key a dictionary lacks
    /// climbs to the enclosing context, as a property a struct lacks does.
    static func dictionaries(_ value: Any) -> Any {
        // Leaves first, by their exact type (cheaper than a cast to `[Any]`, which walks
        // the array to convert it).
        if value is String || value is Bool || value is Int { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?:
            return mirror.children.map { dictionaries($0.value) }
        case .struct? where !mirror.children.isEmpty:
            var dictionary: [String: Any] = Dictionary(minimumCapacity: Int(mirror.children.count))
            for child in mirror.children {
                if let label = child.label { dictionary[label] = dictionaries(child.value) }
            }
            return dictionary
        default:
            return value
        }
    }
}
