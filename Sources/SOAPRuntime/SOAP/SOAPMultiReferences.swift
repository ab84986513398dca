/// SOAP encoding's multi-reference values (SOAP 1.1 section 5.4.1, SOAP 1.2 Part 2 §3.1.5):
/// Axis 1 and .NET send a struct or array once, as an independent element of the Body with an
/// `id`, and point at it from the accessor with `href="#id"` (SOAP 1.2: `enc:ref="id"`).
///
/// ``inline(_:limits:)`` rewrites such an envelope into the equivalent one with every value in
/// place, so the generated decoder reads it as it reads any message. Values are trees in Swift,
/// so a reference cycle (a graph) is refused, and the copies a shared value makes are bounded:
/// a chain of references that doubles at every step cannot expand a small message into a huge
/// one.
public enum SOAPMultiReferences {
    /// `encodingStyle` of SOAP 1.1 section 5.
    public static let soap11Encoding = "http://schemas.xmlsoap.org/soap/encoding/"
    /// SOAP 1.2's encoding namespace (`enc:id`, `enc:ref`).
    public static let soap12Encoding = "http://www.w3.org/2003/05/soap-encoding"

    /// Whether the bytes may hold a reference (`href=` or `enc:ref=`): when not, decoding skips
    /// the rewrite.
    public static func mayHoldReferences(_ bytes: [UInt8]) -> Bool {
        let r = UInt8(ascii: "r"), e = UInt8(ascii: "e"), f = UInt8(ascii: "f")
        var index = 0
        let count = bytes.count
        while index + 3 < count {
            if bytes[index] == r, bytes[index + 1] == e, bytes[index + 2] == f {
                var next = index + 3
                while next < count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0A || bytes[next] == 0x0D { next += 1 }
                if next < count, bytes[next] == UInt8(ascii: "=") { return true }
            }
            index += 1
        }
        return false
    }

    /// The envelope with every reference in the Body replaced by the value it points at, and
    /// the independent elements (`multiRef`) left out; a fault or an envelope without
    /// references comes back unchanged.
    /// - Throws: ``XMLDecodingError`` for malformed XML, a reference to no `id`, a cycle, or a
    ///   result beyond `limits` (deeper than `maxDepth`, more text than `maxDocumentBytes`, or
    ///   more elements than the message holds times ``expansionFactor``).
    public static func inline(_ bytes: [UInt8], limits: XMLReaderLimits = .default) throws(XMLDecodingError) -> [UInt8] {
        // What the envelope reader refuses stays refused: the rewrite must not tidy it up
        // (found by fuzz-messages: text between the envelope's children, dropped by a rewrite).
        guard (try? SOAPEnvelopeReader(bytes: bytes, limits: limits)) != nil else { return bytes }
        let reader = try XMLPullReader(bytes: bytes, limits: limits)
        try reader.moveToRootElement()
        var envelope = try reader.readAnyElement()
        try reader.finish()
        // Only a SOAP envelope is rewritten: anything else is left for the envelope reader to
        // refuse precisely (found by fuzz-messages: a mangled envelope namespace).
        guard envelope.name.localName == "Envelope", let version = SOAPVersion(envelopeNamespace: envelope.name.namespace) else { return bytes }
        let bodyName = XMLName(version.envelopeNamespace, "Body")
        guard let bodyIndex = envelope.children.firstIndex(where: { if case .element(let e) = $0 { return e.name == bodyName } else { return false } }),
            case .element(var body) = envelope.children[bodyIndex]
        else { return bytes }
        let independents = body.children.compactMap { node -> XMLAnyElement? in
            if case .element(let element) = node { return element }
            return nil
        }
        // Text in the Body is not whitespace only: refused by the reader, not dropped here.
        for node in body.children {
            if case .text(let text) = node, text.contains(where: { !$0.isWhitespace }) { return bytes }
        }
        var resolver = Resolver(limits: limits)
        for element in independents { resolver.collectIdentifiers(element) }
        guard resolver.hasReferences, let root = resolver.serializationRoot(of: independents) else { return bytes }
        if root.name.localName == "Fault" { return bytes }
        let resolved = try resolver.resolve(root, depth: 3)
        body.children = [.element(resolved)]
        envelope.children[bodyIndex] = .element(body)
        var writer = XMLWriter(capacity: bytes.count + bytes.count / 2)
        writer.writeDeclaration()
        writer.write(envelope)
        return writer.bytes
    }

    /// How many times the elements of a message its references may expand to (at least 10,000
    /// elements are always allowed).
    public static let expansionFactor = 16

    private struct Resolver {
        let limits: XMLReaderLimits
        var identified: [String: XMLAnyElement] = [:]
        var referenced: Set<String> = []
        var inputElements = 0
        var outputElements = 0
        var outputTextBytes = 0
        var active: [String] = []

        init(limits: XMLReaderLimits) { self.limits = limits }

        var hasReferences: Bool { !referenced.isEmpty }
        var budget: Int { max(10_000, inputElements * SOAPMultiReferences.expansionFactor) }

