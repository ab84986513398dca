/// A byte-buffer XML writer: UTF-8 output, correct escaping, and namespace prefixes managed for
/// the caller. Namespaces declared on the root (``declare(_:)`` before the first element's
/// content) are in scope for the whole document, so messages carry their declarations once.
///
/// The default namespace is never declared, so an unqualified (no-namespace) element can always
/// be written without a prefix.
public struct XMLWriter: Sendable {
    /// The document written so far.
    public private(set) var bytes: [UInt8]
    private var bindings: [XMLNamespaceBinding] = []
    /// Number of bindings in scope at each open element, to pop them on close.
    private var scopeMarks: [Int] = []
    /// The prefix each open element was written with ("" for none), so its end tag matches
    /// even when a declaration on the element itself rebinds that prefix or adds another one
    /// for the same namespace.
    private var openPrefixes: [String] = []
    private var startTagOpen = false
    private var generatedPrefixCount = 0

    public init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Prefixes used for well-known namespaces when the caller prefers none.
    public static let wellKnownPrefixes: [String: String] = [
        "http://www.w3.org/2003/05/soap-envelope": "env",
        "http://schemas.xmlsoap.org/soap/envelope/": "soapenv",
        "http://www.onvif.org/ver10/error": "ter",
        "http://www.onvif.org/ver10/schema": "tt",
        "http://www.w3.org/2001/XMLSchema-instance": "xsi",
        "http://www.w3.org/2001/XMLSchema": "xs",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd": "wsse",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd": "wsu",
    ]

