import CLibXML2

/// Limits a reader enforces on untrusted input, on top of libxml2's own.
public struct XMLReaderLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes.
    public var maxDocumentBytes: Int
    /// Deepest element nesting accepted (the root element is depth 1).
    public var maxDepth: Int
    /// Most attributes (namespace declarations included) on one element.
    public var maxAttributesPerElement: Int

    public init(maxDocumentBytes: Int = 16 << 20, maxDepth: Int = 128, maxAttributesPerElement: Int = 256) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxAttributesPerElement = maxAttributesPerElement
    }

    public static let `default` = XMLReaderLimits()
}

/// A streaming pull parser over libxml2's `xmlTextReader`, secure by default: no network, no
/// DTD loading, no entity substitution, a DOCTYPE is refused, and ``XMLReaderLimits`` apply.
///
/// Generated decoders walk it in schema order: positioned on an element's start tag, a decoder
/// reads the attributes, then iterates the children with ``nextChildElement(parentDepth:)``,
/// and leaves the reader on that element's end tag (or on the element itself when it is empty).
/// One reader decodes one document on one task; it is not `Sendable`.
public final class XMLPullReader {
    private let reader: xmlTextReaderPtr
    private let buffer: UnsafeMutableRawBufferPointer
    private let limits: XMLReaderLimits
    private var firstError: (message: String, line: Int, column: Int)?
    private var finished = false

    /// Creates a reader over a copy of `bytes`.
    public init(bytes: some Collection<UInt8>, limits: XMLReaderLimits = .default) throws(XMLDecodingError) {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw XMLDecodingError(.limitExceeded, "document of \(bytes.count) bytes exceeds the limit of \(limits.maxDocumentBytes) bytes")
        }
        guard !bytes.isEmpty else { throw XMLDecodingError(.malformed, "empty document") }
        XMLLibrary.initialize()
        clibxml2_silence_generic_errors()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        // One memcpy for contiguous input ([UInt8], ArraySlice, Data...); the generic copy
        // goes through unspecialised iterators (a witness call, and often a malloc, per byte).
        let copied: Bool? = bytes.withContiguousStorageIfAvailable { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress else { return true }
            to.copyMemory(from: from, byteCount: source.count)
            return true
        }
        if copied == nil {
            _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
        }
        // The attribute limit is enforced here, once per document, and not per element while
        // reading: libxml2 checks a start tag's attributes for duplicates pairwise before the
        // reader sees the element: 100,000 attributes on one element take seconds. Refuse such a tag
        // up front with a byte scan (a document shorter than 4 bytes per attribute cannot hold one).
        if bytes.count > limits.maxAttributesPerElement * 4,
            XMLPullReader.hasStartTag(in: UnsafeRawBufferPointer(buffer), withMoreAttributesThan: limits.maxAttributesPerElement)
        {
            buffer.deallocate()
            throw XMLDecodingError(.limitExceeded, "an element has more than \(limits.maxAttributesPerElement) attributes")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let base = buffer.baseAddress,
            let reader = xmlReaderForMemory(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil, options)
        else {
            buffer.deallocate()
            throw XMLDecodingError(.malformed, "libxml2 could not create a reader")
        }
        self.reader = reader
        self.buffer = buffer
        self.limits = limits
        xmlTextReaderSetStructuredErrorHandler(reader, xmlPullReaderErrorHandler, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Whether a start tag in `bytes` holds more than `limit` quoted attribute values. Text is
    /// skipped to the next `<`; comments, PIs, DOCTYPE, CDATA and end tags are not counted (a
    /// `<` inside a CDATA section may start a false tag, which at worst refuses a document
    /// with more than `limit` quoted strings after it, inside that section).
    static func hasStartTag(in bytes: UnsafeRawBufferPointer, withMoreAttributesThan limit: Int) -> Bool {
        let end = bytes.count
        var i = 0
        while i < end {
            // Text: to the next '<'.
            while i < end, bytes[i] != UInt8(ascii: "<") { i += 1 }
            i += 1
            guard i < end else { return false }
            let first = bytes[i]
            if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") || first == UInt8(ascii: "/") { continue }
            // A start tag: count quoted values up to its '>'.
            var count = 0
            while i < end {
                let byte = bytes[i]
                if byte == UInt8(ascii: ">") { break }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    count += 1
                    if count > limit { return true }
                    i += 1
                    while i < end, bytes[i] != byte { i += 1 }
                }
                i += 1
            }
        }
        return false
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    fileprivate func record(_ error: UnsafePointer<xmlError>) {
        guard firstError == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        firstError = (message, Int(error.pointee.line), Int(error.pointee.int2))
    }

    // MARK: Position

    /// Line of the parser's position, for messages.
    public var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    /// Column of the parser's position, for messages.
    public var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }
    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }
    /// Whether the current element is written `<a/>`.
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The current node's local name.
    public var localName: String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    /// The current node's namespace URI, empty for none.
    public var namespace: String {
        xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
    }