        mutating func collectIdentifiers(_ element: XMLAnyElement) {
            inputElements += 1
            for attribute in element.attributes {
                if Self.isIdentifier(attribute.name) {
                    if identified[attribute.value] == nil { identified[attribute.value] = element }
                } else if let target = Self.referenceTarget(attribute) {
                    referenced.insert(target)
                }
            }
            for child in element.children {
                if case .element(let e) = child { collectIdentifiers(e) }
            }
        }

        /// The element the message is about: one marked `soapenc:root="1"`, else the first
        /// that nothing references (Axis marks its multiRefs `root="0"`), else the first.
        func serializationRoot(of elements: [XMLAnyElement]) -> XMLAnyElement? {
            if let marked = elements.first(where: { Self.rootMark($0) == true }) { return marked }
            let candidates = elements.filter { Self.rootMark($0) != false }
            return candidates.first { element in
                !element.attributes.contains { Self.isIdentifier($0.name) && referenced.contains($0.value) }
            } ?? candidates.first ?? elements.first
        }

        mutating func resolve(_ element: XMLAnyElement, depth: Int) throws(XMLDecodingError) -> XMLAnyElement {
            outputElements += 1
            if outputElements > budget {
                throw XMLDecodingError(.limitExceeded, "SOAP encoding references expand the message beyond \(budget) elements")
            }
            if depth > limits.maxDepth {
                throw XMLDecodingError(.limitExceeded, "SOAP encoding references nest elements deeper than \(limits.maxDepth)")
            }
            var result = element
            result.attributes.removeAll { Self.isIdentifier($0.name) || Self.isRootMark($0.name) }
            if let index = element.attributes.firstIndex(where: { Self.referenceTarget($0) != nil }),
                let target = Self.referenceTarget(element.attributes[index])
            {
                guard let value = identified[target] else {
                    throw XMLDecodingError(.invalidValue, "<\(element.name.localName)> refers to '\(target)', which no element of the message identifies")
                }
                guard !active.contains(target) else {
                    throw XMLDecodingError(.invalidValue, "<\(element.name.localName)> refers to '\(target)', which contains itself: a cyclic graph has no value")
                }
                active.append(target)
                defer { active.removeLast() }
                result.attributes.removeAll { Self.referenceTarget($0) != nil }
                for attribute in value.attributes where !Self.isIdentifier(attribute.name) && !Self.isRootMark(attribute.name) {
                    if !result.attributes.contains(where: { $0.name == attribute.name }) { result.attributes.append(attribute) }
                }
                // The value's own declarations keep its QName values (xsi:type) meaningful here.
                for binding in value.namespaceDeclarations where !result.namespaceDeclarations.contains(where: { $0.prefix == binding.prefix }) {
                    result.namespaceDeclarations.append(binding)
                }
                result.children = try resolveChildren(value.children, depth: depth)
                return result
            }
            result.children = try resolveChildren(element.children, depth: depth)
            return result
        }

        private mutating func resolveChildren(_ children: [XMLAnyNode], depth: Int) throws(XMLDecodingError) -> [XMLAnyNode] {
            var resolved: [XMLAnyNode] = []
            resolved.reserveCapacity(children.count)
            for child in children {
                switch child {
                case .element(let element): resolved.append(.element(try resolve(element, depth: depth + 1)))
                case .text(let text):
                    // Copies share storage, but writing them out does not: text is bounded like a document.
                    outputTextBytes += text.utf8.count
                    if outputTextBytes > limits.maxDocumentBytes {
                        throw XMLDecodingError(.limitExceeded, "SOAP encoding references expand the message's text beyond \(limits.maxDocumentBytes) bytes")
                    }
                    resolved.append(child)
                }
            }
            return resolved
        }

        /// `id` (SOAP 1.1, unqualified) or `enc:id` (SOAP 1.2).
        static func isIdentifier(_ name: XMLName) -> Bool {
            name.localName == "id" && (name.namespace.isEmpty || name.namespace == SOAPMultiReferences.soap12Encoding)
        }

        static func isRootMark(_ name: XMLName) -> Bool {
            name.localName == "root" && (name.namespace == SOAPMultiReferences.soap11Encoding || name.namespace == SOAPMultiReferences.soap12Encoding)
        }

        static func rootMark(_ element: XMLAnyElement) -> Bool? {
            guard let mark = element.attributes.first(where: { isRootMark($0.name) }) else { return nil }
            let value = mark.value.trimmingCharacters(of: " ")
            return value == "1" || value == "true"
        }

        /// The id an `href="#id"` (SOAP 1.1) or `enc:ref="id"` (SOAP 1.2) points at.
        static func referenceTarget(_ attribute: XMLAnyAttribute) -> String? {
            if attribute.name.localName == "href", attribute.name.namespace.isEmpty, attribute.value.hasPrefix("#") {
                return String(attribute.value.dropFirst())
            }
            if attribute.name.localName == "ref", attribute.name.namespace == SOAPMultiReferences.soap12Encoding {
                return attribute.value
            }
            return nil
        }
    }
}
