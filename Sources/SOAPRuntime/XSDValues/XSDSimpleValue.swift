// XSDSimpleValue.swift
// The protocol all XSD value codecs conform to, the string family, and whitespace helpers.
//
// Built-in type mapping used by generated code:
//   xs:string, xs:normalizedString, xs:token, xs:language, xs:Name, xs:NCName, xs:ID, xs:IDREF,
//   xs:NMTOKEN, xs:anyURI                                   -> String (identity, see below)
//   xs:boolean -> Bool; xs:byte/short/int/long -> Int8/Int16/Int32/Int64 (or Int for xs:long);
//   xs:unsignedByte/Short/Int/Long -> UInt8/UInt16/UInt32/UInt64; xs:integer -> XSDInteger;
//   xs:decimal -> XSDDecimal; xs:float/double -> Float/Double; xs:dateTime/date/time ->
//   XSDDateTime/XSDDate/XSDTime; xs:duration -> XSDDuration; xs:base64Binary/hexBinary ->
//   XSDBase64Binary/XSDHexBinary; xs:QName -> XSDQName; list types -> [T] through XSDList.
//
// There is deliberately no XSDAnyURI type: xs:anyURI maps to String. Its lexical space is
// practically any string (XSD 1.1 places no constraint beyond the characters), and
// Foundation's URL would both reject valid values and alter them on the way back out.

/// A value with an XML Schema lexical form: decoded from element text or attribute values,
/// encoded back.
public protocol XSDSimpleValue: Sendable, Hashable {
    /// Parses the lexical form (whitespace handling per the type's whiteSpace facet: collapse
    /// for all non-string types).
    init(xsdLexical: String) throws(XSDValueError)
    /// The canonical (or, for dateTime etc., the preserved original) lexical form.
    var xsdLexical: String { get }
    /// Calls `body` with the lexical form as UTF-8. The writer uses this; the default goes
    /// through ``xsdLexical``, types that build their form (dates, times) write it into a stack
    /// buffer instead of allocating a String.
    func withXSDLexicalUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void)
}

extension XSDSimpleValue {
    public func withXSDLexicalUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var lexical = xsdLexical
        lexical.withUTF8(body)
    }
}

/// Builds an ASCII lexical form in a stack buffer of `capacity` bytes and hands it to `use`.
func withASCIIBytes(capacity: Int, _ build: (inout ByteSink) -> Void, _ use: (UnsafeBufferPointer<UInt8>) -> Void) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(capacity, 1)) { buffer in
        var sink = ByteSink(base: buffer)
        build(&sink)
        use(UnsafeBufferPointer(rebasing: buffer[..<sink.count]))
    }
}

/// `xs:string`, `xs:normalizedString`, `xs:token` and `xs:anyURI`: the text as is. The XML
/// reader has already replaced entities; whitespace is preserved (the string facet), and the
/// generated code does not rewrite values of the derived string types.
extension String: XSDSimpleValue {
    /// The text itself; never throws.
    public init(xsdLexical: String) {
        self = xsdLexical
    }

    /// The text itself.
    public var xsdLexical: String { self }
}

/// Fast XML whitespace helpers (the four characters XML calls whitespace: space, tab, CR, LF).
public enum XSDWhitespace {
    /// Whether `byte` is one of the XML whitespace characters #x20, #x9, #xD, #xA.
    @inlinable @inline(__always)
    public static func isXMLWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// The whiteSpace `collapse` facet: runs of whitespace become one space, leading and
    /// trailing whitespace is removed. Returns `s` itself (no copy) when already collapsed.
    public static func collapse(_ s: String) -> String {
        let alreadyCollapsed: Bool = withUTF8Bytes(s) { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            if isXMLWhitespace(first) || isXMLWhitespace(last) { return false }
            var previousWasSpace = false
            for byte in bytes {
                if byte == 0x20 {
                    if previousWasSpace { return false }
                    previousWasSpace = true
                } else if isXMLWhitespace(byte) {
                    return false
                } else {
                    previousWasSpace = false
                }
            }
            return true
        }
        if alreadyCollapsed { return s }
        return withUTF8Bytes(s) { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if isXMLWhitespace(byte) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The whiteSpace `replace` facet (xs:normalizedString): each tab, CR and LF becomes a space.
    public static func replace(_ s: String) -> String {
        let clean: Bool = withUTF8Bytes(s) { bytes in
            for byte in bytes where byte != 0x20 && isXMLWhitespace(byte) { return false }
            return true
        }
        if clean { return s }
        return withUTF8Bytes(s) { bytes in
            String(decoding: bytes.lazy.map { isXMLWhitespace($0) ? 0x20 : $0 }, as: UTF8.self)
        }
    }

    /// The range of `bytes` left after removing leading and trailing XML whitespace.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end, isXMLWhitespace(bytes[start]) { start += 1 }
        while end > start, isXMLWhitespace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }
}

/// Calls `body` with the UTF-8 bytes of `s`, without copying when the string is native.
/// (`String.withUTF8` is inlinable, so this specializes; `utf8.withContiguousStorageIfAvailable`
/// is not and costs a generic metadata lookup per call.)
@inline(__always)
func withUTF8Bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var copy = s
    return copy.withUTF8(body)
}

/// A string made of `bytes[range]`.
@inline(__always)
func makeString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    // Measurably cheaper than String(decoding:as:) for the short tokens seen here; still
    // validates (and repairs) the UTF-8.
    String(unsafeUninitializedCapacity: range.count) { buffer in
        var j = 0
        for i in range {
            buffer[j] = bytes[i]
            j += 1
        }
        return j
    }
}

/// `s` without leading and trailing XML whitespace (the same string when there is none).
func trimmingXMLWhitespace(_ s: String) -> String {
    withUTF8Bytes(s) { bytes in
        let range = XSDWhitespace.trimmed(bytes)
        return range.count == bytes.count ? s : makeString(bytes, range)
    }
}

/// Writes a string of at most `capacity` UTF-8 bytes through `body`.
@inline(__always)
func buildASCIIString(capacity: Int, _ body: (inout ByteSink) -> Void) -> String {
    String(unsafeUninitializedCapacity: Swift.max(capacity, 1)) { buffer in
        var sink = ByteSink(base: buffer)
        body(&sink)
        return sink.count
    }
}

/// Appends bytes to preallocated storage (capacity is computed by the caller).
struct ByteSink {
    let base: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(base: UnsafeMutableBufferPointer<UInt8>) {
        self.base = base
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        // Capacities are computed exactly; the check keeps a miscount from writing out of bounds.
        guard count < base.count else { return }
        base[count] = byte
        count += 1
    }

    /// Two decimal digits of `value` (0...99).
    @inline(__always)
    mutating func put2(_ value: Int) {
        put(0x30 &+ UInt8(truncatingIfNeeded: value / 10))
        put(0x30 &+ UInt8(truncatingIfNeeded: value % 10))
    }

    /// The decimal digits of `value`, left-padded with zeros to `minimumDigits`.
    mutating func putDecimal(_ value: UInt, minimumDigits: Int = 1) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[n] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                n += 1
            } while rest > 0
        }
        var pad = minimumDigits - n
        while pad > 0 { put(0x30); pad -= 1 }
        withUnsafeBytes(of: &digits) { raw in
            var i = n
            while i > 0 { i -= 1; put(raw[i]) }
        }
    }

    mutating func put(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { put(byte) }
        }
    }
}
