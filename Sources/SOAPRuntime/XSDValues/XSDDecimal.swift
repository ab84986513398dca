// XSDDecimal.swift
// xs:decimal as an exact canonical decimal string.

/// `xs:decimal`: an exact decimal number of any size, kept as its XSD 1.1 canonical string
/// (optional `-`, no leading zeros, no trailing fraction zeros, no `.` for integral values,
/// `0` for zero). Equal values have equal canonical strings, so `==` is numeric equality.
/// `+001.50` reads as `1.5`, `-0.0` as `0`, `3.` as `3`, `.5` as `0.5`.
public struct XSDDecimal: XSDSimpleValue, CustomStringConvertible {
    /// The canonical form, such as `-12.305`.
    public let xsdLexical: String

    /// Parses `(+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)` with surrounding whitespace (no exponent).
    public init(xsdLexical: String) throws(XSDValueError) {
        let result: Result<String, XSDValueError> = withUTF8Bytes(xsdLexical) { bytes in
            func fail(_ reason: String) -> Result<String, XSDValueError> {
                .failure(XSDValueError(typeName: "xs:decimal", value: xsdLexical, reason: reason))
            }
            let range = XSDWhitespace.trimmed(bytes)
            var i = range.lowerBound
            let end = range.upperBound
            guard i < end else { return fail("empty") }
            var negative = false
            if bytes[i] == UInt8(ascii: "+") {
                i += 1
            } else if bytes[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            let integerStart = i
            while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
            let integerEnd = i
            var fractionStart = i
            var fractionEnd = i
            if i < end, bytes[i] == UInt8(ascii: ".") {
                i += 1
                fractionStart = i
                while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
                fractionEnd = i
            }
            guard integerEnd > integerStart || fractionEnd > fractionStart else {
                return fail("expected digits")
            }
            guard i == end else {
                return fail(i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E"))
                    ? "exponent not allowed" : "unexpected character")
            }
            var significantStart = integerStart
            while significantStart < integerEnd, bytes[significantStart] == UInt8(ascii: "0") { significantStart += 1 }
            while fractionEnd > fractionStart, bytes[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
            let hasInteger = significantStart < integerEnd
            let hasFraction = fractionEnd > fractionStart
            if !hasInteger && !hasFraction { return .success("0") }
            // Already canonical: no sign to drop, nothing trimmed, no dangling point.
            if !negative, significantStart == 0, hasInteger, end == bytes.count,
               hasFraction ? fractionEnd == end : integerEnd == end {
                return .success(xsdLexical)
            }
            let count = (negative ? 1 : 0) + (hasInteger ? integerEnd - significantStart : 1)
                + (hasFraction ? 1 + fractionEnd - fractionStart : 0)
            return .success(buildASCIIString(capacity: count) { sink in
                if negative { sink.put(UInt8(ascii: "-")) }
                if hasInteger {
                    for j in significantStart..<integerEnd { sink.put(bytes[j]) }
                } else {
                    sink.put(UInt8(ascii: "0"))
                }
                if hasFraction {
                    sink.put(UInt8(ascii: "."))
                    for j in fractionStart..<fractionEnd { sink.put(bytes[j]) }
                }
            })
        }
        self.xsdLexical = try result.get()
    }

    /// The integer `value`.
    public init<T: BinaryInteger>(_ value: T) {
        xsdLexical = String(value)
    }

    /// The integer `value`.
    public init(_ value: Int) {
        xsdLexical = String(value)
    }

    /// The `xs:integer` value.
    public init(_ value: XSDInteger) {
        xsdLexical = value.xsdLexical
    }

    /// The decimal that `value`'s shortest round-trip form denotes (`0.1` gives `0.1`, not the
    /// binary expansion); `nil` for infinities and NaN.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        guard let decimal = try? XSDDecimal(xsdLexical: XSDDecimal.expandingExponent(value.description)) else {
            return nil
        }
        self = decimal
    }

    /// Whether the value is below zero.
    public var isNegative: Bool { xsdLexical.utf8.first == UInt8(ascii: "-") }

    /// The nearest `Double` (may round; huge values become infinite).
    public var doubleValue: Double { Double(xsdLexical) ?? .nan }

    /// The canonical form.
    public var description: String { xsdLexical }

    /// `1.5e-05` -> `0.000015`, `1e+20` -> `100000000000000000000`; other text unchanged.
    static func expandingExponent(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard let e = utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            return text
        }
        var mantissa = utf8[..<e]
        var negative = false
        if mantissa.first == UInt8(ascii: "-") {
            negative = true
            mantissa = mantissa.dropFirst()
        } else if mantissa.first == UInt8(ascii: "+") {
            mantissa = mantissa.dropFirst()
        }
        var digits: [UInt8] = []
        var pointPosition = 0
        var seenPoint = false
        for byte in mantissa {
            if byte == UInt8(ascii: ".") { seenPoint = true; continue }
            digits.append(byte)
            if !seenPoint { pointPosition += 1 }
        }
        guard let exponent = Int(String(decoding: utf8[(e + 1)...], as: UTF8.self)),
              abs(exponent) < 100_000 else { return text }
        pointPosition += exponent
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if pointPosition <= 0 {
            out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointPosition))
            out.append(contentsOf: digits)
        } else if pointPosition >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointPosition - digits.count))
        } else {
            out.append(contentsOf: digits[..<pointPosition])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[pointPosition...])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Double {
    /// The nearest `Double` to `decimal`.
    public init(_ decimal: XSDDecimal) {
        self = decimal.doubleValue
    }
}
