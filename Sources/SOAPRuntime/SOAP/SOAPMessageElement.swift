/// A global element that travels as a SOAP body: its name, the namespaces declared on the
/// envelope with it, and the Swift type of its content. Generated code makes one per message
/// element, so several elements can share one complex type (ONVIF's `tmd:Get`).
public struct SOAPMessageElement<Value: XMLElementRepresentable>: Sendable, Hashable {
    public var name: XMLName
    /// Prefixes the generated module prefers, declared on the envelope.
    public var namespaces: [XMLNamespaceBinding]

    public init(_ name: XMLName, namespaces: [XMLNamespaceBinding]) {
        self.name = name
        self.namespaces = namespaces
    }
}

extension XMLRootElement {
    /// This type's own global element as a message element.
    public static var messageElement: SOAPMessageElement<Self> { SOAPMessageElement(xmlName, namespaces: xmlNamespaces) }
}

/// The body of a message with no parts: an empty SOAP Body. Generated code uses it for the
/// input or output of an operation whose message declares nothing; such a request is told
/// apart from others by its action.
public struct SOAPEmptyBody: XMLRootElement, Hashable {
    public init() {}

    /// Only reached when a Body that should be empty holds an element: refuses it.
    public init(from reader: XMLPullReader) throws(XMLDecodingError) {
        throw reader.error(.unexpectedElement, "expected an empty SOAP Body, found <\(reader.localName)>")
    }

    /// Writes nothing.
    public func encode(to writer: inout XMLWriter, as name: XMLName) {}

    /// No element: the empty name.
    public static var xmlName: XMLName { XMLName("", "") }
    public static var xmlNamespaces: [XMLNamespaceBinding] { [] }
}

extension SOAPMessageElement {
    /// Whether this stands for an empty Body (``SOAPEmptyBody``).
    public var isEmptyBody: Bool { name.localName.isEmpty }
}
