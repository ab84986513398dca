import Testing
import SOAPRuntime

@Suite("XSD values: base64Binary and hexBinary")
struct XSDValueBinaryTests {
    @Test(arguments: [
        ("", [UInt8]()), ("Zg==", Array("f".utf8)), ("Zm8=", Array("fo".utf8)), ("Zm9v", Array("foo".utf8)),
        ("Zm9vYg==", Array("foob".utf8)), ("Zm9vYmE=", Array("fooba".utf8)), ("Zm9vYmFy", Array("foobar".utf8)),
        ("AP+/", [0x00, 0xFF, 0xBF]),
    ])
    func base64Vectors(text: String, bytes: [UInt8]) throws {
        #expect(try XSDBase64Binary(xsdLexical: text).bytes == bytes)
        #expect(XSDBase64Binary(bytes: bytes).xsdLexical == text)
    }

    @Test func base64IgnoresWhitespace() throws {
        #expect(try XSDBase64Binary(xsdLexical: " Zm9v\nYmFy\r\n\tZm8 = ").bytes == Array("foobarfo".utf8))
        #expect(try XSDBase64Binary(xsdLexical: "  \n ").bytes == [])
    }

    @Test func base64RoundTripsAllLengths() throws {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = XSDBase64Binary(bytes: bytes).xsdLexical
            #expect(!text.contains("\n"))
            #expect(text.utf8.count == (length + 2) / 3 * 4)
            #expect(try XSDBase64Binary(xsdLexical: text).bytes == bytes)
            // Wrapped at 76 columns like MIME encoders do.
            var wrapped = ""
            for (i, c) in text.enumerated() {
                if i > 0 && i % 76 == 0 { wrapped += "\r\n" }
                wrapped.append(c)
            }
            #expect(try XSDBase64Binary(xsdLexical: wrapped).bytes == bytes)
        }
    }

    @Test(arguments: [
        "Zm9", "Zm9vY", "Z", "Zg=", "Zg", "Z===", "====", "Zg==Zg==", "Zg==A", "Zm9v!", "Zm-v", "Zm_v", "Zm9v=",
        "Zh==", "Zm9=", "Zg=a", "Zm9vYmFy=", "é===",
    ])
    func base64Invalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDBase64Binary(xsdLexical: text) }
    }

    @Test func hex() throws {
        #expect(try XSDHexBinary(xsdLexical: "0fA9").bytes == [0x0F, 0xA9])
        #expect(try XSDHexBinary(xsdLexical: " DEADbeef ").bytes == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(try XSDHexBinary(xsdLexical: "").bytes == [])
        #expect(XSDHexBinary(bytes: [0x00, 0x0F, 0xA9, 0xFF]).xsdLexical == "000FA9FF")
        for bad in ["0", "abc", "0g", "0x00", "12 34", "zz"] {
            #expect(throws: XSDValueError.self) { try XSDHexBinary(xsdLexical: bad) }
        }
        let all = (0...255).map { UInt8($0) }
        #expect(try XSDHexBinary(xsdLexical: XSDHexBinary(bytes: all).xsdLexical).bytes == all)
    }
}

@Suite("XSD values: duration")
struct XSDValueDurationTests {
    @Test(arguments: [
        "P1Y", "P1Y2M3DT4H5M6.789S", "-P10D", "PT0S", "PT90S", "P0Y", "PT1M", "P1M", "PT1H", "P1DT12H", "PT0.5S",
        "P01Y", "PT36H", "P1Y2M", "-PT0.000S",
    ])
    func roundTripsExactly(text: String) throws {
        #expect(try XSDDuration(xsdLexical: text).xsdLexical == text)
    }

