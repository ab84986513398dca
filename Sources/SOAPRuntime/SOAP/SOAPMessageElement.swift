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
