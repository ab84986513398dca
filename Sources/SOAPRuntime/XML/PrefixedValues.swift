// Values whose meaning depends on an in-scope namespace prefix: `xs:QName` values and text
// that names namespaces through prefixes (ONVIF topics: `tns1:RuleEngine/CellMotionDetector`).
// The reader resolves the prefixes while their declarations are in scope; the writer declares
// them again where the value is written, so a decode/encode round trip keeps the meaning.

extension XMLPullReader {
    /// Reads an `xs:QName` element value and resolves its prefix in the current scope.
    public func readValue(_ type: XSDQName.Type) throws(XMLDecodingError) -> XSDQName {
        let element = localName
        let text = try readText()
        var value: XSDQName
        do {
            value = try XSDQName(xsdLexical: text)
        } catch {
            throw self.error(.invalidValue, "element <\(element)>: \(error)")
        }
        value.namespace = lookupNamespace(prefix: value.prefix)
        return value
    }

    /// Reads an `xs:QName` attribute value and resolves its prefix in the current scope.
    public func attributeValue(_ type: XSDQName.Type) throws(XMLDecodingError) -> XSDQName {
        var value: XSDQName
        do {
            value = try XSDQName(xsdLexical: attributeValue)
        } catch {
            throw self.error(.invalidValue, "attribute \(localName): \(error)")
        }
        value.namespace = lookupNamespace(prefix: value.prefix)
        return value
    }

    /// The bindings in scope of the prefixes `text` uses (`prefix:` after a start, a space or
    /// one of `/|()[],`), in order of first use. Prefixes not in scope are left out: text that
    /// merely holds a colon (`http://...`, `10:30`) yields nothing.
    public func namespaces(usedIn text: String) -> [XMLNamespaceBinding] {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: ":")) else { return [] }
        var result: [XMLNamespaceBinding] = []
        var start: String.UTF8View.Index? = nil
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if Self.isNameByte(byte) {
                if start == nil { start = index }
            } else if byte == UInt8(ascii: ":"), let from = start {
                let prefix = String(decoding: utf8[from..<index], as: UTF8.self)
                if let first = prefix.utf8.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")), first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
                    !result.contains(where: { $0.prefix == prefix }), let namespace = lookupNamespace(prefix: prefix)
                {
                    result.append(XMLNamespaceBinding(prefix: prefix, namespace: namespace))
                }
                start = nil
                // Skip the local part up to the next separator.
                while index < utf8.endIndex, Self.isNameByte(utf8[index]) || utf8[index] == UInt8(ascii: ":") {
                    index = utf8.index(after: index)
                }
                continue
            } else {
                start = nil
            }
            index = utf8.index(after: index)
        }
        return result
    }

    /// ``namespaces(usedIn:)`` of a value that may be absent.
    public func namespaces(usedIn text: String?) -> [XMLNamespaceBinding] {
        text.map { namespaces(usedIn: $0) } ?? []
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte >= 0x80
    }
}

extension XMLWriter {
    /// Declares `binding` on the element just opened unless that very binding is already the
    /// innermost one for its prefix.
    public mutating func declareIfNeeded(_ binding: XMLNamespaceBinding) {
        guard innermostNamespace(forPrefix: binding.prefix) != binding.namespace else { return }
        declare(binding)
    }

    /// Writes `<name>prefix:local</name>` for an `xs:QName`, declaring its prefix when the
    /// value carries a namespace that prefix is not bound to here.
    public mutating func element(_ name: XMLName, value: XSDQName) {
        startElement(name)
        if let namespace = value.namespace, let prefix = value.prefix { declareIfNeeded(XMLNamespaceBinding(prefix: prefix, namespace: namespace)) }
        text(value.xsdLexical)
        endElement(name)
    }

    /// An unqualified element holding an `xs:QName` (see ``element(_:value:)-(XMLName,XSDQName)``).
    public mutating func element(local: StaticString, value: XSDQName) {
        element(XMLName("", local.description), value: value)
    }

    /// Writes a QName attribute, declaring its prefix when needed.
    public mutating func attribute(_ name: XMLName, value: XSDQName) {
        if let namespace = value.namespace, let prefix = value.prefix { declareIfNeeded(XMLNamespaceBinding(prefix: prefix, namespace: namespace)) }
        attribute(name, value.xsdLexical)
    }
}
