import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

/// A streaming pull parser over libxml2's SAX2 push parser, secure by default: no network, no
/// DTD loading, no entity substitution, a DOCTYPE is refused, and ``XMLReaderLimits`` apply.
///
/// The document is fed to libxml2 in chunks; the SAX callbacks record compact events (names
/// stay libxml2 dictionary strings, text and attribute values are copied into one byte buffer)
/// which the reader then walks. This skips the node objects `xmlTextReader` builds and frees for
/// every node: the pull API costs less than libxml2's own reader interface.
///
/// Generated decoders walk it in schema order: positioned on an element's start tag, a decoder
/// reads the attributes, then iterates the children with ``nextChildElement(parentDepth:)``,
/// and leaves the reader on that element's end tag (or on the element itself when it is empty).
/// One reader decodes one document on one task; it is not `Sendable`.
public final class XMLPullReader {
    /// Bytes handed to libxml2 per `xmlParseChunk`: the events of one chunk stay in cache.
    static let chunkSize = 16 << 10

    /// The consumer's side: where the reader is. Behind a pointer, like the event buffer, so
    /// that the hot path pays no exclusivity checks on class properties.
    private struct Cursor {
        /// Index of the current event, -1 before the first.
        var index = -1
        /// The attribute the reader is on within the current start event, or -1.
        var attributeIndex = -1
        /// Bytes handed to libxml2 so far.
        var fed = 0
        /// Whether libxml2 has seen the whole document.
        var parsed = false
        /// Whether the reader is past the end of the document.
        var finished = false
        /// Namespace declarations in scope at the current node, with their element's depth.
        var scope = RawVector<ScopeEntry>(capacity: 16)
    }

    private struct ScopeEntry: BitwiseCopyable {
        var depth: Int32
        var binding: SAXNamespace
    }

    private let state: UnsafeMutablePointer<SAXEventBuffer>
    private let cursor: UnsafeMutablePointer<Cursor>
    private let parser: xmlParserCtxtPtr
    /// The document: the caller's array when it was given one, else a copy.
    private let input: [UInt8]

    private var index: Int {
        @inline(__always) get { cursor.pointee.index }
        @inline(__always) set { cursor.pointee.index = newValue }
    }

    private var attributeIndex: Int {
        @inline(__always) get { cursor.pointee.attributeIndex }
        @inline(__always) set { cursor.pointee.attributeIndex = newValue }
    }

