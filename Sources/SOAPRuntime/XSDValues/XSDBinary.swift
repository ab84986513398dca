// XSDBinary.swift
// xs:base64Binary and xs:hexBinary, hand-written (no Foundation on the hot path).

/// `xs:base64Binary`: bytes written as base64 (RFC 4648 alphabet, padded, no line breaks).
/// Reading ignores XML whitespace anywhere and is otherwise strict: only alphabet characters,
/// `=` padding only at the end and completing a group of four, and zero unused bits before it.
public struct XSDBase64Binary: XSDSimpleValue, CustomStringConvertible {
    /// The decoded bytes.
    public var bytes: [UInt8]

    /// The given bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Decodes base64 text; whitespace is ignored, anything else invalid throws.
    public init(xsdLexical: String) throws(XSDValueError) {
        let result: Result<[UInt8], XSDValueError> = withUTF8Bytes(xsdLexical) { input in
            func fail(_ reason: String) -> Result<[UInt8], XSDValueError> {
                .failure(XSDValueError(typeName: "xs:base64Binary", value: xsdLexical, reason: reason))
            }
            var out: [UInt8] = []
            out.reserveCapacity(input.count / 4 * 3)
            var group: UInt32 = 0
            var count = 0
            var padding = 0
            var finished = false
            for byte in input {
                if XSDWhitespace.isXMLWhitespace(byte) { continue }
                if finished { return fail("data after the padding") }
                if byte == UInt8(ascii: "=") {
                    guard count >= 2 else { return fail("misplaced padding") }
                    padding += 1
                    count += 1
                    if count == 4 {
                        if padding == 1 {
                            guard group & 0x3 == 0 else { return fail("non-zero bits before the padding") }
                            out.append(UInt8(truncatingIfNeeded: group >> 10))
                            out.append(UInt8(truncatingIfNeeded: group >> 2))
                        } else {
                            guard group & 0xF == 0 else { return fail("non-zero bits before the padding") }
                            out.append(UInt8(truncatingIfNeeded: group >> 4))
                        }
                        finished = true
                    }
                    continue
                }
                if padding > 0 { return fail("data after the padding") }
                let value = XSDBase64Binary.sextet(byte)
                guard value < 64 else {
                    return fail(byte < 0x80 ? "invalid character '\(Character(Unicode.Scalar(byte)))'" : "invalid character")
                }
                group = group << 6 | UInt32(value)
                count += 1
                if count == 4 {
                    out.append(UInt8(truncatingIfNeeded: group >> 16))
                    out.append(UInt8(truncatingIfNeeded: group >> 8))
                    out.append(UInt8(truncatingIfNeeded: group))
                    group = 0
                    count = 0
                }
            }
            guard finished || count == 0 else { return fail("length is not a multiple of four") }
            return .success(out)
        }
        bytes = try result.get()
    }

    /// The base64 text, padded, without line breaks.
    public var xsdLexical: String {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let table = alphabet.utf8Start
        return buildASCIIString(capacity: (bytes.count + 2) / 3 * 4) { sink in
            var i = 0
            let n = bytes.count
            while i + 3 <= n {
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                sink.put(table[Int(v >> 18)])
                sink.put(table[Int(v >> 12 & 0x3F)])
                sink.put(table[Int(v >> 6 & 0x3F)])
                sink.put(table[Int(v & 0x3F)])
                i += 3
            }
            if n - i == 1 {
                let v = UInt32(bytes[i]) << 16
                sink.put(table[Int(v >> 18)])
                sink.put(table[Int(v >> 12 & 0x3F)])
                sink.put(UInt8(ascii: "="))
                sink.put(UInt8(ascii: "="))
            } else if n - i == 2 {
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
                sink.put(table[Int(v >> 18)])
                sink.put(table[Int(v >> 12 & 0x3F)])
                sink.put(table[Int(v >> 6 & 0x3F)])
                sink.put(UInt8(ascii: "="))
            }
        }
    }

    /// The base64 text.
    public var description: String { xsdLexical }

    /// The 6-bit value of a base64 character, or 0xFF.
    @inline(__always)
    static func sextet(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte &- UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte &- UInt8(ascii: "a") &+ 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0") &+ 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return 0xFF
        }
    }
}

/// `xs:hexBinary`: bytes written as pairs of hexadecimal digits. Reads either case (surrounding
/// whitespace collapsed), writes upper case.
public struct XSDHexBinary: XSDSimpleValue, CustomStringConvertible {
    /// The decoded bytes.
    public var bytes: [UInt8]

    /// The given bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Decodes an even number of hexadecimal digits.
    public init(xsdLexical: String) throws(XSDValueError) {
        let result: Result<[UInt8], XSDValueError> = withUTF8Bytes(xsdLexical) { input in
            func fail(_ reason: String) -> Result<[UInt8], XSDValueError> {
                .failure(XSDValueError(typeName: "xs:hexBinary", value: xsdLexical, reason: reason))
            }
            let range = XSDWhitespace.trimmed(input)
            guard range.count % 2 == 0 else { return fail("odd number of hexadecimal digits") }
            var out: [UInt8] = []
            out.reserveCapacity(range.count / 2)
            var i = range.lowerBound
            while i < range.upperBound {
                let high = XSDHexBinary.nibble(input[i])
                let low = XSDHexBinary.nibble(input[i + 1])
                guard high < 16, low < 16 else { return fail("invalid hexadecimal digit") }
                out.append(high << 4 | low)
                i += 2
            }
            return .success(out)
        }
        bytes = try result.get()
    }

    /// Upper-case hexadecimal digits, two per byte.
    public var xsdLexical: String {
        let digits: StaticString = "0123456789ABCDEF"
        let table = digits.utf8Start
        return buildASCIIString(capacity: bytes.count * 2) { sink in
            for byte in bytes {
                sink.put(table[Int(byte >> 4)])
                sink.put(table[Int(byte & 0xF)])
            }
        }
    }

    /// The hexadecimal text.
    public var description: String { xsdLexical }

    /// The value of a hexadecimal digit, or 0xFF.
    @inline(__always)
    static func nibble(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        default: return 0xFF
        }
    }
}