    /// The current node's name.
    public var name: XMLName { XMLName(namespace, localName) }

    /// An error of `kind` at the reader's position.
    public func error(_ kind: XMLDecodingError.Kind, _ message: String) -> XMLDecodingError {
        XMLDecodingError(kind, message, line: line, column: column)
    }

    // MARK: Name matching without allocation

    /// Whether the current node's local name is `localName` and its namespace is `namespace`,
    /// or no namespace at all (local elements are accepted qualified or unqualified).
    @inline(__always)
    public func matches(_ localName: StaticString, _ namespace: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader), equal(local, localName) else { return false }
        guard let ns = xmlTextReaderConstNamespaceUri(reader) else { return true }
        return equal(ns, namespace)
    }

    /// Whether the current node's local name and namespace are exactly these.
    @inline(__always)
    public func matchesExactly(_ localName: StaticString, _ namespace: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader), equal(local, localName) else { return false }
        guard let ns = xmlTextReaderConstNamespaceUri(reader) else { return namespace.utf8CodeUnitCount == 0 }
        return equal(ns, namespace)
    }

    @inline(__always)
    private func equal(_ cString: UnsafePointer<xmlChar>, _ expected: StaticString) -> Bool {
        let count = expected.utf8CodeUnitCount
        let bytes = expected.utf8Start
        for i in 0..<count where cString[i] != bytes[i] { return false }
        return cString[count] == 0
    }

    // MARK: Moving

    /// Advances one node; throws on malformed input, a DOCTYPE or a limit.
    @inline(__always)
    private func read() throws(XMLDecodingError) -> Int32 {
        let result = xmlTextReaderRead(reader)
        if result == 1 {
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                if xmlTextReaderDepth(reader) >= limits.maxDepth {
                    throw error(.limitExceeded, "element nesting deeper than \(limits.maxDepth)")
                }
                return type
            }
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                throw error(.forbidden, "a DOCTYPE is not allowed")
            }
            if type == Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue) {
                throw error(.forbidden, "entity references are not allowed")
            }
            return type
        }
        if result == 0 {
            finished = true
            return -1
        }
        throw malformed()
    }

    private func malformed() -> XMLDecodingError {
        if let firstError {
            return XMLDecodingError(.malformed, firstError.message, line: firstError.line, column: firstError.column)
        }
        return error(.malformed, "malformed XML")
    }

    /// Moves to the root element.
    public func moveToRootElement() throws(XMLDecodingError) {
        while true {
            let type = try read()
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) { return }
            if type == -1 { throw malformed() }
            if type == Int32(XML_READER_TYPE_TEXT.rawValue) { throw error(.malformed, "text before the root element") }
        }
    }

    /// Reads to the end of the document, so that trailing garbage or truncation is reported.
    public func finish() throws(XMLDecodingError) {
        while !finished {
            let type = try read()
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) || type == Int32(XML_READER_TYPE_TEXT.rawValue) {
                throw error(.malformed, "content after the root element")
            }
        }
        if firstError != nil { throw malformed() }
    }

    /// Moves to the next child element of the element at `parentDepth`; returns false on the
    /// parent's end tag. Whitespace, comments and processing instructions are skipped; other
    /// text is an error (element-only content), unless `allowText` (mixed content).
    @inline(__always)
    public func nextChildElement(parentDepth: Int, allowText: Bool = false) throws(XMLDecodingError) -> Bool {
        while true {
            let type = try read()
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                return true
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if xmlTextReaderDepth(reader) <= parentDepth { return false }
            case Int32(XML_READER_TYPE_TEXT.rawValue):
                if !allowText { throw error(.unexpectedContent, "unexpected text in element-only content") }
            case -1:
                throw malformed()
            default:
                continue
            }
        }
    }

    /// Iterates the children of the current element: `body` runs positioned on each child's
    /// start tag and must consume it. Does nothing for an empty element.
    @inline(__always)
    public func forEachChild(allowText: Bool = false, _ body: () throws(XMLDecodingError) -> Void) throws(XMLDecodingError) {
        if isEmptyElement { return }
        let parentDepth = depth
        while try nextChildElement(parentDepth: parentDepth, allowText: allowText) {
            try body()
        }
    }

    /// Skips the current element and everything in it.
    public func skipElement() throws(XMLDecodingError) {
        if isEmptyElement { return }
        let start = depth
        while true {
            let type = try read()
            if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue), xmlTextReaderDepth(reader) == start { return }
            if type == -1 { throw malformed() }
        }
    }

    // MARK: Text

    /// Reads the text content of the current element (simple content) and leaves the reader on
    /// its end tag. A child element is an error.
    public func readText() throws(XMLDecodingError) -> String {
        if isEmptyElement { return "" }
        let start = depth
        var result: String?
        while true {
            let type = try read()
            switch type {
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue),
                Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                let piece = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
                if result == nil { result = piece } else { result? += piece }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if xmlTextReaderDepth(reader) == start { return result ?? "" }
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                throw error(.unexpectedContent, "unexpected element <\(localName)> in simple content")
            case -1:
                throw malformed()
            default:
                continue
            }
        }
    }

    /// Reads the current element's text as a value of `type`.
    @inline(__always)
    public func readValue<T: XSDSimpleValue>(_ type: T.Type) throws(XMLDecodingError) -> T {
        let text = try readText()
        do {
            return try T(xsdLexical: text)
        } catch {
            // The reader is on the element's end tag (or the empty element itself), which has
            // the same name: no String is made for the name unless there is an error.
            throw self.error(.invalidValue, "element <\(localName)>: \(error)")
        }
    }

    /// Reads the current element's text as a whitespace-separated list.
    public func readList<T: XSDSimpleValue>(_ type: T.Type) throws(XMLDecodingError) -> [T] {
        let text = try readText()
        do {
            return try XSDList.decode(text, as: T.self)
        } catch {
            // The reader is on the element's end tag (or the empty element itself), which has
            // the same name: no String is made for the name unless there is an error.
            throw self.error(.invalidValue, "element <\(localName)>: \(error)")
        }
    }

    // MARK: Attributes

    /// Calls `body` positioned on each attribute of the current element (namespace
    /// declarations excluded), then moves back to the element.
    @inline(__always)
    public func forEachAttribute(_ body: () throws(XMLDecodingError) -> Void) throws(XMLDecodingError) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            try body()
        }
        xmlTextReaderMoveToElement(reader)
    }

    /// The value of the attribute the reader is on.
    public var attributeValue: String {
        xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    /// Whether the attribute the reader is on is an `xsi:` or `xml:` attribute, which schemas
    /// never declare.
    public var isInfrastructureAttribute: Bool {
        guard let ns = xmlTextReaderConstNamespaceUri(reader) else { return false }
        return equal(ns, "http://www.w3.org/2001/XMLSchema-instance") || equal(ns, "http://www.w3.org/XML/1998/namespace")
    }

    /// The attribute the reader is on as a value of `type`.
    public func attributeValue<T: XSDSimpleValue>(_ type: T.Type) throws(XMLDecodingError) -> T {
        do {
            return try T(xsdLexical: attributeValue)
        } catch {
            throw self.error(.invalidValue, "attribute \(localName): \(error)")
        }
    }

    /// The attribute the reader is on as a whitespace-separated list.
    public func attributeList<T: XSDSimpleValue>(_ type: T.Type) throws(XMLDecodingError) -> [T] {
        do {
            return try XSDList.decode(attributeValue, as: T.self)
        } catch {
            throw self.error(.invalidValue, "attribute \(localName): \(error)")
        }
    }

    /// The attribute the reader is on, kept as open content.
    public func captureAttribute() -> XMLAnyAttribute {
        let prefix = xmlTextReaderConstPrefix(reader).map { String(cString: $0) }
        return XMLAnyAttribute(name: name, prefix: prefix, value: attributeValue)
    }

    /// Resolves a prefix against the namespaces in scope at the current element.
    public func lookupNamespace(prefix: String?) -> String? {
        let result: UnsafeMutablePointer<xmlChar>?
        if let prefix {
            result = prefix.withCString { xmlTextReaderLookupNamespace(reader, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        } else {
            result = xmlTextReaderLookupNamespace(reader, nil)
        }
        guard let result else { return nil }
        defer { clibxml2_free(result) }
        return String(cString: result)
    }

    // MARK: Open content

    /// Reads the current element and its subtree as open content.
    public func readAnyElement() throws(XMLDecodingError) -> XMLAnyElement {
        var element = XMLAnyElement(name: name, prefix: xmlTextReaderConstPrefix(reader).map { String(cString: $0) })
        if xmlTextReaderHasAttributes(reader) == 1 {
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                if xmlTextReaderIsNamespaceDecl(reader) == 1 {
                    let prefix = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                    element.namespaceDeclarations.append(XMLNamespaceBinding(prefix: prefix == "xmlns" ? "" : prefix, namespace: attributeValue))
                } else {
                    element.attributes.append(captureAttribute())
                }
            }
            xmlTextReaderMoveToElement(reader)
        }
        if isEmptyElement { return element }
        let start = depth
        while true {
            let type = try read()
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                element.children.append(.element(try readAnyElement()))
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue),
                Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                let text = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
                if case .text(let previous)? = element.children.last {
                    element.children[element.children.count - 1] = .text(previous + text)
                } else {
                    element.children.append(.text(text))
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if xmlTextReaderDepth(reader) == start { return element }
            case -1:
                throw malformed()
            default:
                continue
            }
        }
    }
}

private let xmlPullReaderErrorHandler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<XMLPullReader>.fromOpaque(context).takeUnretainedValue().record(error)
}

/// One-time libxml2 set-up.
enum XMLLibrary {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    @inline(__always)
    static func initialize() { _ = initialized }
}
