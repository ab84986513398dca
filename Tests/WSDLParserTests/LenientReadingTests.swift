import Testing
import WSDLModel
import WSDLParser

/// What real WSDLs get wrong and every SOAP stack reads anyway (found by running the generator
/// over 120 third-party services): read as they mean it, with a warning, never silently.
@Suite("Lenient reading of real-world WSDLs")
struct LenientReadingTests {
    func parse(_ documents: [String: String], entry: String = "/m/entry.wsdl") throws -> ServiceDescription {
        try WSDLParser().parse(file: entry, contents: documents.mapValues { Array($0.utf8) })
    }

    let definitions = #"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">"#

    @Test("blank lines before the XML declaration (Spain's AEAT services): read, later lines keep their numbers")
    func blankLinesBeforeDeclaration() throws {
        let text = "\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + definitions + "\n<message name=\"M\">\n<part name=\"p\" type=\"xs:nope\"/></message></definitions>"
        #expect {
            try parse(["/m/entry.wsdl": text])
        } throws: { error in
            // The part is on line 6 of the file as written.
            "\(error)".contains("entry.wsdl:6:1: error: unknown type 'xs:nope'")
        }
    }

    @Test("unprefixed message, port type and binding names under WSDL's default namespace are read in the target namespace")
    func unprefixedWSDLReferences() throws {
        let text = definitions + """
            <message name="In"><part name="a" type="xs:string"/></message>
            <portType name="P"><operation name="Op"><input message="In"/><output message="In"/></operation></portType>
            <binding name="B" type="P"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
              <operation name="Op"><input><soap:body use="literal" namespace="urn:t"/></input><output><soap:body use="literal" namespace="urn:t"/></output></operation>
            </binding>
            <service name="S"><port name="Port" binding="B"><soap:address location="http://x/"/></port></service>
            </definitions>
            """
        let service = try parse(["/m/entry.wsdl": text])
        #expect(service.portTypes[QName("urn:t", "P")]?.operations.first?.input?.message == QName("urn:t", "In"))
        #expect(service.bindings[QName("urn:t", "B")]?.portType == QName("urn:t", "P"))
        #expect(service.services[QName("urn:t", "S")]?.ports.first?.binding == QName("urn:t", "B"))
        #expect(service.warnings.filter { $0.message.contains("unprefixed") }.count == 1)
        #expect(service.warnings.first?.message.contains("unprefixed message 'In' names no namespace a WSDL can define it in: read in the target namespace 'urn:t'") == true)
    }

    @Test("xs:import of a schema's own namespace with a location is read as an include")
    func importOfOwnNamespace() throws {
        let text = definitions + """
            <types><xs:schema targetNamespace="urn:t"><xs:import namespace="urn:t" schemaLocation="more.xsd"/>
              <xs:element name="A" type="t:B"/></xs:schema></types></definitions>
            """
        let more = #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"><xs:complexType name="B"/></xs:schema>"#
        let service = try parse(["/m/entry.wsdl": text, "/m/more.xsd": more])
        #expect(service.schemas.complexTypes[QName("urn:t", "B")] != nil)
        #expect(service.warnings.contains { $0.message == "xs:import of the schema's own target namespace 'urn:t': read as an xs:include" })
    }

    @Test("a wsdl:import whose document declares another namespace: read in its own, with a warning naming both")
    func wsdlImportOfAnotherNamespace() throws {
        let text = definitions + #"<import namespace="urn:other" location="sub.wsdl"/></definitions>"#
        let sub = #"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:sub"><message name="M"><part name="p" type="xs:int"/></message></definitions>"#
        let service = try parse(["/m/entry.wsdl": text, "/m/sub.wsdl": sub])
        #expect(service.messages[QName("urn:sub", "M")] != nil)
        #expect(service.warnings.contains { $0.message.contains("has targetNamespace 'urn:sub', but is imported for namespace 'urn:other'; its components keep their own namespace") })
    }

    @Test(".NET's DataSet, ref=\"s:schema\" beside xs:any, is open content")
    func dataSetSchemaReference() throws {
        let text = definitions + """
            <types><xs:schema targetNamespace="urn:t"><xs:element name="GetDataResult"><xs:complexType><xs:sequence>
              <xs:element ref="xs:schema"/><xs:any/></xs:sequence></xs:complexType></xs:element></xs:schema></types></definitions>
            """
        let service = try parse(["/m/entry.wsdl": text])
        let content = try #require(service.schemas.elements[QName("urn:t", "GetDataResult")]?.type?.anonymousComplex?.content?.modelGroup)
        guard case .any(let wildcard) = content.particles.first else {
            Issue.record("expected a wildcard, found \(content.particles)")
            return
        }
        #expect(wildcard.namespaces == .list([Namespaces.xsd]))
        #expect(wildcard.processContents == .lax)
    }
}
