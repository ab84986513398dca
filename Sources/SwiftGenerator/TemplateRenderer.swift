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

    /// Renders `model` (a render model: every value a template reads answers `child(named:)`,
    /// see RenderModel+Mustache.swift) with the template `template`.
    func render(_ model: some MustacheParent, template: String) throws(DiagnosticError) -> String {
        guard let text = library.render(model, withTemplate: template) else {
            throw DiagnosticError("template '\(template)' not found", at: nil)
        }
        return text
    }
}
