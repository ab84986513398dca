import Foundation
@_spi(Generated) import SOAPRuntime
import Testing

/// SOAP encoding's `href`/`id` multi-reference values, resolved before a message is decoded:
/// what Axis 1 and .NET send, and what a hostile peer could send instead.
@Suite("SOAP encoding multi-references")
struct SOAPMultiReferencesTests {
    static let envelopeStart = """
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"><soapenv:Body>
        """
    static let envelopeEnd = "</soapenv:Body></soapenv:Envelope>"

    /// The Body's first element of the rewritten envelope, as open content.
    func resolvedBody(_ body: String) throws -> XMLAnyElement {
        let bytes = try SOAPMultiReferences.inline(Array((Self.envelopeStart + body + Self.envelopeEnd).utf8))
        let envelope = try SOAPEnvelopeReader(bytes: bytes)
        let element = try envelope.decodeBody(XMLAnyElementBody.self).element
        try envelope.finish()
        return element
    }

    @Test("Axis 1: multiRef elements after the wrapper are put in place, shared values copied, the multiRefs dropped")
    func axisMultiRefs() throws {
        let body = """
            <ns1:getResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:inventory">
            <getReturn href="#id0"/></ns1:getResponse>
            <multiRef id="id0" soapenc:root="0" xsi:type="ns2:Item" xmlns:ns2="urn:inventory">
            <sku xsi:type="xsd:string">A-1</sku><quantity href="#id1"/><again href="#id1"/></multiRef>
            <multiRef id="id1" soapenc:root="0" xsi:type="xsd:int">3</multiRef>
            """
        let root = try resolvedBody(body)
        #expect(root.name == XMLName("urn:inventory", "getResponse"))
        let item = try #require(root.child(named: "getReturn"))
        #expect(item.attributes.contains { $0.name.localName == "href" } == false)
        #expect(item.attributes.contains { $0.name == XMLName("http://www.w3.org/2001/XMLSchema-instance", "type") && $0.value == "ns2:Item" })
        // The type's prefix is declared on the copy, so the QName still resolves.
        #expect(item.namespaceDeclarations.contains(XMLNamespaceBinding(prefix: "ns2", namespace: "urn:inventory")))
        #expect(item.child(named: "sku")?.text == "A-1")
        #expect(item.child(named: "quantity")?.text == "3")
        #expect(item.child(named: "again")?.text == "3")
    }

    @Test(".NET: the accessor refers to a soapenc:Array whose items refer to structs; SOAP 1.2's enc:ref too")
    func dotNetAndSOAP12() throws {
        let body = """
            <tns:findResponse xmlns:tns="urn:inventory"><findReturn href="#id1"/></tns:findResponse>
            <soapenc:Array id="id1" soapenc:arrayType="tns:Item[2]" xmlns:tns="urn:inventory"><Item href="#id2"/><Item href="#id3"/></soapenc:Array>
            <tns:Item id="id2" xmlns:tns="urn:inventory"><sku>A</sku></tns:Item>
            <tns:Item id="id3" xmlns:tns="urn:inventory"><sku>B</sku></tns:Item>
            """
        let root = try resolvedBody(body)
        let array = try #require(root.child(named: "findReturn"))
        #expect(array.attributes.contains { $0.name.localName == "arrayType" && $0.value == "tns:Item[2]" })
        let skus = array.children.compactMap { node -> String? in
            if case .element(let item) = node { return item.child(named: "sku")?.text }
            return nil
        }
        #expect(skus == ["A", "B"])

        let soap12 = """
            <m:r xmlns:m="urn:m" xmlns:enc="http://www.w3.org/2003/05/soap-encoding"><a enc:ref="x"/></m:r>\
            <v enc:id="x" xmlns:enc="http://www.w3.org/2003/05/soap-encoding">7</v>
            """
        #expect(try resolvedBody(soap12).child(named: "a")?.text == "7")
    }

    @Test("A message without references is handed on unchanged, and the quick check says so")
    func unchanged() throws {
        let plain = Array((Self.envelopeStart + "<m:r xmlns:m=\"urn:m\"><a>1</a></m:r>" + Self.envelopeEnd).utf8)
        #expect(SOAPMultiReferences.mayHoldReferences(plain) == false)
        #expect(try SOAPMultiReferences.inline(plain) == plain)
        #expect(SOAPMultiReferences.mayHoldReferences(Array("<a href = \"#1\"/>".utf8)))
        // href that is not a fragment (an XHTML link in literal content) is no reference.
        let link = Array((Self.envelopeStart + "<m:r xmlns:m=\"urn:m\"><a href=\"http://x/\">1</a></m:r>" + Self.envelopeEnd).utf8)
        #expect(try SOAPMultiReferences.inline(link) == link)
    }

