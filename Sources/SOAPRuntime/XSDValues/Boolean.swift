// Boolean.swift
// xs:boolean <-> Bool.

/// `xs:boolean`: reads `true`, `false`, `1` and `0` (surrounding whitespace collapsed, case
/// sensitive), writes `true` or `false`.
extension Bool: XSDSimpleValue {
    /// Parses `true`, `false`, `1` or `0`; anything else (`TRUE`, `yes`, empty) throws.
    public init(xsdLexical: String) throws(XSDValueError) {
        let parsed: Bool? = withUTF8Bytes(xsdLexical) { bytes in
            let range = XSDWhitespace.trimmed(bytes)
            switch range.count {
            case 1:
                switch bytes[range.lowerBound] {
                case UInt8(ascii: "1"): return true
                case UInt8(ascii: "0"): return false
                default: return nil
                }
            case 4:
                let s = range.lowerBound
                if bytes[s] == UInt8(ascii: "t"), bytes[s + 1] == UInt8(ascii: "r"),
                   bytes[s + 2] == UInt8(ascii: "u"), bytes[s + 3] == UInt8(ascii: "e") {
                    return true
                }
                return nil
            case 5:
                let s = range.lowerBound
                if bytes[s] == UInt8(ascii: "f"), bytes[s + 1] == UInt8(ascii: "a"),
                   bytes[s + 2] == UInt8(ascii: "l"), bytes[s + 3] == UInt8(ascii: "s"),
                   bytes[s + 4] == UInt8(ascii: "e") {
                    return false
                }
                return nil
            default:
                return nil
            }
        }
        guard let parsed else {
            throw XSDValueError(
                typeName: "xs:boolean", value: xsdLexical, reason: "expected true, false, 1 or 0")
        }
        self = parsed
    }

    /// `true` or `false`.
    public var xsdLexical: String { self ? "true" : "false" }
}
