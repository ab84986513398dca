import WSDLModel

/// The namespace declarations in scope at an element: its own `xmlns` attributes, then its
/// ancestors'. Shared between elements that declare nothing of their own.
final class NamespaceScope {
    let parent: NamespaceScope?
    /// This element's own declarations in document order; prefix "" is the default namespace,
    /// namespace "" undeclares it.
    let declarations: [(prefix: String, namespace: String)]

    init(parent: NamespaceScope?, declarations: [(prefix: String, namespace: String)]) {
        self.parent = parent
        self.declarations = declarations
    }

    /// The namespace bound to `prefix` ("" for the default namespace), or nil if none is.
    func namespace(forPrefix prefix: String) -> String? {
        if prefix == "xml" { return Namespaces.xml }
        var scope: NamespaceScope? = self
        while let current = scope {
            if let found = current.declarations.last(where: { $0.prefix == prefix }) {
                return found.namespace.isEmpty && !prefix.isEmpty ? nil : found.namespace
            }
            scope = current.parent
        }
        return prefix.isEmpty ? "" : nil
    }

    /// The outermost non-empty prefix bound to `namespace`, a naming hint.
    func firstPrefix(for namespace: String) -> String? {
        var chain: [NamespaceScope] = []
        var scope: NamespaceScope? = self
        while let current = scope {
            chain.append(current)
            scope = current.parent
        }
        for current in chain.reversed() {
            if let found = current.declarations.first(where: { !$0.prefix.isEmpty && $0.namespace == namespace }) {
                return found.prefix
            }
        }
        return nil
    }
}

/// An attribute of an `XMLNode`.
struct XMLNodeAttribute {
    var namespace: String
    var localName: String
    var value: String
}

/// An element read from a document: a plain Swift copy of libxml2's DOM node, with its
/// namespace scope and its `file:line:column`.
struct XMLNode {
    var namespace: String
    var localName: String
    /// The tag name as written, `prefix:local` or `local`.
    var qualifiedName: String
    var attributes: [XMLNodeAttribute]
    var children: [XMLNode]
    var scope: NamespaceScope
    /// The whole text content; kept only for `documentation` elements.
    var text: String?
    var location: SourceLocation

    /// The value of the unqualified attribute `name`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.namespace.isEmpty && $0.localName == name }?.value
    }

    func `is`(_ namespace: String, _ localName: String) -> Bool {
        self.namespace == namespace && self.localName == localName
    }

    /// The child elements in `namespace`, optionally only those named `localName`.
    func children(_ namespace: String, _ localName: String? = nil) -> [XMLNode] {
        children.filter { $0.namespace == namespace && (localName == nil || $0.localName == localName) }
    }

    func firstChild(_ namespace: String, _ localName: String) -> XMLNode? {
        children.first { $0.is(namespace, localName) }
    }

    /// The QName-valued text `value` resolved against this element's namespace scope.
    /// Returns nil when the prefix is not declared.
    func resolve(qualifiedName value: String) -> QName? {
        let trimmed = value.trimmingXMLWhitespace()
        if let colon = trimmed.firstIndex(of: ":") {
            let prefix = String(trimmed[..<colon])
            let local = String(trimmed[trimmed.index(after: colon)...])
            guard let namespace = scope.namespace(forPrefix: prefix) else { return nil }
            return QName(namespace, local)
        }
        return QName(scope.namespace(forPrefix: "") ?? "", trimmed)
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    /// Whitespace-separated tokens (for list-valued attributes such as `memberTypes`).
    var xmlTokens: [String] {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init)
    }
}
