import Testing
import SOAPRuntime

// Scalars: error, whitespace, string, boolean, integers, floating point, decimal, integer.

@Suite("XSD values: errors and whitespace")
struct XSDValueErrorAndWhitespaceTests {
    @Test func errorDescription() {
        let error = XSDValueError(typeName: "xs:int", value: "99999999999", reason: "out of range -2147483648...2147483647")
        #expect(error.description == "invalid xs:int value '99999999999': out of range -2147483648...2147483647")
    }

    @Test func errorTruncatesLongValues() {
        let long = String(repeating: "é", count: 100)
        let error = XSDValueError(typeName: "xs:int", value: long, reason: "x")
        #expect(error.value == String(repeating: "é", count: 64) + "…")
        #expect(XSDValueError(typeName: "t", value: String(repeating: "a", count: 64), reason: "").value.count == 64)
    }

    @Test func thrownErrorCarriesTypeValueAndReason() throws {
        do {
            _ = try Int32(xsdLexical: "99999999999")
            Issue.record("expected an error")
        } catch {
            #expect(error.typeName == "xs:int")
            #expect(error.value == "99999999999")
            #expect(error.reason == "out of range -2147483648...2147483647")
            #expect(error.description == "invalid xs:int value '99999999999': out of range -2147483648...2147483647")
        }
    }

    @Test(arguments: [
        ("", ""), ("a", "a"), ("  a  ", "a"), ("a  b", "a b"), ("\ta\r\nb\n", "a b"), ("a b c", "a b c"), (" \n\t ", ""),
    ])
    func collapse(input: String, expected: String) {
        #expect(XSDWhitespace.collapse(input) == expected)
    }