    /// Writes `<?xml version="1.0" encoding="UTF-8"?>`.
    public mutating func writeDeclaration() {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    /// The document as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Elements

    /// Opens an element. Its namespace gets a prefix in scope or a new declaration.
    public mutating func startElement(_ name: XMLName, preferredPrefix: String? = nil) {
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        scopeMarks.append(bindings.count)
        let declarations = nextElementDeclarations
        if !declarations.isEmpty {
            // In scope unless that very binding is already the innermost one for its prefix.
            for binding in declarations where bindings.last(where: { $0.prefix == binding.prefix }) != binding {
                bindings.append(binding)
            }
        }
        if name.namespace.isEmpty {
            openPrefixes.append("")
            append(name.localName)
        } else {
            let prefix = prefixOrDeclare(name.namespace, preferred: preferredPrefix)
            openPrefixes.append(prefix)
            append(prefix)
            bytes.append(UInt8(ascii: ":"))
            append(name.localName)
            if let pending = pendingDeclaration {
                writeNamespaceDeclaration(pending)
                pendingDeclaration = nil
            }
        }
        if !declarations.isEmpty {
            for binding in declarations { writeNamespaceDeclaration(binding) }
            nextElementDeclarations = []
        }
        startTagOpen = true
    }

    private var pendingDeclaration: XMLNamespaceBinding?
    private var nextElementDeclarations: [XMLNamespaceBinding] = []

    /// Declares these namespaces on the next element opened (the root of a message), so that
    /// every element below uses them without declaring them again.
    public mutating func declareOnNextElement(_ bindings: [XMLNamespaceBinding]) {
        nextElementDeclarations = bindings
    }

    /// Declares a namespace on the element just opened (before any content), even when the
    /// same binding is in scope already, so open content keeps the declarations it came with.
    public mutating func declare(_ binding: XMLNamespaceBinding) {
        precondition(startTagOpen, "declare(_:) must follow startElement(_:)")
        // Declared on this very element already (e.g. for its own name): once is enough.
        if bindings[(scopeMarks.last ?? 0)...].contains(where: { $0.prefix == binding.prefix }) { return }
        bindings.append(binding)
        writeNamespaceDeclaration(binding)
    }

    private mutating func writeNamespaceDeclaration(_ binding: XMLNamespaceBinding) {
        if binding.prefix.isEmpty {
            append(" xmlns=\"")
        } else {
            append(" xmlns:")
            append(binding.prefix)
            append("=\"")
        }
        appendEscaped(binding.namespace, attribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The prefix bound to `namespace` in scope, declaring one if there is none.
    private mutating func prefixOrDeclare(_ namespace: String, preferred: String?) -> String {
        // The preferred prefix, when it is in scope for this namespace (open content keeps its
        // prefixes even where another prefix is bound to the same namespace).
        if let preferred, !preferred.isEmpty, bindings.last(where: { $0.prefix == preferred })?.namespace == namespace {
            return preferred
        }
        for binding in bindings.reversed() where binding.namespace == namespace && !binding.prefix.isEmpty {
            // The prefix must not have been rebound to another namespace since.
            if bindings.last(where: { $0.prefix == binding.prefix })?.namespace == namespace { return binding.prefix }
        }
        var prefix = preferred ?? XMLWriter.wellKnownPrefixes[namespace] ?? ""
        if prefix.isEmpty || prefix == "xml" || prefix.hasPrefix("xmlns") || bindings.contains(where: { $0.prefix == prefix }) {
            repeat {
                generatedPrefixCount += 1
                prefix = "ns\(generatedPrefixCount)"
            } while bindings.contains(where: { $0.prefix == prefix })
        }
        let binding = XMLNamespaceBinding(prefix: prefix, namespace: namespace)
        bindings.append(binding)
        pendingDeclaration = binding
        return prefix
    }

    /// The prefix for `namespace`, declared on the element just opened when none is in scope
    /// (for QName values in text or attributes).
    public mutating func prefixDeclaringIfNeeded(_ namespace: String, preferred: String? = nil) -> String {
        precondition(startTagOpen, "prefixDeclaringIfNeeded(_:) must follow startElement(_:)")
        let prefix = prefixOrDeclare(namespace, preferred: preferred)
        if let pending = pendingDeclaration {
            writeNamespaceDeclaration(pending)
            pendingDeclaration = nil
        }
        return prefix
    }

    /// Writes an attribute on the element just opened.
    public mutating func attribute(_ name: XMLName, _ value: String, preferredPrefix: String? = nil) {
        precondition(startTagOpen, "attribute(_:_:) must follow startElement(_:)")
        bytes.append(UInt8(ascii: " "))
        if !name.namespace.isEmpty {
            if name.namespace == "http://www.w3.org/XML/1998/namespace" {
                append("xml")
            } else {
                let prefix = prefixOrDeclare(name.namespace, preferred: preferredPrefix)
                if let pending = pendingDeclaration {
                    // Declaration first, then the attribute.
                    bytes.removeLast()
                    writeNamespaceDeclaration(pending)
                    pendingDeclaration = nil
                    bytes.append(UInt8(ascii: " "))
                }
                append(prefix)
            }
            bytes.append(UInt8(ascii: ":"))
        }
        append(name.localName)
        append("=\"")
        appendEscaped(value, attribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes an attribute holding a simple value.
    @inline(__always)
    public mutating func attribute<T: XSDSimpleValue>(_ name: XMLName, value: T) {
        attribute(name, value.xsdLexical)
    }

    /// Writes an attribute holding a list of simple values.
    public mutating func attribute<T: XSDSimpleValue>(_ name: XMLName, list: [T]) {
        attribute(name, XSDList.encode(list))
    }

    /// Writes escaped character data.
    public mutating func text(_ text: String) {
        closeStartTag()
        appendEscaped(text, attribute: false)
    }

    /// Closes the innermost open element (`/>` when it has no content).
    public mutating func endElement(_ name: XMLName) {
        let openPrefix = openPrefixes.popLast()
        if startTagOpen {
            append("/>")
            startTagOpen = false
        } else {
            append("</")
            if !name.namespace.isEmpty {
                append(openPrefix ?? prefix(for: name.namespace))
                bytes.append(UInt8(ascii: ":"))
            }
            append(name.localName)
            bytes.append(UInt8(ascii: ">"))
        }
        if let mark = scopeMarks.popLast(), mark < bindings.count {
            bindings.removeSubrange(mark...)
        }
    }

    private func prefix(for namespace: String) -> String {
        bindings.last(where: { $0.namespace == namespace && !$0.prefix.isEmpty })?.prefix ?? ""
    }

    /// Writes `<name>text</name>` for a simple value.
    @inline(__always)
    public mutating func element<T: XSDSimpleValue>(_ name: XMLName, value: T) {
        startElement(name)
        let lexical = value.xsdLexical
        if !lexical.isEmpty { text(lexical) }
        endElement(name)
    }

    /// Writes `<local>text</local>` (or `<local/>`) for an unqualified element holding a simple
    /// value: the most common element of generated code, written without the namespace and
    /// scope bookkeeping an element with a namespace or attributes needs.
    public mutating func element<T: XSDSimpleValue>(local: StaticString, value: T) {
        closeStartTag()
        let lexical = value.xsdLexical
        let name = UnsafeBufferPointer(start: local.utf8Start, count: local.utf8CodeUnitCount)
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name)
        if lexical.isEmpty {
            bytes.append(UInt8(ascii: "/"))
            bytes.append(UInt8(ascii: ">"))
            return
        }
        bytes.append(UInt8(ascii: ">"))
        appendEscaped(lexical, attribute: false)
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name>a b c</name>` for a list of simple values.
    public mutating func element<T: XSDSimpleValue>(_ name: XMLName, list: [T]) {
        element(name, value: XSDList.encode(list))
    }

    /// Writes open content back as it was read.
    public mutating func write(_ element: XMLAnyElement) {
        // The element's own declarations are in scope for its name: a prefix it rebinds is
        // written as it came (`<ext:T xmlns:ext="other">` inside an element where `ext` means
        // something else), not renamed.
        for declaration in element.namespaceDeclarations where !declaration.prefix.isEmpty {
            if !nextElementDeclarations.contains(declaration) { nextElementDeclarations.append(declaration) }
        }
        startElement(element.name, preferredPrefix: element.prefix)
        for attribute in element.attributes {
            self.attribute(attribute.name, attribute.value, preferredPrefix: attribute.prefix)
        }
        for child in element.children {
            switch child {
            case .element(let e): write(e)
            case .text(let t): text(t)
            }
        }
        endElement(element.name)
    }

    /// Writes an open-content attribute back as it was read.
    public mutating func write(_ attribute: XMLAnyAttribute) {
        self.attribute(attribute.name, attribute.value, preferredPrefix: attribute.prefix)
    }

    // MARK: Bytes

    @inline(__always)
    private mutating func closeStartTag() {
        if startTagOpen {
            bytes.append(UInt8(ascii: ">"))
            startTagOpen = false
        }
    }

    @inline(__always)
    private mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `string` escaped for text or attribute content. Characters XML 1.0 cannot carry
    /// (C0 controls other than tab, LF, CR) are written as U+FFFD.
    private mutating func appendEscaped(_ string: String, attribute: Bool) {
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                if byte > UInt8(ascii: ">") { continue }
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): if attribute { replacement = "&quot;" } else { continue }
                case 0x0D: replacement = "&#xD;"
                case 0x0A: if attribute { replacement = "&#xA;" } else { continue }
                case 0x09: if attribute { replacement = "&#x9;" } else { continue }
                case 0..<0x20: replacement = "\u{FFFD}"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }
}