    @Test("A reference to no id, a cycle, and references that double at every step are refused with a precise error")
    func hostile() throws {
        func failure(_ body: String) -> XMLDecodingError? {
            do {
                _ = try SOAPMultiReferences.inline(Array((Self.envelopeStart + body + Self.envelopeEnd).utf8))
                return nil
            } catch {
                return error
            }
        }
        let dangling = failure(##"<m:r xmlns:m="urn:m"><a href="#nowhere"/></m:r>"##)
        #expect(dangling?.kind == .invalidValue)
        #expect(dangling?.message.contains("'nowhere'") == true)

        let cycle = failure(##"<m:r xmlns:m="urn:m"><a href="#n1"/></m:r><n id="n1"><next href="#n2"/></n><n id="n2"><next href="#n1"/></n>"##)
        #expect(cycle?.kind == .invalidValue)
        #expect(cycle?.message.contains("cyclic") == true)

        // 40 levels, each holding the next twice: 2^40 elements if expanded.
        var bomb = ##"<m:r xmlns:m="urn:m"><a href="#l0"/></m:r>"##
        for level in 0..<40 { bomb += ##"<l id="l\##(level)"><x href="#l\##(level + 1)"/><y href="#l\##(level + 1)"/></l>"## }
        bomb += ##"<l id="l40">leaf</l>"##
        let expanded = failure(bomb)
        #expect(expanded?.kind == .limitExceeded)

        // Few elements, one large text referenced many times: bounded by the document limit.
        let text = String(repeating: "x", count: 100_000)
        let references = String(repeating: ##"<a href="#t"/>"##, count: 200)
        let wide = Array((Self.envelopeStart + "<m:r xmlns:m=\"urn:m\">\(references)</m:r><v id=\"t\">\(text)</v>" + Self.envelopeEnd).utf8)
        #expect(throws: XMLDecodingError.self) { try SOAPMultiReferences.inline(wide, limits: XMLReaderLimits(maxDocumentBytes: 1 << 20)) }
        #expect(try SOAPMultiReferences.inline(wide, limits: XMLReaderLimits(maxDocumentBytes: 32 << 20)).count > 20_000_000)
    }
}

extension SOAPMultiReferencesTests {
    @Test("Only what the envelope reader accepts is rewritten: a mangled envelope namespace, stray text (fuzz-messages crash-35c62c22, crash-d1f376c7)")
    func notAnEnvelope() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let crasher = try [UInt8](Data(contentsOf: root.appendingPathComponent("Fuzz/Regressions/messages-multiref-not-an-envelope")))
        #expect(SOAPMultiReferences.mayHoldReferences(crasher))
        #expect(try SOAPMultiReferences.inline(crasher) == crasher)
        #expect(throws: SOAPEnvelopeReader.EnvelopeError.self) { try SOAPEnvelopeReader(bytes: crasher) }
        // fuzz-messages crash-d1f376c7: text between Envelope and Body.
        let strayText = try [UInt8](Data(contentsOf: root.appendingPathComponent("Fuzz/Regressions/messages-multiref-stray-text")))
        #expect(try SOAPMultiReferences.inline(strayText) == strayText)
        #expect(throws: XMLDecodingError.self) { try SOAPEnvelopeReader(bytes: strayText) }
        // A Body in another namespace than the envelope's is no Body either.
        let foreignBody = Array(##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><x:Body xmlns:x="urn:x"><a href="#1"/><b id="1">v</b></x:Body></e:Envelope>"##.utf8)
        #expect(try SOAPMultiReferences.inline(foreignBody) == foreignBody)
        // Text the envelope reader refuses (between the envelope's children, or in the Body) is
        // not tidied away by the rewrite (fuzz-messages, second run).
        for misplaced in [##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/">"<e:Body><m:r xmlns:m="urn:m"><a href="#1"/></m:r><b id="1">v</b></e:Body></e:Envelope>"##,
                          ##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><m:r xmlns:m="urn:m"><a href="#1"/></m:r>text<b id="1">v</b></e:Body></e:Envelope>"##] {
            let bytes = Array(misplaced.utf8)
            #expect(try SOAPMultiReferences.inline(bytes) == bytes)
        }
    }
}

/// Any Body element, kept whole.
private struct XMLAnyElementBody: XMLElementDecodable {
    var element: XMLAnyElement
    init(from reader: XMLPullReader) throws(XMLDecodingError) {
        element = try reader.readAnyElement()
    }
}
