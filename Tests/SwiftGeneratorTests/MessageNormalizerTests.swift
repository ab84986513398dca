import Foundation
import SwiftGenerator
import Testing
import WSDLModel

/// The message normalizer: rpc/literal wrappers, simple-typed and untyped message elements,
/// and the one diagnostic for what it cannot rewrite.
@Suite("Message normalizer: rpc/literal, simple-typed message elements, SOAP encoding")
struct MessageNormalizerTests {
    func wsdl(style: String = "rpc", use: String = "literal", namespace: String? = #"namespace="urn:rpc""#, schema: String = "", messages: String, extraOperation: String = "") -> String {
        """
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
          <wsdl:types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
            <xs:complexType name="Point"><xs:sequence><xs:element name="X" type="xs:int"/></xs:sequence></xs:complexType>
            <xs:element name="Session"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
            \(schema)
          </xs:schema></wsdl:types>
          \(messages)
          <wsdl:portType name="P">
            <wsdl:operation name="Move"><wsdl:input message="t:In"/><wsdl:output message="t:Out"/></wsdl:operation>
            \(extraOperation.isEmpty ? "" : #"<wsdl:operation name="Other"><wsdl:input message="t:In"/><wsdl:output message="t:Out"/></wsdl:operation>"#)
          </wsdl:portType>
          <wsdl:binding name="B" type="t:P"><soap:binding style="\(style)" transport="http://schemas.xmlsoap.org/soap/http"/>
            <wsdl:operation name="Move"><soap:operation soapAction="urn:t/Move"/>
              <wsdl:input><soap:body use="\(use)" \(namespace ?? "")/><soap:header message="t:In" part="session" use="literal"/></wsdl:input>
              <wsdl:output><soap:body use="\(use)" \(namespace ?? "")/></wsdl:output>
            </wsdl:operation>
            \(extraOperation)
          </wsdl:binding>
        </wsdl:definitions>
        """
    }

    let rpcMessages = """
        <wsdl:message name="In"><wsdl:part name="to" type="t:Point"/><wsdl:part name="speed" type="xs:double"/><wsdl:part name="session" element="t:Session"/></wsdl:message>
        <wsdl:message name="Out"><wsdl:part name="done" type="xs:boolean"/></wsdl:message>
        """

