import WSDLModel

/// Options of a `WSDLParser`.
public struct ParserOptions: Sendable {
    /// Remote `schemaLocation`/`location` URL, or URL prefix, to a local file path, or to a
    /// local directory prefix for a URL prefix. The longest matching prefix wins.
    public var locationMap: [String: String]

    public init(locationMap: [String: String] = [:]) {
        self.locationMap = locationMap
    }
}

/// Reads WSDL 1.1 and XML Schema 1.0 documents into the IR (`ServiceDescription`), with
/// libxml2, securely (no network, no DTD loading, no entity expansion).
public struct WSDLParser: Sendable {
    public var options: ParserOptions

    public init(options: ParserOptions = .init()) {
        self.options = options
    }

    /// Reads a .wsdl (WSDL 1.1) or a bare .xsd entry document and everything it imports/includes.
    ///
    /// Throws every error found (malformed XML, missing or unmapped imports, undeclared
    /// prefixes, unknown references, duplicates), ordered by location.
    public func parse(file path: String) throws(DiagnosticError) -> ServiceDescription {
        try parse(file: path, contents: [:])
    }

    /// Like ``parse(file:)``, with the documents at the paths in `contents` read from memory
    /// instead of the disk (paths as the parser resolves them: relative to the importing
    /// document). The fuzzer feeds documents this way.
    public func parse(file path: String, contents: [String: [UInt8]]) throws(DiagnosticError) -> ServiceDescription {
        let session = ParseSession(options: options)
        session.inMemoryDocuments = contents
        session.readEntry(path)
        ReferenceValidator(session: session).validate()
        if session.diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticError(session.sortedDiagnostics)
        }
        return session.result
    }
}
