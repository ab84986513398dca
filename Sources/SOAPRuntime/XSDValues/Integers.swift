// Integers.swift
// The bounded XSD integer types <-> Swift fixed-width integers, and unbounded xs:integer.

/// The outcome of scanning an integer lexical form.
enum IntegerScan<T: FixedWidthInteger> {
    case value(T)
    case outOfRange
    case invalid(String)
}

enum XSDIntegerParser {
    /// Scans `(+|-)?[0-9]+` surrounded by optional whitespace into `T`, reporting overflow
    /// instead of trapping. Negative values accumulate downwards so `T.min` is reachable.
    @inline(__always)
    static func scan<T: FixedWidthInteger>(_ bytes: UnsafeBufferPointer<UInt8>, as _: T.Type) -> IntegerScan<T> {
        let range = XSDWhitespace.trimmed(bytes)
        var i = range.lowerBound
        let end = range.upperBound
        guard i < end else { return .invalid("empty") }
        var negative = false
        if bytes[i] == UInt8(ascii: "+") {
            i += 1
        } else if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < end else { return .invalid("no digits") }
        var value: T = 0
        var overflow = false
        while i < end {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return .invalid("not an integer: unexpected character") }
            if !overflow {
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative
                    ? shifted.subtractingReportingOverflow(T(truncatingIfNeeded: digit))
                    : shifted.addingReportingOverflow(T(truncatingIfNeeded: digit))
                if o1 || o2 { overflow = true } else { value = next }
            }
            i += 1
        }
        return overflow ? .outOfRange : .value(value)
    }

    @inline(__always)
    static func parse<T: FixedWidthInteger>(_ text: String, as type: T.Type, typeName: String) throws(XSDValueError) -> T {
        switch withUTF8Bytes(text, { scan($0, as: T.self) }) {
        case .value(let value):
            return value
        case .outOfRange:
            throw XSDValueError(typeName: typeName, value: text, reason: "out of range \(T.min)...\(T.max)")
        case .invalid(let reason):
            throw XSDValueError(typeName: typeName, value: text, reason: reason)
        }
    }
}

/// `xs:byte`.
extension Int8: XSDSimpleValue {
    /// Parses an optionally signed decimal integer in -128...127.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: Int8.self, typeName: "xs:byte")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:short`.
extension Int16: XSDSimpleValue {
    /// Parses an optionally signed decimal integer in -32768...32767.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: Int16.self, typeName: "xs:short")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:int`.
extension Int32: XSDSimpleValue {
    /// Parses an optionally signed decimal integer in the 32-bit range.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: Int32.self, typeName: "xs:int")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:long`.
extension Int64: XSDSimpleValue {
    /// Parses an optionally signed decimal integer in the 64-bit range.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: Int64.self, typeName: "xs:long")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:long` (and the long family when the generator maps to `Int`).
extension Int: XSDSimpleValue {
    /// Parses an optionally signed decimal integer in `Int`'s range.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: Int.self, typeName: "xs:long")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:unsignedByte`.
extension UInt8: XSDSimpleValue {
    /// Parses a decimal integer in 0...255 (`-0` is accepted as 0).
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: UInt8.self, typeName: "xs:unsignedByte")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:unsignedShort`.
extension UInt16: XSDSimpleValue {
    /// Parses a decimal integer in 0...65535 (`-0` is accepted as 0).
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: UInt16.self, typeName: "xs:unsignedShort")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:unsignedInt`.
extension UInt32: XSDSimpleValue {
    /// Parses a decimal integer in the unsigned 32-bit range (`-0` is accepted as 0).
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: UInt32.self, typeName: "xs:unsignedInt")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:unsignedLong`.
extension UInt64: XSDSimpleValue {
    /// Parses a decimal integer in the unsigned 64-bit range (`-0` is accepted as 0).
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: UInt64.self, typeName: "xs:unsignedLong")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:unsignedLong` when the generator maps to `UInt`.
extension UInt: XSDSimpleValue {
    /// Parses a decimal integer in `UInt`'s range (`-0` is accepted as 0).
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try XSDIntegerParser.parse(xsdLexical, as: UInt.self, typeName: "xs:unsignedLong")
    }
    /// The canonical decimal form.
    public var xsdLexical: String { String(self) }
}

/// `xs:integer`: an unbounded integer, kept as its canonical decimal string (optional `-`,
/// no leading zeros, `0` for zero). Equal values have equal canonical strings, so `==` is
/// numeric equality.
public struct XSDInteger: XSDSimpleValue, CustomStringConvertible {
    /// The canonical decimal form, such as `-12345678901234567890`.
    public let xsdLexical: String

    /// Parses `(+|-)?[0-9]+` with surrounding whitespace; `+007` becomes `7`, `-0` becomes `0`.
    public init(xsdLexical: String) throws(XSDValueError) {
        let result: Result<String, XSDValueError> = withUTF8Bytes(xsdLexical) { bytes in
            func fail(_ reason: String) -> Result<String, XSDValueError> {
                .failure(XSDValueError(typeName: "xs:integer", value: xsdLexical, reason: reason))
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
            guard i < end else { return fail("no digits") }
            for j in i..<end where bytes[j] &- 0x30 >= 10 {
                return fail("not an integer: unexpected character")
            }
            while i < end - 1, bytes[i] == UInt8(ascii: "0") { i += 1 }
            if bytes[i] == UInt8(ascii: "0") { return .success("0") }
            if !negative, i == 0, end == bytes.count { return .success(xsdLexical) }
            let digits = makeString(bytes, i..<end)
            return .success(negative ? "-" + digits : digits)
        }
        self.xsdLexical = try result.get()
    }

    /// The integer `value`.
    public init<T: BinaryInteger>(_ value: T) {
        xsdLexical = String(value)
    }

    /// Whether the value is below zero.
    public var isNegative: Bool { xsdLexical.utf8.first == UInt8(ascii: "-") }

    /// The canonical decimal form.
    public var description: String { xsdLexical }
}

extension FixedWidthInteger {
    /// The value of `integer` when it fits in this type, otherwise `nil`.
    public init?(exactly integer: XSDInteger) {
        let scan = withUTF8Bytes(integer.xsdLexical) { XSDIntegerParser.scan($0, as: Self.self) }
        guard case .value(let value) = scan else { return nil }
        self = value
    }
}
