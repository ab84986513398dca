#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-buffer XML writer: UTF-8 output, correct escaping, and namespace prefixes managed for
/// the caller. Namespaces declared on the root (``declare(_:)`` before the first element's
/// content) are in scope for the whole document, so messages carry their declarations once.
///
/// The default namespace is never declared, so an unqualified (no-namespace) element can always
/// be written without a prefix.
public struct XMLWriter: Sendable {
    /// The document written so far (a copy of the writer's buffer).
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage.header.pointee.base, count: storage.header.pointee.count))
    }

    /// Number of bytes written so far.
    public var count: Int { storage.header.pointee.count }

    /// The output: a manually grown byte buffer, copied on write when the writer was copied.
    /// Writes go through raw pointers, one capacity check per element, instead of an
    /// `Array.append` (with its own uniqueness and capacity checks) per run of bytes.
    /// `nonisolated(unsafe)`: the storage class is not `Sendable` by itself; the writer is safe
    /// to send because it mutates the storage only when it holds the only reference to it.
    nonisolated(unsafe) private var storage: XMLByteStorage
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
        storage = XMLByteStorage(capacity: capacity)
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
        "http://www.w3.org/2005/08/addressing": "wsa",
        "http://docs.oasis-open.org/wsn/b-2": "wsnt",
        "http://docs.oasis-open.org/wsn/bw-2": "wsntw",
        "http://docs.oasis-open.org/wsrf/bf-2": "wsrf-bf",
        "http://docs.oasis-open.org/wsrf/r-2": "wsrf-r",
        "http://docs.oasis-open.org/wsrf/rw-2": "wsrf-rw",
    ]

    /// Writes `<?xml version="1.0" encoding="UTF-8"?>`.
    public mutating func writeDeclaration() {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    /// The document as a string.
    public var string: String {
        String(decoding: UnsafeBufferPointer(start: storage.header.pointee.base, count: storage.header.pointee.count), as: UTF8.self)
    }

    // MARK: Elements

    /// Opens an element. Its namespace gets a prefix in scope or a new declaration.
    public mutating func startElement(_ name: XMLName, preferredPrefix: String? = nil) {
        closeStartTag()
        appendByte(UInt8(ascii: "<"))
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
            appendByte(UInt8(ascii: ":"))
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
        appendByte(UInt8(ascii: "\""))
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
        appendByte(UInt8(ascii: " "))
        if !name.namespace.isEmpty {
            if name.namespace == "http://www.w3.org/XML/1998/namespace" {
                append("xml")
            } else {
                let prefix = prefixOrDeclare(name.namespace, preferred: preferredPrefix)
                if let pending = pendingDeclaration {
                    // Declaration first, then the attribute.
                    removeLastByte()
                    writeNamespaceDeclaration(pending)
                    pendingDeclaration = nil
                    appendByte(UInt8(ascii: " "))
                }
                append(prefix)
            }
            appendByte(UInt8(ascii: ":"))
        }
        append(name.localName)
        append("=\"")
        appendEscaped(value, attribute: true)
        appendByte(UInt8(ascii: "\""))
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
                appendByte(UInt8(ascii: ":"))
            }
            append(name.localName)
            appendByte(UInt8(ascii: ">"))
        }
        if let mark = scopeMarks.popLast(), mark < bindings.count {
            bindings.removeSubrange(mark...)
        }
    }

    /// The namespace `prefix` is bound to where the writer is (`nil`: unbound).
    public func innermostNamespace(forPrefix prefix: String) -> String? {
        bindings.last(where: { $0.prefix == prefix })?.namespace
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
        let nameCount = local.utf8CodeUnitCount
        let name = local.utf8Start
        value.withXSDLexicalUTF8 { text in
            guard text.count <= XMLWriter.escapeBlock else {
                // Long text: in blocks (bounded reservations).
                var to = reserve(nameCount + 2)
                to.pointee = UInt8(ascii: "<")
                (to + 1).update(from: name, count: nameCount)
                (to + 1 + nameCount).pointee = UInt8(ascii: ">")
                commit(nameCount + 2)
                appendEscaped(text, attribute: false)
                to = reserve(nameCount + 3)
                to.pointee = UInt8(ascii: "<")
                (to + 1).pointee = UInt8(ascii: "/")
                (to + 2).update(from: name, count: nameCount)
                (to + 2 + nameCount).pointee = UInt8(ascii: ">")
                commit(nameCount + 3)
                return
            }
            // `<name>` + escaped text + `</name>`, or `<name/>`, with one capacity check.
            let to = reserve(2 * nameCount + 5 + XMLWriter.maxEscapedBytesPerByte * text.count)
            to.pointee = UInt8(ascii: "<")
            XMLWriter.copy(name, to + 1, nameCount)
            var at = 1 + nameCount
            if text.isEmpty {
                to[at] = UInt8(ascii: "/")
                to[at + 1] = UInt8(ascii: ">")
                commit(at + 2)
                return
            }
            to[at] = UInt8(ascii: ">")
            at += 1
            at += XMLWriter.escape(text, into: to + at, attribute: false)
            to[at] = UInt8(ascii: "<")
            to[at + 1] = UInt8(ascii: "/")
            XMLWriter.copy(name, to + at + 2, nameCount)
            at += 2 + nameCount
            to[at] = UInt8(ascii: ">")
            commit(at + 1)
        }
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
        for binding in element.valueNamespaces { declareIfNeeded(binding) }
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

    /// A pointer to room for `count` more bytes at the end of the output (copying the buffer
    /// first if another writer shares it). Follow with ``commit(_:)``.
    @inline(__always)
    private mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(minimumCapacity: storage.header.pointee.count + count)
        }
        let header = storage.header
        if header.pointee.count + count > header.pointee.capacity {
            storage.grow(minimumCapacity: header.pointee.count + count)
        }
        return header.pointee.base + header.pointee.count
    }

    /// Adds `count` bytes written through the pointer ``reserve(_:)`` returned.
    @inline(__always)
    private mutating func commit(_ count: Int) {
        storage.header.pointee.count += count
    }

    @inline(__always)
    private mutating func appendByte(_ byte: UInt8) {
        reserve(1).pointee = byte
        commit(1)
    }

    @inline(__always)
    private mutating func appendBytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        XMLWriter.copy(from, reserve(source.count), source.count)
        commit(source.count)
    }

    /// Copies bytes; names and markup are short, where a loop beats a call to memcpy.
    @inline(__always)
    private static func copy(_ from: UnsafePointer<UInt8>, _ to: UnsafeMutablePointer<UInt8>, _ count: Int) {
        if count > 32 {
            to.update(from: from, count: count)
            return
        }
        for i in 0..<count { to[i] = from[i] }
    }

    @inline(__always)
    private mutating func removeLastByte() {
        storage.header.pointee.count -= 1
    }

    @inline(__always)
    private mutating func closeStartTag() {
        if startTagOpen {
            appendByte(UInt8(ascii: ">"))
            startTagOpen = false
        }
    }

    @inline(__always)
    private mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { appendBytes($0) }
    }

    @inline(__always)
    private mutating func append(_ string: StaticString) {
        appendBytes(UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    /// The most bytes one input byte becomes when escaped (`"` → `&quot;`).
    static let maxEscapedBytesPerByte = 6
    /// Text longer than this is escaped in blocks of this size.
    static let escapeBlock = 1024

    /// Appends `string` escaped for text or attribute content.
    private mutating func appendEscaped(_ string: String, attribute: Bool) {
        var string = string
        string.withUTF8 { appendEscaped($0, attribute: attribute) }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        var start = 0
        while start < utf8.count {
            var end = min(utf8.count, start + XMLWriter.escapeBlock)
            // Never split a UTF-8 sequence between blocks (U+FFFE and U+FFFF are recognised
            // whole): back up over continuation bytes.
            while end < utf8.count, end > start + 4, utf8[end] & 0xC0 == 0x80 { end -= 1 }
            let block = UnsafeBufferPointer(rebasing: utf8[start..<end])
            let to = reserve(XMLWriter.maxEscapedBytesPerByte * block.count)
            commit(XMLWriter.escape(block, into: to, attribute: attribute))
            start += block.count
        }
    }

    /// Whether any byte of `word` may need escaping: a C0 control, `"`, `&`, `<`, `>`, or
    /// 0xEF, the lead byte of U+FFFE and U+FFFF (SWAR: no false negatives; a false positive
    /// only takes the byte-by-byte path).
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let controls = (word &- 0x2020_2020_2020_2020) & ~word & highs
        return controls != 0 || hasZeroByte(word ^ 0x2222_2222_2222_2222) || hasZeroByte(word ^ 0x2626_2626_2626_2626)
            || hasZeroByte(word ^ 0x3C3C_3C3C_3C3C_3C3C) || hasZeroByte(word ^ 0x3E3E_3E3E_3E3E_3E3E)
            || hasZeroByte(word ^ 0xEFEF_EFEF_EFEF_EFEF)
    }

    /// Writes `utf8` escaped for text or attribute content to `to` (room for
    /// ``maxEscapedBytesPerByte`` bytes per input byte), returning the bytes written. Characters
    /// XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE and U+FFFF) are
    /// written as U+FFFD. Eight bytes at a time while none of them is special.
    @inline(__always)
    private static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into to: UnsafeMutablePointer<UInt8>, attribute: Bool) -> Int {
        guard let from = utf8.baseAddress else { return 0 }
        let count = utf8.count
        var written = 0
        var i = 0
        // Whether a U+FFFE/U+FFFF became U+FFFD: same length, other bytes, so the output is
        // no longer a copy of the input where offsets agree.
        var replaced = false
        while i + 8 <= count {
            let word = UnsafeRawPointer(from + i).loadUnaligned(as: UInt64.self)
            if !mayNeedEscaping(word) {
                UnsafeMutableRawPointer(to + written).storeBytes(of: word, as: UInt64.self)
                i += 8
                written += 8
                continue
            }
            let end = i + 8
            while i < end { escapeCharacter(from, &i, count, into: to, &written, &replaced, attribute: attribute) }
        }
        // The last partial word: while the output is still a copy of the input (nothing
        // expanded or replaced), check the last eight bytes as one word, overlapping bytes
        // already written.
        if i < count, count >= 8, written == i, !replaced {
            let word = UnsafeRawPointer(from + count - 8).loadUnaligned(as: UInt64.self)
            if !mayNeedEscaping(word) {
                UnsafeMutableRawPointer(to + count - 8).storeBytes(of: word, as: UInt64.self)
                return count
            }
        }
        while i < count { escapeCharacter(from, &i, count, into: to, &written, &replaced, attribute: attribute) }
        return written
    }

    /// Escapes the byte at `i`, or the whole of U+FFFE/U+FFFF (EF BF BE/BF) starting there.
    @inline(__always)
    private static func escapeCharacter(
        _ from: UnsafePointer<UInt8>, _ i: inout Int, _ count: Int, into to: UnsafeMutablePointer<UInt8>, _ written: inout Int,
        _ replaced: inout Bool, attribute: Bool
    ) {
        if from[i] == 0xEF, i + 2 < count, from[i + 1] == 0xBF, from[i + 2] >= 0xBE {
            replaced = true
            (to + written).pointee = 0xEF
            (to + written + 1).pointee = 0xBF
            (to + written + 2).pointee = 0xBD
            written += 3
            i += 3
            return
        }
        written += escapeByte(from[i], into: to + written, attribute: attribute)
        i += 1
    }

    @inline(__always)
    private static func escapeByte(_ byte: UInt8, into to: UnsafeMutablePointer<UInt8>, attribute: Bool) -> Int {
        if byte >= 0x3F || (byte >= 0x20 && byte != 0x22 && byte != 0x26 && byte != 0x3C && byte != 0x3E) {
            to.pointee = byte
            return 1
        }
        let replacement: StaticString
        switch byte {
        case UInt8(ascii: "&"): replacement = "&amp;"
        case UInt8(ascii: "<"): replacement = "&lt;"
        case UInt8(ascii: ">"): replacement = "&gt;"
        case UInt8(ascii: "\""): if attribute { replacement = "&quot;" } else { replacement = "\"" }
        case 0x0D: replacement = "&#xD;"
        case 0x0A: if attribute { replacement = "&#xA;" } else { replacement = "\n" }
        case 0x09: if attribute { replacement = "&#x9;" } else { replacement = "\t" }
        default: replacement = "\u{FFFD}"
        }
        let length = replacement.utf8CodeUnitCount
        copy(replacement.utf8Start, to, length)
        return length
    }
}

