import SOAPRuntime
import Testing

/// The writer's byte layer: escaping (eight bytes at a time), growth, copies.
@Suite("XMLWriter")
struct XMLWriterTests {
    /// A straightforward reference escaper for text content.
    func referenceEscape(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += attribute ? "&quot;" : "\""
            case "\r": out += "&#xD;"
            case "\n": out += attribute ? "&#xA;" : "\n"
            case "\t": out += attribute ? "&#x9;" : "\t"
            case let s where s.value < 0x20 || s.value == 0xFFFE || s.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Writes `text` as element content and as an attribute value, and compares both with
    /// the reference escaper.
    func expectEscapedLikeReference(_ text: String, _ comment: Comment) {
        var writer = XMLWriter()
        writer.element(local: "t", value: text)
        #expect(writer.string == "<t>" + referenceEscape(text, attribute: false) + "</t>", comment)
        var writer2 = XMLWriter()
        writer2.startElement(XMLName("", "t"))
        writer2.attribute(XMLName("", "a"), text)
        writer2.endElement(XMLName("", "t"))
        #expect(writer2.string == "<t a=\"" + referenceEscape(text, attribute: true) + "\"/>", comment)
    }

    @Test("Every special character at every offset of an 8-byte word, in text and attributes")
    func escapingAtEveryOffset() {
        let specials: [Character] = ["&", "<", ">", "\"", "\r", "\n", "\t", "\u{1}", "\u{1F}", "'", "?", "=", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FEFF}", "\u{EFFF}"]
        for special in specials {
            for offset in 0..<17 {
                let text = String(repeating: "a", count: offset) + String(special) + String(repeating: "b", count: 20 - offset % 7)
                expectEscapedLikeReference(text, "\(special.unicodeScalars.first?.value ?? 0) at \(offset)")
            }
        }
    }

    /// Every short shape: the last partial word's overlapping fast path must never copy input
    /// over output that differs from it (e.g. "aaaaaa\u{FFFE}bbbbbbb": after the U+FFFD that
    /// replaced U+FFFE, the tail word rewrote its last byte with U+FFFE's).
    @Test("Every special at every offset of every value up to 24 bytes, text and attributes")
    func shortValuesOfEveryLength() {
        let specials: [String] = ["&", "\"", "\n", "\u{1}", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFFF}"]
        for special in specials {
            for before in 0..<16 {
                for after in 0..<(24 - before) {
                    let text = String(repeating: "a", count: before) + special + String(repeating: "b", count: after)
                    expectEscapedLikeReference(text, "\(special.debugDescription) after \(before), \(after) after")
                }
            }
        }
        var writer = XMLWriter()
        writer.element(local: "t", value: "aaaaaa\u{FFFE}bbbbbbb")
        #expect(writer.string == "<t>aaaaaa\u{FFFD}bbbbbbb</t>")
    }

    @Test("Long values (escaped in blocks) and documents far beyond the initial capacity")
    func longValues() {
        let long = String(repeating: "0123456&<>\"x", count: 2000)
        var writer = XMLWriter(capacity: 16)
        writer.startElement(XMLName("urn:a", "r"))
        for _ in 0..<50 { writer.element(local: "v", value: long) }
        writer.element(local: "e", value: "")
        writer.endElement(XMLName("urn:a", "r"))
        let expected = "<ns1:r xmlns:ns1=\"urn:a\">" + String(repeating: "<v>" + referenceEscape(long, attribute: false) + "</v>", count: 50) + "<e/></ns1:r>"
        #expect(writer.string == expected)
        #expect(writer.count == expected.utf8.count)
        #expect(writer.bytes == Array(expected.utf8))
    }

    @Test("U+FFFE and U+FFFF, which XML 1.0 cannot carry, never reach the output; also across block boundaries")
    func nonCharacters() {
        for offset in [0, 1, 7, 8, 1021, 1022, 1023, 1024, 1025] {
            let text = String(repeating: "a", count: offset) + "bad\u{FFFF}x\u{FFFE}" + String(repeating: "é", count: 600) + "\u{FFFF}"
            var writer = XMLWriter()
            writer.element(local: "t", value: text)
            #expect(writer.string == "<t>" + referenceEscape(text, attribute: false) + "</t>", "at \(offset)")
            #expect(!writer.string.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF })
            // lxml (zeep) refuses a document holding them: "Char 0xFFFF out of allowed range".
            #expect(!writer.bytes.indices.dropLast(2).contains { writer.bytes[$0] == 0xEF && writer.bytes[$0 + 1] == 0xBF && writer.bytes[$0 + 2] >= 0xBE })
        }
    }

    @Test("A copied writer is independent of the original")
    func copies() {
        var a = XMLWriter()
        a.startElement(XMLName("", "r"))
        a.element(local: "x", value: "1")
        var b = a
        b.element(local: "y", value: "2")
        b.endElement(XMLName("", "r"))
        a.element(local: "z", value: "3")
        a.endElement(XMLName("", "r"))
        #expect(a.string == "<r><x>1</x><z>3</z></r>")
        #expect(b.string == "<r><x>1</x><y>2</y></r>")
    }

    @Test("Dates are written from a stack buffer exactly as their lexical form")
    func dates() throws {
        for text in ["2024-03-01T12:30:45Z", "2023-04-04T03:21:39.987654321+05:30", "-0044-03-15T00:00:00", "2021-08-08T07:49:31.5-05:00"] {
            let value = try XSDDateTime(xsdLexical: text)
            var writer = XMLWriter()
            writer.element(local: "d", value: value)
            #expect(writer.string == "<d>\(value.xsdLexical)</d>")
            #expect(value.xsdLexical == text)
        }
    }
}