    /// Creates a reader over a copy of `bytes`.
    public init(bytes: some Collection<UInt8>, limits: XMLReaderLimits = .default) throws(XMLDecodingError) {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw XMLDecodingError(.limitExceeded, "document of \(bytes.count) bytes exceeds the limit of \(limits.maxDocumentBytes) bytes")
        }
        guard !bytes.isEmpty else { throw XMLDecodingError(.malformed, "empty document") }
        XMLLibrary.initialize()
        clibxml2_silence_generic_errors()
        // An array is kept as it is (no copy); other collections are copied once.
        let input = (bytes as? [UInt8]) ?? Array(bytes)
        // The attribute limit is enforced here, once per document, and not per element while
        // reading: libxml2 checks a start tag's attributes for duplicates pairwise before any
        // callback sees the element: 100,000 attributes on one element take seconds. Refuse such
        // a tag up front with a byte scan (a document shorter than 4 bytes per attribute cannot hold one).
        if bytes.count > limits.maxAttributesPerElement * 4,
            input.withUnsafeBytes({ XMLPullReader.hasStartTag(in: $0, withMoreAttributesThan: limits.maxAttributesPerElement) })
        {
            throw XMLDecodingError(.limitExceeded, "an element has more than \(limits.maxAttributesPerElement) attributes")
        }
        let state = UnsafeMutablePointer<SAXEventBuffer>.allocate(capacity: 1)
        state.initialize(to: SAXEventBuffer(maxDepth: limits.maxDepth))
        var handler = SAXHandler.make()
        guard let parser = xmlCreatePushParserCtxt(&handler, state, nil, 0, nil) else {
            state.pointee.free()
            state.deinitialize(count: 1)
            state.deallocate()
            throw XMLDecodingError(.malformed, "libxml2 could not create a parser")
        }
        // NOENT: without it, libxml2's SAX2 hands `&amp;` and `&#38;` in attribute values *and
        // namespace URIs* over as the five bytes `&#38;` (found by fuzzing: a namespace
        // `a&amp;b` came out as `a&#38;b`). With it, character references and the predefined
        // entities are substituted where they stand. No other entity can exist: a DOCTYPE stops
        // the parser in `internalSubset` before any declaration is read, there is no
        // `getEntity`/`resolveEntity`/`externalSubset` callback, and NONET forbids the network.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOENT.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(parser, options)
        state.pointee.parser = parser
        self.state = state
        self.parser = parser
        self.input = input
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor())
    }

    /// Whether a start tag in `bytes` holds more than `limit` quoted attribute values.
    ///
    /// A tag and its attributes lie between its `<` and the next `<` (attribute values cannot
    /// hold a `<`; where one does, libxml2 stops at that attribute), and each attribute takes at
    /// least four bytes (`a=""`): only stretches from one `<` to the next longer than
    /// `4 * limit` bytes are scanned, the rest is skipped with `memchr`. In such a stretch,
    /// quoted values are counted up to the tag's `>`; comments, PIs, DOCTYPE, CDATA and end tags
    /// are not counted (a `<` inside a CDATA section may start a false tag, which at worst refuses
    /// a document with more than `limit` quoted strings after it, inside that section).
    static func hasStartTag(in bytes: UnsafeRawBufferPointer, withMoreAttributesThan limit: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let end = bytes.count
        let shortest = 4 * limit
        let lessThan = Int32(UInt8(ascii: "<"))
        guard var tag = memchr(base, lessThan, end).map({ UnsafeRawPointer($0) - base }) else { return false }
        while true {
            let next = tag + 1 < end ? memchr(base + tag + 1, lessThan, end - tag - 1).map { UnsafeRawPointer($0) - base } : nil
            if (next ?? end) - tag > shortest, tagHasMoreAttributes(bytes, from: tag + 1, than: limit) { return true }
            guard let next else { return false }
            tag = next
        }
    }

    /// Counts the quoted values of the start tag whose name begins at `start`.
    private static func tagHasMoreAttributes(_ bytes: UnsafeRawBufferPointer, from start: Int, than limit: Int) -> Bool {
        let end = bytes.count
        var i = start
        guard i < end else { return false }
        let first = bytes[i]
        if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") || first == UInt8(ascii: "/") { return false }
        var count = 0
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: ">") { return false }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                count += 1
                if count > limit { return true }
                i += 1
                while i < end, bytes[i] != byte { i += 1 }
            }
            i += 1
        }
        return false
    }

    deinit {
        xmlFreeParserCtxt(parser)
        state.pointee.free()
        state.deinitialize(count: 1)
        state.deallocate()
        cursor.pointee.scope.free()
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    // MARK: Feeding libxml2

    /// Feeds the next chunk to libxml2; false when the whole document was parsed.
    private func parseChunk() -> Bool {
        guard !cursor.pointee.parsed else { return false }
        let fed = cursor.pointee.fed
        let remaining = input.count - fed
        let count = min(remaining, XMLPullReader.chunkSize)
        let terminate: Int32 = count == remaining ? 1 : 0
        let result = input.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return -1 }
            return xmlParseChunk(parser, (base + fed).assumingMemoryBound(to: CChar.self), Int32(count), terminate)
        }
        cursor.pointee.fed = fed + count
        if terminate == 1 { cursor.pointee.parsed = true }
        if result != 0 || parser.pointee.wellFormed == 0 {
            cursor.pointee.parsed = true
            if !state.pointee.stopped {
                let position = state.pointee.position
                state.pointee.record(state.pointee.firstReportedError ?? XMLDecodingError(.malformed, "malformed XML", line: Int(position.line), column: Int(position.column)))
            }
        }
        return true
    }

    /// Parses until at least `count` events are buffered or the document ends.
    @inline(__always)
    private func ensureEvents(_ count: Int) {
        while state.pointee.events.count < count, !state.pointee.stopped, parseChunk() {}
    }

    @inline(__always)
    private var event: SAXEvent { state.pointee.events[index] }

    // MARK: Position

    /// Line of the current node, for messages.
    public var line: Int { index >= 0 ? Int(event.line) : 0 }
    /// Column of the current node, for messages.
    public var column: Int { index >= 0 ? Int(event.column) : 0 }
    /// Depth of the current node (the root element is 0).
    public var depth: Int { index >= 0 ? Int(event.depth) : 0 }
    /// Whether the current element has no content (`<a/>` or `<a></a>`).
    public var isEmptyElement: Bool {
        guard index >= 0 else { return false }
        let current = event
        return current.kind == .start && current.flag
    }

    @inline(__always)
    private var currentAttribute: SAXAttribute? {
        attributeIndex >= 0 ? state.pointee.attributes[attributeIndex] : nil
    }

    /// The current element's (or attribute's) local name.
    public var localName: String { currentNames.local.map { String(cString: $0) } ?? "" }

    /// The current element's (or attribute's) namespace URI, empty for none.
    public var namespace: String { currentNames.namespace.map { String(cString: $0) } ?? "" }

    /// The current node's name.
    public var name: XMLName { XMLName(namespace, localName) }

    /// An error of `kind` at the reader's position.
    public func error(_ kind: XMLDecodingError.Kind, _ message: String) -> XMLDecodingError {
        XMLDecodingError(kind, message, line: line, column: column)
    }

    // MARK: Name matching without allocation

    /// The current node's local name and namespace pointers (libxml2 dictionary strings).
    @inline(__always)
    private var currentNames: (local: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?) {
        let attribute = cursor.pointee.attributeIndex
        if attribute >= 0 {
            let entry = state.pointee.attributes.base + attribute
            return (entry.pointee.localName, entry.pointee.namespace)
        }
        let index = cursor.pointee.index
        guard index >= 0 else { return (nil, nil) }
        let entry = state.pointee.events.base + index
        return (entry.pointee.localName, entry.pointee.namespace)
    }

    /// Whether the current node's local name is `localName` and its namespace is `namespace`,
    /// or no namespace at all (local elements are accepted qualified or unqualified).
    public func matches(_ localName: StaticString, _ namespace: StaticString) -> Bool {
        let (local, ns) = currentNames
        // Most candidates differ in their first byte: reject those before the loop.
        guard let local, local[0] == localName.utf8Start[0], equal(local, localName) else { return false }
        guard let ns else { return true }
        return equal(ns, namespace)
    }

    /// Whether the current node's local name and namespace are exactly these.
    public func matchesExactly(_ localName: StaticString, _ namespace: StaticString) -> Bool {
        let (local, ns) = currentNames
        guard let local, local[0] == localName.utf8Start[0], equal(local, localName) else { return false }
        guard let ns else { return namespace.utf8CodeUnitCount == 0 }
        return equal(ns, namespace)
    }

    /// Whether the current node has a namespace (not none).
    var hasNamespace: Bool {
        guard let ns = currentNames.namespace else { return false }
        return ns[0] != 0
    }

    /// Whether the current node's namespace is `namespace` (the empty string: none).
    func namespaceIs(_ namespace: StaticString) -> Bool {
        guard let ns = currentNames.namespace else { return namespace.utf8CodeUnitCount == 0 }
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

    /// Advances one node; throws on malformed input, a DOCTYPE or a limit. Returns nil at the
    /// end of the document.
    @inline(__always)
    private func read() throws(XMLDecodingError) -> SAXEventKind? {
        attributeIndex = -1
        if index + 1 >= state.pointee.events.count {
            // Everything buffered was consumed: start over with the next chunk's events.
            if state.pointee.stopped, index >= 0, event.kind == .error { throw errorEvent() }
            state.pointee.reset()
            index = -1
            ensureEvents(1)
            if state.pointee.events.count == 0 {
                cursor.pointee.finished = true
                return nil
            }
        }
        index += 1
        let current = state.pointee.events[index]
        switch current.kind {
        case .start:
            // Whether the element is empty is known once the parser is past its end tag.
            if current.flag == false, index + 1 >= state.pointee.events.count { ensureEvents(index + 2) }
            popScope(deeperThan: current.depth - 1)
            if current.namespaceCount > 0 {
                let start = Int(current.namespaceStart)
                for i in start..<(start + Int(current.namespaceCount)) {
                    cursor.pointee.scope.append(ScopeEntry(depth: current.depth, binding: state.pointee.namespaces[i]))
                }
            }
        case .end:
            popScope(deeperThan: current.depth)
        case .text:
            popScope(deeperThan: current.depth - 1)
        case .error:
            throw errorEvent()
        }
        return current.kind
    }

    /// Drops the namespace declarations of elements deeper than `depth`.
    @inline(__always)
    private func popScope(deeperThan depth: Int32) {
        var count = cursor.pointee.scope.count
        guard count > 0 else { return }
        while count > 0, cursor.pointee.scope[count - 1].depth > depth { count -= 1 }
        cursor.pointee.scope.truncate(to: count)
    }

    private func errorEvent() -> XMLDecodingError {
        state.pointee.error ?? XMLDecodingError(.malformed, "malformed XML")
    }

    private func malformed() -> XMLDecodingError {
        if let reported = state.pointee.firstReportedError { return reported }
        return error(.malformed, "malformed XML")
    }

    /// Moves to the root element.
    public func moveToRootElement() throws(XMLDecodingError) {
        while true {
            guard let kind = try read() else { throw malformed() }
            if kind == .start { return }
            if kind == .text, !event.flag { throw error(.malformed, "text before the root element") }
        }
    }

    /// Reads to the end of the document, so that trailing garbage or truncation is reported.
    public func finish() throws(XMLDecodingError) {
        while !cursor.pointee.finished {
            guard let kind = try read() else { break }
            if kind == .start || (kind == .text && !event.flag) {
                throw error(.malformed, "content after the root element")
            }
        }
        if let reported = state.pointee.firstReportedError { throw reported }
    }

    /// Moves to the next child element of the element at `parentDepth`; returns false on the
    /// parent's end tag. Whitespace, comments and processing instructions are skipped; other
    /// text is an error (element-only content), unless `allowText` (mixed content).
    @inline(__always)
    public func nextChildElement(parentDepth: Int, allowText: Bool = false) throws(XMLDecodingError) -> Bool {
        while true {
            guard let kind = try read() else { throw malformed() }
            switch kind {
            case .start:
                return true
            case .end:
                if Int(event.depth) <= parentDepth { return false }
            case .text:
                if !allowText, !event.flag { throw error(.unexpectedContent, "unexpected text in element-only content") }
            case .error:
                throw errorEvent()
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

    /// Iterates the children of the current element like ``forEachChild(allowText:_:)``, for
    /// mixed content: the character data between them is appended to `text`.
    public func forEachChild(collectingText text: inout String, _ body: () throws(XMLDecodingError) -> Void) throws(XMLDecodingError) {
        if isEmptyElement { return }
        let parentDepth = depth
        while true {
            guard let kind = try read() else { throw malformed() }
            switch kind {
            case .start:
                try body()
            case .end:
                if Int(event.depth) <= parentDepth { return }
            case .text:
                let current = event
                text += string(current.start, current.count)
            case .error:
                throw errorEvent()
            }
        }
    }

        /// Unknown elements in element-only content: thrown as `unexpectedElement` (`false`, the
    /// default, and what servers use on requests) or skipped (`true`, what clients use on
    /// responses: real devices add vendor elements and newer ones an older schema lacks).
    public var skipsUnknownElements = false

    /// Required values that are missing: an error (`false`, the default) or a placeholder
    /// reported to ``deviationHandler`` (`true`, clients' default; see `required(_:_:)`).
    public var toleratesMissingValues = false
    /// Told about each deviation a lenient reader tolerates.
    public var deviationHandler: XMLDeviationHandler?
    /// How deep placeholders are being built inside placeholders (bounded).
    var placeholderDepth = 0

    /// Generated decoders call this on a child element their type does not declare: skips it
    /// when ``skipsUnknownElements``, else throws `unexpectedElement` naming it and `owner`.
    public func unknownElement(in owner: StaticString) throws(XMLDecodingError) {
        if skipsUnknownElements {
            try skipElement()
            return
        }
        throw error(.unexpectedElement, "unexpected element <\(localName)> in <\(owner)>")
    }

    /// Skips the current element and everything in it.
    public func skipElement() throws(XMLDecodingError) {
        if isEmptyElement { return }
        let start = depth
        while true {
            guard let kind = try read() else { throw malformed() }
            if kind == .end, Int(event.depth) == start { return }
        }
    }

    // MARK: Text

    @inline(__always)
    private func string(_ start: Int32, _ count: Int32) -> String {
        String(decoding: UnsafeBufferPointer(start: state.pointee.bytes.base + Int(start), count: Int(count)), as: UTF8.self)
    }

    /// Reads the text content of the current element (simple content) and leaves the reader on
    /// its end tag. A child element is an error.
    public func readText() throws(XMLDecodingError) -> String {
        if isEmptyElement { return "" }
        let start = depth
        var result: String?
        while true {
            guard let kind = try read() else { throw malformed() }
            switch kind {
            case .text:
                let current = event
                let piece = string(current.start, current.count)
                if result == nil { result = piece } else { result? += piece }
            case .end:
                if Int(event.depth) == start { return result ?? "" }
            case .start:
                throw error(.unexpectedContent, "unexpected element <\(localName)> in simple content")
            case .error:
                throw errorEvent()
            }
        }
    }

    /// Reads the current element's text as a value of `type`.
    @inline(__always)
    public func readValue<T: XSDSimpleValue>(_ type: T.Type) throws(XMLDecodingError) -> T {
        let element = event.localName
        let text = try readText()
        do {
            return try T(xsdLexical: text)
        } catch {
            throw self.error(.invalidValue, "element <\(element.map { String(cString: $0) } ?? "?")>: \(error)")
        }
    }

    /// Reads the current element's text as a whitespace-separated list.
    public func readList<T: XSDSimpleValue>(_ type: T.Type) throws(XMLDecodingError) -> [T] {
        let element = event.localName
        let text = try readText()
        do {
            return try XSDList.decode(text, as: T.self)
        } catch {
            throw self.error(.invalidValue, "element <\(element.map { String(cString: $0) } ?? "?")>: \(error)")
        }
    }

    // MARK: Attributes

    /// Calls `body` positioned on each attribute of the current element (namespace
    /// declarations excluded), then moves back to the element.
    @inline(__always)
    public func forEachAttribute(_ body: () throws(XMLDecodingError) -> Void) throws(XMLDecodingError) {
        guard index >= 0 else { return }
        let current = event
        guard current.kind == .start, current.count > 0 else { return }
        defer { attributeIndex = -1 }
        for i in Int(current.start)..<Int(current.start + current.count) {
            attributeIndex = i
            try body()
        }
    }

    /// The value of the attribute the reader is on.
    public var attributeValue: String {
        guard let attribute = currentAttribute else { return "" }
        return string(attribute.valueStart, attribute.valueCount)
    }

    /// Whether the attribute the reader is on is an `xsi:` or `xml:` attribute, which schemas
    /// never declare.
    public var isInfrastructureAttribute: Bool {
        guard let ns = currentAttribute?.namespace else { return false }
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
        let prefix = currentAttribute?.prefix.map { String(cString: $0) }
        return XMLAnyAttribute(name: name, prefix: prefix, value: attributeValue)
    }

    /// Resolves a prefix against the namespaces in scope at the current node.
    public func lookupNamespace(prefix: String?) -> String? {
        if prefix == "xml" { return "http://www.w3.org/XML/1998/namespace" }
        var i = cursor.pointee.scope.count
        while i > 0 {
            i -= 1
            let entry = cursor.pointee.scope[i]
            let declared = entry.binding.prefix.map { String(cString: $0) }
            if declared == prefix || (declared == nil && prefix == "") || (declared == "" && prefix == nil) {
                guard let namespace = entry.binding.namespace else { return nil }
                let uri = String(cString: namespace)
                return uri.isEmpty ? nil : uri
            }
        }
        return nil
    }

    // MARK: Open content

    /// Reads the current element and its subtree as open content.
    public func readAnyElement() throws(XMLDecodingError) -> XMLAnyElement {
        let current = event
        var element = XMLAnyElement(name: name, prefix: current.prefix.map { String(cString: $0) })
        if current.namespaceCount > 0 {
            let start = Int(current.namespaceStart)
            for i in start..<(start + Int(current.namespaceCount)) {
                let binding = state.pointee.namespaces[i]
                element.namespaceDeclarations.append(XMLNamespaceBinding(
                    prefix: binding.prefix.map { String(cString: $0) } ?? "",
                    namespace: binding.namespace.map { String(cString: $0) } ?? ""))
            }
        }
        try forEachAttribute { () throws(XMLDecodingError) in
            let attribute = captureAttribute()
            noteValueNamespaces(of: attribute.value, in: &element)
            element.attributes.append(attribute)
        }
        if current.flag { return element }
        let start = Int(current.depth)
        while true {
            guard let kind = try read() else { throw malformed() }
            switch kind {
            case .start:
                element.children.append(.element(try readAnyElement()))
            case .text:
                let text = string(event.start, event.count)
                noteValueNamespaces(of: text, in: &element)
                if case .text(let previous)? = element.children.last {
                    element.children[element.children.count - 1] = .text(previous + text)
                } else {
                    element.children.append(.text(text))
                }
            case .end:
                if Int(event.depth) == start { return element }
            case .error:
                throw errorEvent()
            }
        }
    }
}

extension XMLPullReader {
    /// Records the bindings from outside `element` that prefixes in `value` rely on.
    @inline(__always)
    func noteValueNamespaces(of value: String, in element: inout XMLAnyElement) {
        guard value.utf8.contains(UInt8(ascii: ":")) else { return }
        for binding in namespaces(usedIn: value)
        where !element.namespaceDeclarations.contains(where: { $0.prefix == binding.prefix }) && !element.valueNamespaces.contains(binding) {
            element.valueNamespaces.append(binding)
        }
    }
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
