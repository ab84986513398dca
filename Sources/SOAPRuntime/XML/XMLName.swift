/// An element or attribute name as it goes on the wire: namespace URI (empty for none) and local name.
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var localName: String

    public init(_ namespace: String, _ localName: String) {
        self.namespace = namespace
        self.localName = localName
    }

    public var description: String { namespace.isEmpty ? localName : "{\(namespace)}\(localName)" }
}

/// A prefix bound to a namespace URI, as declared with `xmlns:prefix="uri"`.
public struct XMLNamespaceBinding: Sendable, Hashable {
    public var prefix: String
    public var namespace: String

    public init(prefix: String, namespace: String) {
        self.prefix = prefix
        self.namespace = namespace
    }
}
