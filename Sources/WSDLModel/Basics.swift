/// A position in a schema or WSDL document, for diagnostics and generated remarks.
///
/// `file` is the path as the user named it (relative paths stay relative), so messages read
/// like a compiler's: `Schemas/AppInfo.xsd:41:9`.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The file's last path component, for remarks in generated code (no absolute paths).
    public var fileName: String {
        file.split(separator: "/").last.map(String.init) ?? file
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// An XML qualified name: a namespace URI (empty for no namespace) and a local name.
public struct QName: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, CodingKeyRepresentable {
    public var namespace: String
    public var localName: String

    public init(_ namespace: String, _ localName: String) {
        self.namespace = namespace
        self.localName = localName
    }

    /// Clark notation, `{namespace}local`, used as a stable key in JSON dumps.
    public var description: String { namespace.isEmpty ? localName : "{\(namespace)}\(localName)" }

    public static func < (lhs: QName, rhs: QName) -> Bool {
        (lhs.namespace, lhs.localName) < (rhs.namespace, rhs.localName)
    }

    /// Parses Clark notation back into a name.
    public init?(clark: String) {
        if clark.hasPrefix("{"), let close = clark.firstIndex(of: "}") {
            namespace = String(clark[clark.index(after: clark.startIndex)..<close])
            localName = String(clark[clark.index(after: close)...])
        } else {
            namespace = ""
            localName = clark
        }
    }

    public var codingKey: any CodingKey { ClarkKey(stringValue: description) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(clark: codingKey.stringValue)
    }

    private struct ClarkKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Well-known namespace URIs.
public enum Namespaces {
    public static let xsd = "http://www.w3.org/2001/XMLSchema"
    public static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    public static let wsdl = "http://schemas.xmlsoap.org/wsdl/"
    public static let wsdlSOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
    public static let wsdlSOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
    public static let soap11Envelope = "http://schemas.xmlsoap.org/soap/envelope/"
    public static let soap12Envelope = "http://www.w3.org/2003/05/soap-envelope"
    /// SOAP 1.1 section 5 encoding (`soapenc:Array`, `soapenc:arrayType`).
    public static let soap11Encoding = "http://schemas.xmlsoap.org/soap/encoding/"
    /// Apache SOAP's and Axis 1's own types (`apachesoap:Map`, `Vector`, `Element`,
    /// `DataHandler`), which Axis-generated WSDLs reference without a schema.
    public static let apacheSOAP = "http://xml.apache.org/xml-soap"
    /// The namespaces of the `Action` attribute on `wsdl:input`/`output`/`fault`: WS-Addressing
    /// 1.0 Metadata (`wsam`) and the earlier WSDL Binding drafts (`wsaw`), all still in use.
    public static let wsAddressingActionAttribute = [
        "http://www.w3.org/2007/05/addressing/metadata", "http://www.w3.org/2006/05/addressing/wsdl", "http://www.w3.org/2006/02/addressing/wsdl",
    ]
}

/// A problem found while reading documents, located like a compiler diagnostic.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message`, the format editors and SwiftPM understand.
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}

/// One or more error diagnostics, thrown by the parser and the generator.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(_ message: String, at location: SourceLocation?) {
        self.diagnostics = [Diagnostic(.error, message, at: location)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
