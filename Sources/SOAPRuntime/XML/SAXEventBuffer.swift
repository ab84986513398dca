import CLibXML2

/// A growable buffer of trivial values with manual storage: no copy-on-write, no exclusivity
/// checks, no per-element retain/release. Used by the SAX event buffer on its hot path.
struct RawVector<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<Element> {
        if count + extra > capacity { grow(to: count + extra) }
        return base + count
    }

    @inline(__always)
    mutating func commit(_ added: Int) { count += added }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func truncate(to newCount: Int) { count = min(count, newCount) }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

/// What a recorded SAX event is.
enum SAXEventKind: UInt8 {
    case start, end, text, error
}

/// One recorded SAX event. Names are libxml2 dictionary strings, valid while the parser lives.
struct SAXEvent: BitwiseCopyable {
    var localName: UnsafePointer<xmlChar>?
    var namespace: UnsafePointer<xmlChar>?
    var prefix: UnsafePointer<xmlChar>?
    /// Text: offset of the bytes in the byte buffer. Start: index of the first attribute.
    var start: Int32
    /// Text: byte count. Start: attribute count.
    var count: Int32
    /// Start: index of the first namespace declaration.
    var namespaceStart: Int32
    var namespaceCount: Int16
    var kind: SAXEventKind
    /// Start: the element is closed right after its start tag (`<a/>` or `<a></a>`), and no
    /// end event follows. Text: every byte is XML whitespace.
    var flag: Bool
    /// Depth of the node (the root element is 0; text is one deeper than its parent).
    var depth: Int32
    var line: Int32
    var column: Int32
}

/// One attribute of a start event; the value is in the byte buffer.
struct SAXAttribute: BitwiseCopyable {
    var localName: UnsafePointer<xmlChar>?
    var namespace: UnsafePointer<xmlChar>?
    var prefix: UnsafePointer<xmlChar>?
    var valueStart: Int32
    var valueCount: Int32
}

/// One namespace declaration of a start event (dictionary strings; nil prefix for the default).
struct SAXNamespace: BitwiseCopyable {
    var prefix: UnsafePointer<xmlChar>?
    var namespace: UnsafePointer<xmlChar>?
}

/// The events libxml2's SAX2 parser produced and the reader has not consumed yet, plus the
/// parser's side of the state. Lives at a fixed address (the SAX callbacks' context).
struct SAXEventBuffer {
    var events = RawVector<SAXEvent>(capacity: 1024)
    var attributes = RawVector<SAXAttribute>(capacity: 64)
    var namespaces = RawVector<SAXNamespace>(capacity: 16)
    var bytes = RawVector<UInt8>(capacity: 16 << 10)
    /// Depth of the next start tag, on the parser's side.
    var depth: Int32 = 0
    var maxDepth: Int32
    var parser: xmlParserCtxtPtr?
    /// Set when an error event was recorded: nothing follows it.
    var stopped = false
    var error: XMLDecodingError?
    /// The first error libxml2 reported (also non-fatal ones, e.g. an undeclared prefix).
    var firstReportedError: XMLDecodingError?

    init(maxDepth: Int) {
        self.maxDepth = Int32(clamping: maxDepth)
    }

    func free() {
        events.free()
        attributes.free()
        namespaces.free()
        bytes.free()
    }

    mutating func reset() {
        events.removeAll()
        attributes.removeAll()
        namespaces.removeAll()
        bytes.removeAll()
    }

    @inline(__always)
    var position: (line: Int32, column: Int32) {
        guard let input = parser?.pointee.input else { return (0, 0) }
        return (input.pointee.line, input.pointee.col)
    }

    /// Records an error as the last event and stops the parser.
    mutating func fail(_ kind: XMLDecodingError.Kind, _ message: String) {
        guard !stopped else { return }
        let (line, column) = position
        record(XMLDecodingError(kind, message, line: Int(line), column: Int(column)))
        if let parser { xmlStopParser(parser) }
    }

    mutating func record(_ error: XMLDecodingError) {
        guard !stopped else { return }
        stopped = true
        self.error = error
        events.append(SAXEvent(localName: nil, namespace: nil, prefix: nil, start: 0, count: 0, namespaceStart: 0, namespaceCount: 0, kind: .error, flag: false, depth: depth, line: Int32(clamping: error.line), column: Int32(clamping: error.column)))
    }

    /// Appends bytes to the byte buffer, returning their offset.
    @inline(__always)
    mutating func appendBytes(_ source: UnsafePointer<xmlChar>, _ count: Int) -> Int32 {
        let offset = bytes.count
        let to = bytes.reserve(count)
        to.update(from: source, count: count)
        bytes.commit(count)
        return Int32(truncatingIfNeeded: offset)
    }

}

// MARK: SAX2 callbacks

