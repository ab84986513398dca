import SOAPRuntime
import Testing

/// The pull reader over libxml2's SAX2 push parser: events recorded per chunk, consumed in
/// order. These cases pin what the chunking must not change.
@Suite("XMLPullReader")
struct XMLPullReaderTests {
    /// Every element's local name and text, in document order, as `name=text` (open content).
    func walk(_ xml: String, limits: XMLReaderLimits = .default) throws -> XMLAnyElement {
        let reader = try XMLPullReader(bytes: Array(xml.utf8), limits: limits)
        try reader.moveToRootElement()
        let root = try reader.readAnyElement()
        try reader.finish()
        return root
    }

    @Test("Empty elements: <a/> and <a></a> are empty, <a> </a> is not")
    func emptyElements() throws {
        let reader = try XMLPullReader(bytes: Array("<r><a/><b></b><c> </c></r>".utf8))
        try reader.moveToRootElement()
        var seen: [String] = []
        try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
            seen.append("\(reader.localName):\(reader.isEmptyElement)")
            try reader.skipElement()
        }
        try reader.finish()
        #expect(seen == ["a:true", "b:true", "c:false"])
    }

    @Test("Documents far larger than a parse chunk: elements, text split across chunks, empty elements at every offset")
    func manyChunks() throws {
        // Text runs of varying length move the element boundaries over every chunk offset.
        var xml = "<r xmlns:p=\"urn:p\">"
        var expected: [String] = []
        for i in 0..<3000 {
            let text = String(repeating: "x", count: i % 37) + "é&amp;\(i)"
            xml += "<p:e n=\"\(i)\">\(text)</p:e><empty/>"
            expected.append(String(repeating: "x", count: i % 37) + "é&\(i)")
        }
        xml += "<big>" + String(repeating: "0123456789", count: 5000) + "</big></r>"
        #expect(xml.utf8.count > 4 * 16384)
        let root = try walk(xml)
        let texts = root.children.compactMap { child -> String? in
            guard case .element(let e) = child, e.name.localName == "e" else { return nil }
            #expect(e.name.namespace == "urn:p")
            #expect(e.attributes.first?.value == e.text.split(separator: "&").last.map { String($0) })
            return e.text
        }
        #expect(texts == expected)
        #expect(root.children.filter { if case .element(let e) = $0 { return e.name.localName == "empty" && e.children.isEmpty } else { return false } }.count == 3000)
        #expect(root.child(named: "big")?.text.utf8.count == 50000)
    }

    @Test("Entities and character references in attribute values and text decode once")
    func references() throws {
        let root = try walk(#"<r a="x &amp; y &#38; z &lt; &#x3E; &quot;&apos;" b="&amp;#38;">1 &amp;#38; 2 &#169;</r>"#)
        #expect(root.attributes.map(\.value) == [#"x & y & z < > "'"#, "&#38;"])
        #expect(root.text == "1 &#38; 2 ©")
        // Also in namespace declarations (names carry the substituted URI).
        let qualified = try walk(#"<p:r xmlns:p="urn:a&amp;b&#38;c" p:x="1"/>"#)
        #expect(qualified.name == XMLName("urn:a&b&c", "r"))
        #expect(qualified.attributes.first?.name == XMLName("urn:a&b&c", "x"))
    }

    @Test("Namespaces resolve at the current node, also after their element's children and across chunks")
    func namespaceScope() throws {
        let filler = String(repeating: "<f>filler</f>", count: 3000)
        let xml = #"<r xmlns="urn:default" xmlns:a="urn:a"><x xmlns:a="urn:inner">"# + filler + #"<q>a:v</q></x><q>a:v</q></r>"#
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        var resolved: [String?] = []
        try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
            if reader.localName == "q" {
                _ = try reader.readText()
                resolved.append(reader.lookupNamespace(prefix: "a"))
                return
            }
            try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
                if reader.localName == "q" {
                    _ = try reader.readText()
                    resolved.append(reader.lookupNamespace(prefix: "a"))
                    resolved.append(reader.lookupNamespace(prefix: nil))
                } else {
                    try reader.skipElement()
                }
            }
            resolved.append(reader.lookupNamespace(prefix: "a"))
        }
        try reader.finish()
        #expect(resolved == ["urn:inner", "urn:default", "urn:inner", "urn:a"])
        #expect(reader.lookupNamespace(prefix: "xml") == "http://www.w3.org/XML/1998/namespace")
    }

    @Test("Errors keep their position in the stream: values before a late error are read first")
    func lateError() throws {
        let xml = "<r>" + String(repeating: "<v>1</v>", count: 5000) + "<v>2</w></r>"
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        var count = 0
        let error = #expect(throws: XMLDecodingError.self) {
            try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
                _ = try reader.readText()
                count += 1
            }
        }
        #expect(count == 5000)
        #expect(error?.kind == .malformed)
        #expect(error?.line == 1)
        #expect(error?.message.contains("mismatch") == true, "\(String(describing: error))")
    }

    @Test("Refused: DOCTYPE (before its subset is read), depth over the limit, undeclared entities, truncation, trailing content")
    func refusals() throws {
        func kind(_ xml: String, limits: XMLReaderLimits = .default) -> XMLDecodingError.Kind? {
            do {
                _ = try walk(xml, limits: limits)
                return nil
            } catch let error as XMLDecodingError {
                return error.kind
            } catch {
                return nil
            }
        }
        #expect(kind(#"<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>"#) == .forbidden)
        #expect(kind("<!DOCTYPE r><r/>") == .forbidden)
        #expect(kind(String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20), limits: XMLReaderLimits(maxDepth: 10)) == .limitExceeded)
        #expect(kind(String(repeating: "<a>", count: 10) + String(repeating: "</a>", count: 10), limits: XMLReaderLimits(maxDepth: 10)) == nil)
        #expect(kind("<r>&undeclared;</r>") == .malformed)
        #expect(kind("<r><a>text</a>") == .malformed)
        #expect(kind("<r/><r/>") == .malformed)
        #expect(kind("<r/>trailing") == .malformed)
        #expect(kind("<r xmlns:p='urn:p'><q:x/></r>") == .malformed)
        #expect(kind("<r>\u{1}</r>") == .malformed)
    }

    @Test("Comments, processing instructions and CDATA: skipped, and CDATA is text")
    func otherNodes() throws {
        let root = try walk("<?xml version=\"1.0\"?><!-- c --><r><?pi x?>a<!-- c -->b<![CDATA[<c>]]></r><!-- after -->")
        #expect(root.text == "ab<c>")
    }

    @Test("Encodings: a UTF-16 document with a BOM and a Latin-1 declaration decode to the same text")
    func encodings() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<r>grüß</r>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reader = try XMLPullReader(bytes: utf16)
        try reader.moveToRootElement()
        #expect(try reader.readText() == "grüß")
        try reader.finish()
        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>gr".utf8) + [0xFC, 0xDF] + Array("</r>".utf8)
        let reader2 = try XMLPullReader(bytes: latin1)
        try reader2.moveToRootElement()
        #expect(try reader2.readText() == "grüß")
        try reader2.finish()
    }

    @Test("A reader over an ArraySlice or another collection reads the same")
    func inputKinds() throws {
        let bytes = Array("xx<r>v</r>".utf8)
        let reader = try XMLPullReader(bytes: bytes[2...])
        try reader.moveToRootElement()
        #expect(try reader.readText() == "v")
        let reader2 = try XMLPullReader(bytes: "<r>w</r>".utf8)
        try reader2.moveToRootElement()
        #expect(try reader2.readText() == "w")
    }
}