    func generate(_ text: String) throws -> (files: [String: String], warnings: [Diagnostic]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("normalizer-\(UUID().uuidString).wsdl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let description = try Generator.parse(url.path)
        let (files, warnings) = try Generator(configuration: GeneratorConfiguration(modes: [.types, .client], moduleName: "M"), renderer: TemplateRenderer())
            .generateWithWarnings(description)
        return (Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) }), warnings)
    }

    @Test("rpc/literal: a wrapper per operation in soap:body's namespace, unqualified accessors in part order, header parts left to the header")
    func rpcWrappers() throws {
        let (files, _) = try generate(wsdl(messages: rpcMessages))
        let types = try #require(files["Types.swift"])
        let coding = try #require(files["XMLCoding.swift"])
        let client = try #require(files["Client.swift"])
        #expect(types.contains("public struct Move: Sendable, Hashable {\n    public var to: Point\n    public var speed: Double\n\n"))
        #expect(types.contains("public struct MoveResponse: Sendable, Hashable {\n    public var done: Bool\n"))
        #expect(coding.contains(#"XMLName("urn:rpc", "Move")"#))
        #expect(coding.contains(#"XMLName("urn:rpc", "MoveResponse")"#))
        #expect(coding.contains(#"XMLName("", "to")"#))
        #expect(coding.contains(#"writer.element(local: "speed", value: self.speed)"#))
        #expect(coding.contains(#"reader.matches("speed", "urn:rpc")"#))
        #expect(client.contains("func move(_ request: Move, session: Session? = nil) async throws -> MoveResponse"))
    }

    @Test("rpc/literal without soap:body namespace= uses the WSDL's target namespace")
    func rpcDefaultNamespace() throws {
        let (files, _) = try generate(wsdl(namespace: nil, messages: rpcMessages))
        #expect(try #require(files["XMLCoding.swift"]).contains(#"XMLName("urn:t", "MoveResponse")"#))
    }

    @Test("A declared element of the wrapper's name is an error naming both where something uses it, else gives way with a warning")
    func rpcWrapperCollision() throws {
        let used = #"<xs:element name="Move" type="t:Point"/><xs:complexType name="Uses"><xs:sequence><xs:element ref="t:Move"/></xs:sequence></xs:complexType>"#
        #expect {
            try generate(wsdl(namespace: #"namespace="urn:t""#, schema: used, messages: rpcMessages))
        } throws: { error in
            "\(error)".contains("rpc operation 'Move' needs a wrapper element 'Move' in 'urn:t', but")
        }
        let (files, warnings) = try generate(wsdl(namespace: #"namespace="urn:t""#, schema: #"<xs:element name="Move" type="t:Point"/>"#, messages: rpcMessages))
        #expect(warnings.map(\.message).contains("element 'Move' of 'urn:t', which nothing uses, gives way to the rpc wrapper of operation 'Move' of the same name"))
        #expect(try #require(files["Types.swift"]).contains("public var speed: Double"))
    }

    @Test("rpc/encoded generates like rpc/literal; the client names the encoded message elements")
    func encodedGenerates() throws {
        let (files, _) = try generate(wsdl(use: "encoded", messages: rpcMessages))
        let client = try #require(files["Client.swift"])
        #expect(client.contains("as: Move.soapEncodedMessageElement, response: MoveResponse.soapEncodedMessageElement"))
    }

    @Test("A part named like its operation does not shadow the method the convenience calls (eBay's `language(session:language:)`)")
    func partNamedLikeTheOperation() throws {
        let messages = """
            <wsdl:message name="In"><wsdl:part name="move" type="xs:double"/><wsdl:part name="session" element="t:Session"/></wsdl:message>
            <wsdl:message name="Out"><wsdl:part name="done" type="xs:boolean"/></wsdl:message>
            """
        let (files, _) = try generate(wsdl(use: "encoded", messages: messages))
        let client = try #require(files["Client.swift"])
        #expect(client.contains("public func move(move: Double, session: Session? = nil) async throws -> MoveResponse {\n        try await self.move(Move(move: move), session: session)"))
    }

    @Test("document/encoded: one error per binding that names its operations")
    func documentEncodedIsOneError() throws {
        let other = """
            <wsdl:operation name="Other"><soap:operation soapAction="urn:t/Other"/>
              <wsdl:input><soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></wsdl:input>
              <wsdl:output><soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></wsdl:output>
            </wsdl:operation>
            """
        do {
            _ = try generate(wsdl(style: "document", use: "encoded", messages: rpcMessages, extraOperation: other))
            Issue.record("a document/encoded binding generated")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.message == #"binding 'B' uses SOAP encoding with style="document" for operations 'Move', 'Other'; SOAP encoding is generated for rpc style only (rpc/encoded), as WS-I and every stack that sends it use it"#)
        }
    }

    @Test("Document style: message elements of simple type become structs with a value; untyped ones open content")
    func simpleTypedMessageElements() throws {
        let schema = """
            <xs:element name="Move" type="xs:string"/>
            <xs:element name="MoveResponse"><xs:simpleType><xs:restriction base="xs:int"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType></xs:element>
            <xs:element name="Any"/>
            """
        let messages = """
            <wsdl:message name="In"><wsdl:part name="body" element="t:Move"/><wsdl:part name="session" element="t:Any"/></wsdl:message>
            <wsdl:message name="Out"><wsdl:part name="body" element="t:MoveResponse"/></wsdl:message>
            """
        let (files, _) = try generate(wsdl(style: "document", namespace: nil, schema: schema, messages: messages))
        let types = try #require(files["Types.swift"])
        let client = try #require(files["Client.swift"])
        #expect(types.contains("public struct Move: Sendable, Hashable {\n    /// The element's text content.\n    public var value: String\n"))
        #expect(types.contains("public struct MoveResponse: Sendable, Hashable {\n    /// The element's text content.\n    public var value: Int32\n"))
        #expect(types.contains("public struct AnyType: Sendable, Hashable {"))
        #expect(types.contains("public var otherElements: [XMLAnyElement]"))
        #expect(client.contains("func move(_ request: Move, session: AnyType? = nil) async throws -> MoveResponse"))
    }
}
