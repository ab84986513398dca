/// Open content: an element matched by `xs:any` (or typed `xs:anyType`), kept as a small XML
/// value so it is written back unchanged.
public struct XMLAnyElement: Sendable, Hashable {
    public var name: XMLName
    /// The prefix the element had on the wire, reused when writing if it is free.
    public var prefix: String?
    /// Namespace declarations that were on the element, kept so that QNames inside its content
    /// (e.g. `xsi:type` values) still resolve after a round trip.
    public var namespaceDeclarations: [XMLNamespaceBinding]
    public var attributes: [XMLAnyAttribute]
    public var children: [XMLAnyNode]
    /// Bindings declared *outside* the element (on an ancestor) whose prefixes its text or
    /// attribute values use (`tns1:RuleEngine//.`, `tt:CellMotionEngine`): written back where
    /// they are not already in scope, so such values keep their meaning in any new context.
    public var valueNamespaces: [XMLNamespaceBinding]

    public init(
        name: XMLName, prefix: String? = nil, namespaceDeclarations: [XMLNamespaceBinding] = [],
        attributes: [XMLAnyAttribute] = [], children: [XMLAnyNode] = [], valueNamespaces: [XMLNamespaceBinding] = []
    ) {
        self.name = name
        self.prefix = prefix
        self.namespaceDeclarations = namespaceDeclarations
        self.attributes = attributes
        self.children = children
        self.valueNamespaces = valueNamespaces
    }

    /// The concatenated text of this element's direct text children.
    public var text: String {
        var result = ""
        for child in children {
            if case .text(let t) = child { result += t }
        }
        return result
    }

    /// The first child element with the given local name (any namespace).
    public func child(named localName: String) -> XMLAnyElement? {
        for child in children {
            if case .element(let e) = child, e.name.localName == localName { return e }
        }
        return nil
    }
}

/// A child of an ``XMLAnyElement``.
public indirect enum XMLAnyNode: Sendable, Hashable {
    case element(XMLAnyElement)
    case text(String)
}

/// Open content: an attribute matched by `xs:anyAttribute`, kept to be written back unchanged.
public struct XMLAnyAttribute: Sendable, Hashable {
    public var name: XMLName
    public var prefix: String?
    public var value: String

    public init(name: XMLName, prefix: String? = nil, value: String) {
        self.name = name
        self.prefix = prefix
        self.value = value
    }
}

// Equality is namespace-aware, as XML's own: two elements are equal when they denote the same
// content — expanded names, attributes in order, children. Prefixes and namespace declarations
// are how the content was spelled: they are kept and reused when writing, but writing may have
// to choose another prefix (an element in a default namespace, which the writer never
// declares) or add a declaration (a prefix bound on an ancestor that is not open content), so
// they do not count here. Found by fuzzing: `decode(encode(x)) == x` failed for such input.
extension XMLAnyElement {
    public static func == (lhs: XMLAnyElement, rhs: XMLAnyElement) -> Bool {
        lhs.name == rhs.name && lhs.attributes == rhs.attributes && lhs.children == rhs.children
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(attributes)
        hasher.combine(children)
    }
}

extension XMLAnyAttribute {
    public static func == (lhs: XMLAnyAttribute, rhs: XMLAnyAttribute) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value)
    }
}
