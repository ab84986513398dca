import SwiftGenerator
import WSDLModel
import WSDLParser

extension Generator {
    /// Reads a WSDL or XSD and everything it imports (the parser's stage, which the generator
    /// module does not depend on), for tests that go from a file to generated code.
    static func parse(_ path: String, options: ParserOptions = .init()) throws(DiagnosticError) -> ServiceDescription {
        try WSDLParser(options: options).parse(file: path)
    }
}
