/// A global element that travels as a SOAP body: its name, the namespaces declared on the
/// envelope with it, and the Swift type of its content. Generated code makes one per message
/// element, so several elements can share one complex type (ONVIF's `tmd:Get`).
public struct SOAPMessageElement<Value: XMLElementRepresentable>: Sendable, Hashable {
    public var name: XMLName
    /// Prefixes the generated module prefers, declared on the envelope.
    public var namespaces: [XMLNamespaceBinding]
    /// The `encodingStyle` of an rpc/encoded message (SOAP 1.1 section 5), `nil` for literal
    /// messages: written on the SOAP 1.1 Body, and a received message's `href` references
    /// are resolved before it is decoded (``SOAPMultiReferences``).
    public var encodingStyle: String?

    public init(_ name: XMLName, namespaces: [XMLNamespaceBinding], encodingStyle: String? = nil) {
        self.name = name
        self.namespaces = namespaces
        self.encodingStyle = encodingStyle
    }
}

extension XMLRootElement {
    /// This type's own global element as a message element.
    public static var messageElement: SOAPMessageElement<Self> { SOAPMessageElement(xmlName, namespaces: xmlNamespaces) }

    /// This type's own global element as the body of an rpc/encoded message (SOAP 1.1
    /// section 5 encoding).
    public static var soapEncodedMessageElement: SOAPMessageElement<Self> {
        SOAPMessageElement(xmlName, namespaces: xmlNamespaces, encodingStyle: SOAPMultiReferences.soap11Encoding)
    }
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