@inline(__always)
private func buffer(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXEventBuffer>? {
    context?.assumingMemoryBound(to: SAXEventBuffer.self)
}

@inline(__always)
private func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
}

/// The SAX2 handler the pull reader parses with: elements, text, errors. Everything else
/// (comments, PIs, DTD declarations, entity resolution) has no callback; a DOCTYPE stops the
/// parse before its internal subset is read.
enum SAXHandler {
    static func make() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = startElement
        handler.endElementNs = endElement
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.internalSubset = internalSubset
        handler.serror = structuredError
        return handler
    }

    private static let startElement: startElementNsSAX2Func = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
        guard let state = buffer(context), !state.pointee.stopped else { return }
        let depth = state.pointee.depth
        if depth >= state.pointee.maxDepth {
            state.pointee.fail(.limitExceeded, "element nesting deeper than \(state.pointee.maxDepth)")
            return
        }
        let namespaceStart = Int32(truncatingIfNeeded: state.pointee.namespaces.count)
        if let namespaces, namespaceCount > 0 {
            for i in 0..<Int(namespaceCount) {
                state.pointee.namespaces.append(SAXNamespace(prefix: namespaces[2 * i], namespace: namespaces[2 * i + 1]))
            }
        }
        let attributeStart = Int32(truncatingIfNeeded: state.pointee.attributes.count)
        if let attributes, attributeCount > 0 {
            for i in 0..<Int(attributeCount) {
                let base = 5 * i
                var valueStart: Int32 = 0
                var valueCount: Int32 = 0
                if let from = attributes[base + 3], let to = attributes[base + 4] {
                    let before = state.pointee.bytes.count
                    valueStart = state.pointee.appendBytes(from, to - from)
                    valueCount = Int32(truncatingIfNeeded: state.pointee.bytes.count - before)
                }
                state.pointee.attributes.append(SAXAttribute(localName: attributes[base], namespace: attributes[base + 2], prefix: attributes[base + 1], valueStart: valueStart, valueCount: valueCount))
            }
        }
        let (line, column) = state.pointee.position
        state.pointee.events.append(SAXEvent(
            localName: localName, namespace: uri, prefix: prefix, start: attributeStart, count: max(attributeCount, 0),
            namespaceStart: namespaceStart, namespaceCount: Int16(clamping: namespaceCount), kind: .start, flag: false,
            depth: depth, line: line, column: column))
        state.pointee.depth = depth + 1
    }

    private static let endElement: endElementNsSAX2Func = { context, _, _, _ in
        guard let state = buffer(context), !state.pointee.stopped else { return }
        let depth = state.pointee.depth - 1
        state.pointee.depth = depth
        let count = state.pointee.events.count
        if count > 0 {
            let last = state.pointee.events.base + (count - 1)
            if last.pointee.kind == .start, last.pointee.depth == depth {
                last.pointee.flag = true
                return
            }
        }
        let (line, column) = state.pointee.position
        state.pointee.events.append(SAXEvent(
            localName: nil, namespace: nil, prefix: nil, start: 0, count: 0, namespaceStart: 0, namespaceCount: 0,
            kind: .end, flag: false, depth: depth, line: line, column: column))
    }

    private static let characters: charactersSAXFunc = { context, text, length in
        guard let state = buffer(context), !state.pointee.stopped, let text, length > 0 else { return }
        let count = Int(length)
        var whitespace = true
        for i in 0..<count where !isXMLWhitespace(text[i]) {
            whitespace = false
            break
        }
        let offset = state.pointee.appendBytes(text, count)
        let events = state.pointee.events.count
        if events > 0 {
            // libxml2 delivers a text node in pieces; the bytes are contiguous when the last
            // event is the text they continue.
            let last = state.pointee.events.base + (events - 1)
            if last.pointee.kind == .text, last.pointee.start + last.pointee.count == offset {
                last.pointee.count += Int32(truncatingIfNeeded: count)
                last.pointee.flag = last.pointee.flag && whitespace
                return
            }
        }
        let (line, column) = state.pointee.position
        state.pointee.events.append(SAXEvent(
            localName: nil, namespace: nil, prefix: nil, start: offset, count: Int32(truncatingIfNeeded: count),
            namespaceStart: 0, namespaceCount: 0, kind: .text, flag: whitespace,
            depth: state.pointee.depth, line: line, column: column))
    }

    private static let internalSubset: internalSubsetSAXFunc = { context, _, _, _ in
        buffer(context)?.pointee.fail(.forbidden, "a DOCTYPE is not allowed")
    }

    private static let structuredError: xmlStructuredErrorFunc = { context, error in
        guard let state = buffer(context), let error else { return }
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, state.pointee.firstReportedError == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        state.pointee.firstReportedError = XMLDecodingError(.malformed, message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
    }
}