    @Test func whitespaceBytes() {
        for byte: UInt8 in [0x20, 0x09, 0x0A, 0x0D] { #expect(XSDWhitespace.isXMLWhitespace(byte)) }
        for byte: UInt8 in [0x00, 0x0B, 0x0C, 0x41, 0xA0] { #expect(!XSDWhitespace.isXMLWhitespace(byte)) }
    }

    @Test func stringIsIdentity() {
        for text in ["", "  padded  ", "a\nb", "<&>"] {
            #expect(String(xsdLexical: text) == text)
            #expect(text.xsdLexical == text)
        }
    }
}

@Suite("XSD values: boolean")
struct XSDValueBooleanTests {
    @Test(arguments: [("true", true), ("false", false), ("1", true), ("0", false), (" true ", true), ("\n0\t", false)])
    func valid(text: String, expected: Bool) throws {
        #expect(try Bool(xsdLexical: text) == expected)
    }

    @Test(arguments: ["TRUE", "True", "yes", "", " ", "2", "tru", "truee", "t rue", "-1", "01"])
    func invalid(text: String) {
        #expect(throws: XSDValueError.self) { try Bool(xsdLexical: text) }
    }

    @Test func writes() {
        #expect(true.xsdLexical == "true")
        #expect(false.xsdLexical == "false")
    }
}

@Suite("XSD values: integers")
struct XSDValueIntegerTests {
    @Test func int8Boundaries() throws {
        #expect(try Int8(xsdLexical: "-128") == -128)
        #expect(try Int8(xsdLexical: "127") == 127)
        #expect(throws: XSDValueError.self) { try Int8(xsdLexical: "128") }
        #expect(throws: XSDValueError.self) { try Int8(xsdLexical: "-129") }
        #expect(throws: XSDValueError.self) { try Int8(xsdLexical: "99999999999999999999999999") }
    }

    @Test func int64AndUInt64Extremes() throws {
        #expect(try Int64(xsdLexical: "-9223372036854775808") == .min)
        #expect(try Int64(xsdLexical: "9223372036854775807") == .max)
        #expect(throws: XSDValueError.self) { try Int64(xsdLexical: "9223372036854775808") }
        #expect(throws: XSDValueError.self) { try Int64(xsdLexical: "-9223372036854775809") }
        #expect(try UInt64(xsdLexical: "18446744073709551615") == .max)
        #expect(throws: XSDValueError.self) { try UInt64(xsdLexical: "18446744073709551616") }
        #expect(try Int(xsdLexical: "-9223372036854775808") == .min)
        #expect(Int64.min.xsdLexical == "-9223372036854775808")
        #expect(UInt64.max.xsdLexical == "18446744073709551615")
    }

    @Test(arguments: [("+5", 5), ("0005", 5), (" 7 ", 7), ("-0", 0), ("+0", 0), ("-42", -42), ("\n\t-00012\r\n", -12)])
    func lexicalVariants(text: String, expected: Int32) throws {
        #expect(try Int32(xsdLexical: text) == expected)
        #expect(try Int(xsdLexical: text) == Int(expected))
    }

    @Test(arguments: ["1.5", "", " ", "+", "-", "1e3", "0x10", "1 2", "++1", "+-1", "١", "12a", "５"])
    func invalid(text: String) {
        #expect(throws: XSDValueError.self) { try Int32(xsdLexical: text) }
        #expect(throws: XSDValueError.self) { try UInt16(xsdLexical: text) }
    }

    @Test func unsigned() throws {
        #expect(try UInt8(xsdLexical: "255") == 255)
        #expect(throws: XSDValueError.self) { try UInt8(xsdLexical: "256") }
        #expect(throws: XSDValueError.self) { try UInt32(xsdLexical: "-1") }
        #expect(try UInt32(xsdLexical: "-0") == 0)
        #expect(try UInt16(xsdLexical: "+65535") == 65535)
        #expect(try UInt(xsdLexical: "42") == 42)
    }

    @Test func typeNamesAndRanges() {
        func reason(_ body: () throws -> Void) -> XSDValueError? {
            do { try body() } catch { return error as? XSDValueError }
            return nil
        }
        #expect(reason { _ = try Int8(xsdLexical: "x") }?.typeName == "xs:byte")
        #expect(reason { _ = try Int16(xsdLexical: "x") }?.typeName == "xs:short")
        #expect(reason { _ = try Int32(xsdLexical: "x") }?.typeName == "xs:int")
        #expect(reason { _ = try Int64(xsdLexical: "x") }?.typeName == "xs:long")
        #expect(reason { _ = try Int(xsdLexical: "x") }?.typeName == "xs:long")
        #expect(reason { _ = try UInt8(xsdLexical: "x") }?.typeName == "xs:unsignedByte")
        #expect(reason { _ = try UInt16(xsdLexical: "x") }?.typeName == "xs:unsignedShort")
        #expect(reason { _ = try UInt32(xsdLexical: "x") }?.typeName == "xs:unsignedInt")
        #expect(reason { _ = try UInt64(xsdLexical: "x") }?.typeName == "xs:unsignedLong")
        #expect(reason { _ = try Int8(xsdLexical: "300") }?.reason == "out of range -128...127")
        #expect(reason { _ = try Int8(xsdLexical: "") }?.reason == "empty")
    }

    @Test func canonicalOutput() {
        #expect(Int8(-128).xsdLexical == "-128")
        #expect(Int32(0).xsdLexical == "0")
        #expect(UInt16(7).xsdLexical == "7")
    }

    @Test func unboundedInteger() throws {
        #expect(try XSDInteger(xsdLexical: "+000123").xsdLexical == "123")
        #expect(try XSDInteger(xsdLexical: "-0000").xsdLexical == "0")
        #expect(try XSDInteger(xsdLexical: " 0 ").xsdLexical == "0")
        let big = "-123456789012345678901234567890"
        #expect(try XSDInteger(xsdLexical: big).xsdLexical == big)
        #expect(try XSDInteger(xsdLexical: big).isNegative)
        #expect(try XSDInteger(xsdLexical: "-007") == XSDInteger(-7))
        #expect(Int8(exactly: try XSDInteger(xsdLexical: "127")) == 127)
        #expect(Int8(exactly: try XSDInteger(xsdLexical: "128")) == nil)
        #expect(Int64(exactly: try XSDInteger(xsdLexical: big)) == nil)
        #expect(XSDInteger(UInt64.max).xsdLexical == "18446744073709551615")
        for bad in ["", "+", "1.0", "1e2", "--1", "1 000"] {
            #expect(throws: XSDValueError.self) { try XSDInteger(xsdLexical: bad) }
        }
    }
}

@Suite("XSD values: float and double")
struct XSDValueFloatingPointTests {
    @Test(arguments: [
        ("INF", Double.infinity), ("+INF", .infinity), ("-INF", -.infinity), ("1e3", 1000), (".5", 0.5), ("5.", 5),
        ("-1.25E-2", -0.0125), ("+12.5e+1", 125), (" 3 ", 3), ("0", 0), ("1e400", .infinity), ("-1e400", -.infinity),
        ("007.50", 7.5),
    ])
    func validDouble(text: String, expected: Double) throws {
        #expect(try Double(xsdLexical: text) == expected)
    }

    @Test func nan() throws {
        #expect(try Double(xsdLexical: "NaN").isNaN)
        #expect(try Float(xsdLexical: " NaN ").isNaN)
        #expect(Double.nan.xsdLexical == "NaN")
    }

    @Test(arguments: [
        "inf", "nan", "Infinity", "-NaN", "+NaN", "1.0e", "1e", "e3", ".", "", " ", "1.2.3", "0x1p3", "1,5", "1e3.5",
        "INF ", "--1", "1 e3",
    ])
    func invalidDouble(text: String) {
        // "INF " is valid (trailing whitespace collapses); every other entry is invalid.
        if text == "INF " {
            #expect((try? Double(xsdLexical: text)) == .infinity)
            return
        }
        #expect(throws: XSDValueError.self) { try Double(xsdLexical: text) }
        #expect(throws: XSDValueError.self) { try Float(xsdLexical: text) }
    }

    @Test func writes() {
        #expect(Double.infinity.xsdLexical == "INF")
        #expect((-Double.infinity).xsdLexical == "-INF")
        #expect(Float.infinity.xsdLexical == "INF")
        #expect(1.5.xsdLexical == "1.5")
        #expect(Float(0.1).xsdLexical == "0.1")
    }

    @Test(arguments: [0.1, 1.0 / 3.0, 1e-300, .leastNonzeroMagnitude, 1.7976931348623157e308, -123456.789, 1e16, 0.0, -0.0, 2.5e-5])
    func doubleRoundTrips(value: Double) throws {
        let text = value.xsdLexical
        let back = try Double(xsdLexical: text)
        #expect(back == value)
        #expect(back.sign == value.sign)
    }

    @Test(arguments: [Float(0.1), 1.0 / 3.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -7.25])
    func floatRoundTrips(value: Float) throws {
        #expect(try Float(xsdLexical: value.xsdLexical) == value)
    }

    @Test func floatRoundsToSinglePrecision() throws {
        #expect(try Float(xsdLexical: "0.1") == Float(0.1))
        #expect(try Float(xsdLexical: "1e39") == .infinity)
    }
}

@Suite("XSD values: decimal")
struct XSDValueDecimalTests {
    @Test(arguments: [
        ("+001.50", "1.5"), ("1.0", "1"), ("0", "0"), ("-0.000", "0"), ("+0", "0"), (".5", "0.5"), ("5.", "5"),
        ("-12.3400", "-12.34"), ("  42  ", "42"), ("000", "0"), ("-.25", "-0.25"), ("1.5", "1.5"),
        ("123456789012345678901234567890.000000000000000000001", "123456789012345678901234567890.000000000000000000001"),
    ])
    func canonical(text: String, expected: String) throws {
        let value = try XSDDecimal(xsdLexical: text)
        #expect(value.xsdLexical == expected)
        #expect(value.description == expected)
        #expect(try XSDDecimal(xsdLexical: expected) == value)
    }

    @Test(arguments: ["", ".", "+", "-", "1e3", "1.2.3", "1,5", "INF", "NaN", "1 2", "0x1", "+-1"])
    func invalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDDecimal(xsdLexical: text) }
    }

    @Test func conversions() throws {
        #expect(try XSDDecimal(xsdLexical: "-12.5").doubleValue == -12.5)
        #expect(Double(try XSDDecimal(xsdLexical: "0.1")) == 0.1)
        #expect(XSDDecimal(42).xsdLexical == "42")
        #expect(XSDDecimal(-7).isNegative)
        #expect(XSDDecimal(Int64.min).xsdLexical == "-9223372036854775808")
        #expect(XSDDecimal(try XSDInteger(xsdLexical: "-05")).xsdLexical == "-5")
        #expect(XSDDecimal(0.1)?.xsdLexical == "0.1")
        #expect(XSDDecimal(2.5e-5)?.xsdLexical == "0.000025")
        #expect(XSDDecimal(1e20)?.xsdLexical == "100000000000000000000")
        #expect(XSDDecimal(-3.0)?.xsdLexical == "-3")
        #expect(XSDDecimal(Double.nan) == nil)
        #expect(XSDDecimal(Double.infinity) == nil)
        #expect(try XSDDecimal(xsdLexical: "1.50") == XSDDecimal(xsdLexical: "+1.5"))
    }
}
