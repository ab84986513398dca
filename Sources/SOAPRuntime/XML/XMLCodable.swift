/// A value decoded from an XML element by generated code.
public protocol XMLElementDecodable: Sendable {
    /// Decodes the element the reader is positioned on, leaving the reader on its end tag.
    init(from reader: XMLPullReader) throws(XMLDecodingError)
}

/// A value encoded as an XML element by generated code.
public protocol XMLElementEncodable: Sendable {
    /// Writes the value as an element named `name` (its attributes, content and end tag).
    func encode(to writer: inout XMLWriter, as name: XMLName)
}

/// A value that is both.
public typealias XMLElementRepresentable = XMLElementDecodable & XMLElementEncodable

/// A type generated for a global element: it knows its own element name and the namespaces
/// its module declares once on the root.
public protocol XMLRootElement: XMLElementRepresentable {
    /// The global element's name.
    static var xmlName: XMLName { get }
    /// Prefixes the module prefers for its namespaces, declared on the root when encoding.
    static var xmlNamespaces: [XMLNamespaceBinding] { get }
}

extension XMLRootElement {
    /// Decodes a whole document whose root element is this type's element.
    public init(xmlBytes bytes: some Collection<UInt8>, limits: XMLReaderLimits = .default) throws(XMLDecodingError) {
        let reader = try XMLPullReader(bytes: bytes, limits: limits)
        try reader.moveToRootElement()
        guard reader.matchesName(Self.xmlName) else {
            throw reader.error(.unexpectedRoot, "expected root element <\(Self.xmlName.localName)> in namespace '\(Self.xmlName.namespace)', found <\(reader.localName)> in namespace '\(reader.namespace)'")
        }
        try self.init(from: reader)
        try reader.finish()
    }

    /// Decodes a whole document from a string.
    public init(xmlString: String, limits: XMLReaderLimits = .default) throws(XMLDecodingError) {
        try self.init(xmlBytes: Array(xmlString.utf8), limits: limits)
    }

    /// Encodes the value as a whole document (with an XML declaration).
    public func xmlBytes() -> [UInt8] {
        var writer = XMLWriter()
        writer.writeDeclaration()
        encode(to: &writer, asRoot: Self.xmlName)
        return writer.bytes
    }

    /// Encodes the value as a whole document, as a string.
    public func xmlString() -> String { String(decoding: xmlBytes(), as: UTF8.self) }

    /// Encodes the value as the root element (or body child) with the module's namespaces
    /// declared on it.
    public func encode(to writer: inout XMLWriter, asRoot name: XMLName) {
        writer.declareOnNextElement(Self.xmlNamespaces)
        encode(to: &writer, as: name)
    }
}

extension XMLPullReader {
    /// Whether the current element has exactly this name.
    public func matchesName(_ name: XMLName) -> Bool {
        localName == name.localName && namespace == name.namespace
    }
}
