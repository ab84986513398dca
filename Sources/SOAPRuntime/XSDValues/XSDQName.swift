// XSDQName.swift
// xs:QName: a prefixed name whose namespace the reader resolves.

/// `xs:QName`: `prefix:localName` or `localName`. Parsing checks both parts are NCNames;
/// `namespace` stays `nil` until the XML reader resolves the prefix against the in-scope
/// namespace declarations (or the writer's caller fills it in).
///
/// Equality compares all three fields (lexical identity plus namespace); use
/// ``hasSameExpandedName(as:)`` to compare namespace and local name only.
public struct XSDQName: XSDSimpleValue, CustomStringConvertible {
    /// The prefix before `:`, `nil` for an unprefixed name.
    public var prefix: String?
    /// The local part.
    public var localName: String
    /// The namespace the prefix is bound to, when resolved.
    public var namespace: String?

    /// A name with the given parts (not validated).
    public init(prefix: String? = nil, localName: String, namespace: String? = nil) {
        self.prefix = prefix
        self.localName = localName
        self.namespace = namespace
    }

    /// Parses `(NCName:)?NCName` with surrounding whitespace; `namespace` is left `nil`.
    public init(xsdLexical: String) throws(XSDValueError) {
        let result: Result<(String?, String), XSDValueError> = withUTF8Bytes(xsdLexical) { bytes in
            func fail(_ reason: String) -> Result<(String?, String), XSDValueError> {
                .failure(XSDValueError(typeName: "xs:QName", value: xsdLexical, reason: reason))
            }
            let range = XSDWhitespace.trimmed(bytes)
            guard !range.isEmpty else { return fail("empty") }
            var colon: Int?
            for i in range where bytes[i] == UInt8(ascii: ":") {
                guard colon == nil else { return fail("more than one ':'") }
                colon = i
            }
            if let colon {
                let prefix = makeString(bytes, range.lowerBound..<colon)
                let local = makeString(bytes, (colon + 1)..<range.upperBound)
                guard XSDQName.isNCName(prefix) else { return fail("the prefix is not an NCName") }
                guard XSDQName.isNCName(local) else { return fail("the local name is not an NCName") }
                return .success((prefix, local))
            }
            let local = range.count == bytes.count ? xsdLexical : makeString(bytes, range)
            guard XSDQName.isNCName(local) else { return fail("not an NCName") }
            return .success((nil, local))
        }
        let parts = try result.get()
        prefix = parts.0
        localName = parts.1
        namespace = nil
    }

    /// `prefix:localName`, or `localName` without a prefix.
    public var xsdLexical: String {
        guard let prefix else { return localName }
        return prefix + ":" + localName
    }

    /// The lexical form.
    public var description: String { xsdLexical }

    /// Whether both have the same namespace and local name, whatever their prefixes.
    public func hasSameExpandedName(as other: XSDQName) -> Bool {
        namespace == other.namespace && localName == other.localName
    }

    /// Whether `name` is an XML NCName (a Name without `:`), per XML 1.0 fifth edition.
    public static func isNCName(_ name: String) -> Bool {
        var first = true
        // ASCII fast path over the bytes; other scalars checked one by one.
        let asciiResult: Bool? = withUTF8Bytes(name) { bytes in
            guard !bytes.isEmpty else { return false }
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let ok = first ? isASCIINameStart(byte) : isASCIINameChar(byte)
                guard ok else { return false }
                first = false
            }
            return true
        }
        if let asciiResult { return asciiResult }
        first = true
        for scalar in name.unicodeScalars {
            let ok = first ? isNameStart(scalar.value) : isNameChar(scalar.value)
            guard ok else { return false }
            first = false
        }
        return !first
    }

    @inline(__always)
    static func isASCIINameStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isASCIINameChar(_ b: UInt8) -> Bool {
        isASCIINameStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    static func isNameStart(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIINameStart(UInt8(c)) }
        switch c {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
             0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    static func isNameChar(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIINameChar(UInt8(c)) }
        switch c {
        case 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(c)
        }
    }
}