    @Test(arguments: [
        "P", "PT", "P1Y2", "-P", "+P1D", "P1H", "PT1D", "PT1Y", "P1M1Y", "PT1S1M", "P1.5Y", "PT1.S", "PT.5S",
        "P1YT", "1Y", "P-1Y", "PT1H1H", "", "P1Y 2M", "P99999999999999999999Y", "PT1,5S", "pT1S", "P1YTT1S",
    ])
    func invalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDDuration(xsdLexical: text) }
    }

    @Test func fields() throws {
        let value = try XSDDuration(xsdLexical: " -P1Y2M3DT4H5M6.0789S ")
        #expect(value.isNegative)
        #expect(value.years == 1 && value.months == 2 && value.days == 3)
        #expect(value.hours == 4 && value.minutes == 5 && value.seconds == 6)
        #expect(value.fractionDigits == "0789")
        #expect(value.xsdLexical == "-P1Y2M3DT4H5M6.0789S")
        #expect(value.timeInterval == nil)
        let minutes = try XSDDuration(xsdLexical: "PT2M")
        #expect(minutes.minutes == 2 && minutes.months == 0)
        #expect(try XSDDuration(xsdLexical: "P1DT1H1M1.5S").timeInterval == 90_061.5)
        #expect(try XSDDuration(xsdLexical: "-PT10S").timeInterval == -10)
    }

    @Test func builders() throws {
        #expect(try XSDDuration(days: 1, hours: 2).xsdLexical == "P1DT2H")
        #expect(try XSDDuration().xsdLexical == "PT0S")
        #expect(try XSDDuration(isNegative: true, seconds: 1, fractionDigits: "5").xsdLexical == "-PT1.5S")
        #expect(try XSDDuration(years: 1, months: 2).xsdLexical == "P1Y2M")
        #expect(throws: XSDValueError.self) { try XSDDuration(years: -1) }
        #expect(throws: XSDValueError.self) { try XSDDuration(seconds: 1, fractionDigits: "x") }
        #expect(XSDDuration(timeInterval: 90).xsdLexical == "PT1M30S")
        #expect(XSDDuration(timeInterval: 3600).xsdLexical == "PT1H")
        #expect(XSDDuration(timeInterval: -0.25).xsdLexical == "-PT0.25S")
        #expect(XSDDuration(timeInterval: 0).xsdLexical == "PT0S")
        #expect(XSDDuration(timeInterval: .nan).xsdLexical == "PT0S")
        #expect(XSDDuration(timeInterval: 3725.5).timeInterval == 3725.5)
    }
}

@Suite("XSD values: QName")
struct XSDValueQNameTests {
    @Test func parses() throws {
        let prefixed = try XSDQName(xsdLexical: " tt:AppState ")
        #expect(prefixed.prefix == "tt")
        #expect(prefixed.localName == "AppState")
        #expect(prefixed.namespace == nil)
        #expect(prefixed.xsdLexical == "tt:AppState")
        let plain = try XSDQName(xsdLexical: "Sender")
        #expect(plain.prefix == nil)
        #expect(plain.xsdLexical == "Sender")
        #expect(try XSDQName(xsdLexical: "_a-b.c:é·1").localName == "é·1")
    }

    @Test(arguments: ["", ":a", "a:", "a:b:c", "1a", "a b", "-a", "a:1b", ".a", "a:b c", "a/b", "é:", "a::b"])
    func invalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDQName(xsdLexical: text) }
    }

    @Test func resolvedNames() {
        let a = XSDQName(prefix: "ter", localName: "InvalidArgVal", namespace: "http://www.onvif.org/ver10/error")
        let b = XSDQName(prefix: "e", localName: "InvalidArgVal", namespace: "http://www.onvif.org/ver10/error")
        #expect(a != b)
        #expect(a.hasSameExpandedName(as: b))
        #expect(a.xsdLexical == "ter:InvalidArgVal")
    }

    @Test func ncNames() {
        #expect(XSDQName.isNCName("abc"))
        #expect(XSDQName.isNCName("日本"))
        #expect(!XSDQName.isNCName(""))
        #expect(!XSDQName.isNCName("a:b"))
        #expect(!XSDQName.isNCName("·a"))
    }
}

@Suite("XSD values: lists")
struct XSDValueListTests {
    @Test func decodes() throws {
        #expect(try XSDList.decode(" 1\t2\n\n3\r\n ", as: Int.self) == [1, 2, 3])
        #expect(try XSDList.decode("", as: Int.self) == [])
        #expect(try XSDList.decode("   ", as: Bool.self) == [])
        #expect(try XSDList.decode("true 0", as: Bool.self) == [true, false])
        #expect(try XSDList.decode("a  b c", as: String.self) == ["a", "b", "c"])
        #expect(try XSDList.decode("single", as: String.self) == ["single"])
        #expect(try XSDList.decode("tt:A B", as: XSDQName.self).map(\.xsdLexical) == ["tt:A", "B"])
        #expect(try XSDList.decode("INF -1.5 NaN", as: Double.self).count == 3)
    }

    @Test func reportsTheBadItem() {
        do {
            _ = try XSDList.decode("1 2 x 4", as: Int32.self)
            Issue.record("expected an error")
        } catch {
            #expect(error.typeName == "xs:int")
            #expect(error.value == "x")
        }
    }

    @Test func encodes() throws {
        #expect(XSDList.encode([1, 2, 3]) == "1 2 3")
        #expect(XSDList.encode([Int]()) == "")
        #expect(XSDList.encode([true]) == "true")
        let dates = try XSDList.decode("2024-03-01Z 2024-03-02", as: XSDDate.self)
        #expect(XSDList.encode(dates) == "2024-03-01Z 2024-03-02")
        #expect(XSDList.encode([XSDHexBinary(bytes: [1]), XSDHexBinary(bytes: [0xAB])]) == "01 AB")
    }
}
