import Foundation
import SwiftGenerator
import Testing
import WSDLModel

/// `soap:header` parts and `soap:body parts=`: which part travels where, and what the
/// generator says when a binding names something it cannot use.
@Suite("Header parts and soap:body parts=")
struct HeaderPartsTests {
    func wsdl(body: String, header: String) -> String {
        """
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
          <wsdl:types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
            <xs:element name="Login"><xs:complexType><xs:sequence><xs:element name="User" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
            <xs:element name="LoginResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
            <xs:element name="Credentials"><xs:complexType><xs:sequence><xs:element name="Token" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
            <xs:element name="Trace" type="xs:string"/>
          </xs:schema></wsdl:types>
          <wsdl:message name="In"><wsdl:part name="body" element="t:Login"/><wsdl:part name="creds" element="t:Credentials"/><wsdl:part name="trace" element="t:Trace"/></wsdl:message>
          <wsdl:message name="Out"><wsdl:part name="body" element="t:LoginResponse"/></wsdl:message>
          <wsdl:portType name="P"><wsdl:operation name="Login"><wsdl:input message="t:In"/><wsdl:output message="t:Out"/></wsdl:operation></wsdl:portType>
          <wsdl:binding name="B" type="t:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
            <wsdl:operation name="Login"><soap:operation soapAction="urn:t/Login"/>
              <wsdl:input>\(body)\(header)</wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
            </wsdl:operation>
          </wsdl:binding>
        </wsdl:definitions>
        """
    }

    func generate(_ text: String) throws -> (client: String, warnings: [Diagnostic]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("headers-\(UUID().uuidString).wsdl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let description = try Generator.parse(url.path)
        let (files, warnings) = try Generator(configuration: GeneratorConfiguration(modes: [.client], moduleName: "M"), renderer: TemplateRenderer())
            .generateWithWarnings(description)
        return (files.first { $0.name == "Client.swift" }?.contents ?? "", warnings)
    }

    @Test("parts= picks the body part; header parts become parameters, a simple-typed one as a struct with its value")
    func bodyPartsAndHeaders() throws {
        let (client, warnings) = try generate(wsdl(
            body: #"<soap:body use="literal" parts="body"/>"#,
            header: #"<soap:header message="t:In" part="creds" use="literal"/><soap:header message="t:In" part="trace" use="literal"/>"#))
        #expect(client.contains("func login(_ request: Login, creds: Credentials? = nil, trace: Trace? = nil) async throws -> LoginResponse"))
        #expect(client.contains("creds.map { XMLAnyElement($0, as: Credentials.messageElement) }"))
        #expect(!warnings.map(\.message).contains { $0.contains("header part") })
    }

    @Test("without parts=, the parts no header takes must be exactly one")
    func leftoverParts() throws {
        #expect {
            try generate(wsdl(body: #"<soap:body use="literal"/>"#, header: #"<soap:header message="t:In" part="creds" use="literal"/>"#))
        } throws: { error in
            "\(error)".contains("message 'In' puts 2 parts (body, trace) in the SOAP Body")
        }
        #expect {
            try generate(wsdl(body: #"<soap:body use="literal" parts="nope"/>"#, header: ""))
        } throws: { error in
            "\(error)".contains("soap:body names part 'nope', which message 'In' does not have")
        }
    }
}