/// The writer's output buffer: bytes from `malloc`, grown with `realloc` (which can move
/// large blocks without copying) and released with `free`: one allocator throughout. A class so that copies of a writer share it until one writes
/// (`isKnownUniquelyReferenced`); the counters live behind a `let` pointer, so the hot path
/// pays no exclusivity checks.
final class XMLByteStorage {
    struct Header {
        var base: UnsafeMutablePointer<UInt8>
        var count: Int
        var capacity: Int
    }

    let header: UnsafeMutablePointer<Header>

    init(capacity: Int) {
        let capacity = max(capacity, 64)
        guard let base = malloc(capacity) else { fatalError("XMLWriter: out of memory allocating \(capacity) bytes") }
        header = .allocate(capacity: 1)
        header.initialize(to: Header(base: base.assumingMemoryBound(to: UInt8.self), count: 0, capacity: capacity))
    }

    deinit {
        free(header.pointee.base)
        header.deallocate()
    }

    /// Makes room for at least `minimumCapacity` bytes (doubling).
    func grow(minimumCapacity: Int) {
        var newCapacity = header.pointee.capacity
        while newCapacity < minimumCapacity { newCapacity *= 2 }
        guard let moved = realloc(header.pointee.base, newCapacity) else {
            fatalError("XMLWriter: out of memory growing the output to \(newCapacity) bytes")
        }
        header.pointee.base = moved.assumingMemoryBound(to: UInt8.self)
        header.pointee.capacity = newCapacity
    }

    /// A copy of the bytes written, with room for at least `minimumCapacity` bytes.
    func copy(minimumCapacity: Int) -> XMLByteStorage {
        let copy = XMLByteStorage(capacity: max(minimumCapacity, header.pointee.capacity))
        copy.header.pointee.base.update(from: header.pointee.base, count: header.pointee.count)
        copy.header.pointee.count = header.pointee.count
        return copy
    }
}
