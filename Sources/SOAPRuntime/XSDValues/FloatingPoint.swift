// FloatingPoint.swift
// xs:double <-> Double, xs:float <-> Float.

/// What a floating-point lexical form turned out to be.
enum FloatingScan {
    /// A finite number in `bytes[range]`, already checked against the XSD pattern.
    case number(Range<Int>)
    case positiveInfinity
    case negativeInfinity
    case notANumber
    case invalid(String)
}

enum XSDFloatingParser {
    /// Checks `(+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee](+|-)?[0-9]+)?|(+|-)?INF|NaN` after
    /// trimming whitespace (`+INF` is XSD 1.1).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> FloatingScan {
        let range = XSDWhitespace.trimmed(bytes)
        var i = range.lowerBound
        let end = range.upperBound
        guard i < end else { return .invalid("empty") }
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "+") {
            i += 1
        } else if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        if end - i == 3 {
            if bytes[i] == UInt8(ascii: "I"), bytes[i + 1] == UInt8(ascii: "N"), bytes[i + 2] == UInt8(ascii: "F") {
                return negative ? .negativeInfinity : .positiveInfinity
            }
            if i == start, bytes[i] == UInt8(ascii: "N"), bytes[i + 1] == UInt8(ascii: "a"), bytes[i + 2] == UInt8(ascii: "N") {
                return .notANumber
            }
        }
        var mantissaDigits = 0
        while i < end, bytes[i] &- 0x30 < 10 { i += 1; mantissaDigits += 1 }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, bytes[i] &- 0x30 < 10 { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return .invalid("expected a number, INF, -INF or NaN") }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < end, bytes[i] &- 0x30 < 10 { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return .invalid("exponent without digits") }
        }
        guard i == end else { return .invalid("unexpected character") }
        return .number(start..<end)
    }

    @inline(__always)
    static func parse<T: BinaryFloatingPoint>(
        _ text: String, typeName: String, convert: (Substring) -> T?
    ) throws(XSDValueError) -> T {
        switch withUTF8Bytes(text, scan) {
        case .number(let range):
            // Already validated, so the standard library's correctly rounded conversion only
            // ever sees forms it accepts; magnitudes beyond the type become ±INF (XSD 1.1).
            let utf8 = text.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            guard let value = convert(Substring(utf8[lower..<upper])) else {
                throw XSDValueError(typeName: typeName, value: text, reason: "not a number")
            }
            return value
        case .positiveInfinity:
            return .infinity
        case .negativeInfinity:
            return -.infinity
        case .notANumber:
            return .nan
        case .invalid(let reason):
            throw XSDValueError(typeName: typeName, value: text, reason: reason)
        }
    }

    /// `INF`, `-INF`, `NaN`, or the shortest form that reads back to the same value
    /// (Swift's `description`: `1.0`, `0.1`, `1e-05`, `1.2345678901234568e+17`, all valid XSD).
    @inline(__always)
    static func lexical<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return value.description
    }
}

/// `xs:double`: decimal and exponent forms, `INF`, `+INF`, `-INF` and `NaN`; `inf`, `nan`,
/// hexadecimal forms and a bare exponent (`1.0e`) are refused. Writes the shortest form that
/// reads back to the same value.
extension Double: XSDSimpleValue {
    /// Parses an `xs:double` lexical form.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDFloatingParser.parse(xsdLexical, typeName: "xs:double") { Double($0) }
    }

    /// `INF`, `-INF`, `NaN` or the shortest round-trippable decimal form.
    public var xsdLexical: String { XSDFloatingParser.lexical(self) }
}

/// `xs:float`: as `xs:double`, rounded to single precision.
extension Float: XSDSimpleValue {
    /// Parses an `xs:float` lexical form.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDFloatingParser.parse(xsdLexical, typeName: "xs:float") { Float($0) }
    }

    /// `INF`, `-INF`, `NaN` or the shortest round-trippable decimal form.
    public var xsdLexical: String { XSDFloatingParser.lexical(self) }
}
