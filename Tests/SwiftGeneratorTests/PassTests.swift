import Foundation
@testable import SwiftGenerator
import Testing
import WSDLModel
import WSDLParser

/// A WSDL in namespace `urn:p` with the given types and two operations, `Get` (input `Get`,
/// output `GetResponse`) and `Put` (input `Put`, output `PutResponse`), read by the parser.
func passFixture(_ types: String) throws -> ServiceDescription {
    let wsdl = """
        <?xml version="1.0" encoding="UTF-8"?>
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap12/"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:p="urn:p" targetNamespace="urn:p">
          <wsdl:types><xs:schema targetNamespace="urn:p" elementFormDefault="qualified">\(types)</xs:schema></wsdl:types>
          <wsdl:message name="Get"><wsdl:part name="parameters" element="p:Get"/></wsdl:message>
          <wsdl:message name="GetResponse"><wsdl:part name="parameters" element="p:GetResponse"/></wsdl:message>
          <wsdl:message name="Put"><wsdl:part name="parameters" element="p:Put"/></wsdl:message>
          <wsdl:message name="PutResponse"><wsdl:part name="parameters" element="p:PutResponse"/></wsdl:message>
          <wsdl:portType name="PortType">
            <wsdl:operation name="Get"><wsdl:input message="p:Get"/><wsdl:output message="p:GetResponse"/></wsdl:operation>
            <wsdl:operation name="Put"><wsdl:input message="p:Put"/><wsdl:output message="p:PutResponse"/></wsdl:operation>
          </wsdl:portType>
          <wsdl:binding name="Binding" type="p:PortType"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
            <wsdl:operation name="Get"><soap:operation soapAction="urn:p/Get"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
            <wsdl:operation name="Put"><soap:operation soapAction="urn:p/Put"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
          </wsdl:binding>
        </wsdl:definitions>
        """
    return try WSDLParser().parse(file: "/pass/p.wsdl", contents: ["/pass/p.wsdl": Array(wsdl.utf8)])
}

let passTypes = """
    <xs:element name="Get"><xs:complexType><xs:sequence><xs:element name="Token" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="GetResponse"><xs:complexType><xs:sequence><xs:element name="Item" type="p:Item"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="Put" type="p:Item"/>
    <xs:element name="PutResponse" type="p:Item"/>
    <xs:complexType name="Item"><xs:complexContent><xs:extension base="p:Base">
      <xs:sequence><xs:element ref="p:Head" minOccurs="0"/><xs:element name="Kind" type="p:Kind"/></xs:sequence>
      <xs:attribute name="size" type="p:Size"/>
    </xs:extension></xs:complexContent></xs:complexType>
    <xs:complexType name="Base"><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:element name="Head" type="xs:string" abstract="true"/>
    <xs:element name="Member" type="xs:string" substitutionGroup="p:Head"/>
    <xs:simpleType name="Kind"><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Size"><xs:restriction base="xs:int"/></xs:simpleType>
    <xs:complexType name="Unused"><xs:sequence><xs:element name="X" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:simpleType name="String"><xs:restriction base="xs:string"><xs:enumeration value="s"/></xs:restriction></xs:simpleType>
    """

@Suite("Pass: reachability")
struct ReachabilityTests {
    func reach(_ operations: Set<String>) throws -> Reachability.Result {
        let description = try passFixture(passTypes)
        return Reachability(description: description, operations: operations, substitutionGroups: SubstitutionGroups(schemas: description.schemas)).reach()
    }

    @Test("All operations: message elements, their types, base types, referenced elements, substitution members, attribute types; nothing else")
    func all() throws {
        let result = try reach([])
        #expect(result.elements == Set(["Get", "GetResponse", "Put", "PutResponse", "Head", "Member"].map { QName("urn:p", $0) }))
        #expect(result.complexTypes == [QName("urn:p", "Item"), QName("urn:p", "Base")])
        #expect(result.simpleTypes.isSuperset(of: [QName("urn:p", "Kind"), QName("urn:p", "Size")]))
        #expect(!result.complexTypes.contains(QName("urn:p", "Unused")))
    }

    @Test("One operation: only what its messages reach")
    func filtered() throws {
        let result = try reach(["Get"])
        #expect(result.elements.contains(QName("urn:p", "Get")) && result.elements.contains(QName("urn:p", "GetResponse")))
        #expect(!result.elements.contains(QName("urn:p", "Put")))
        #expect(result.complexTypes.contains(QName("urn:p", "Item")))
    }

    @Test("An unknown operation is an error listing those there are")
    func unknown() throws {
        let description = try passFixture(passTypes)
        let errors = Reachability(description: description, operations: ["Gett"], substitutionGroups: SubstitutionGroups(schemas: description.schemas)).unknownOperations()
        #expect(errors.map(\.message) == ["no operation named 'Gett' in /pass/p.wsdl; operations: Get, Put"])
    }
}

@Suite("Pass: type naming")
struct TypeNamingTests {
    @Test("Names are unique across the module, in a fixed order; prefixes come from the schema")
    func names() throws {
        let description = try passFixture(passTypes + #"<xs:complexType name="get"><xs:sequence/></xs:complexType><xs:element name="UsesGet" type="p:get"/>"#)
        var reach = Reachability(description: description, operations: [], substitutionGroups: SubstitutionGroups(schemas: description.schemas)).reach()
        reach.elements.insert(QName("urn:p", "UsesGet"))
        reach.complexTypes.insert(QName("urn:p", "get"))
        reach.simpleTypes.insert(QName("urn:p", "String"))
        var naming = TypeNaming(schemas: description.schemas, reach: reach)
        // Anonymous-typed elements are named first, so the element Get keeps `Get` and the
        // complex type get becomes `Get2`.
        #expect(naming.elementTypeNames[QName("urn:p", "Get")] == "Get")
        #expect(naming.complexTypeNames[QName("urn:p", "get")] == "Get2")
        #expect(naming.complexTypeNames[QName("urn:p", "Item")] == "Item")
        // Enumerations are enums; a restriction without enumerations is no type of its own.
        #expect(naming.enumTypeNames[QName("urn:p", "Kind")] == "Kind")
        #expect(naming.enumTypeNames[QName("urn:p", "String")] == "StringType")
        #expect(naming.enumTypeNames[QName("urn:p", "Size")] == nil)
        #expect(naming.nameUnion(QName("urn:p", "Item")) == "Item2")
        #expect(naming.namespacePrefixes == ["urn:p": "p"])
    }
}

@Suite("Pass: type assignment")
struct TypeAssignmentTests {
    @Test("Each message element has its Swift type; a shared named type gets a member per element; simple requests have parameters")
    func assignment() throws {
        let description = try passFixture(passTypes)
        var translator = TypesTranslator(description: description, configuration: GeneratorConfiguration(moduleName: "P"))
        let assignment = translator.translate().assignment
        #expect(assignment.messageElements[QName("urn:p", "Get")] == TypeAssignment.MessageElement(typeName: "Get", member: "messageElement"))
        #expect(assignment.messageElements[QName("urn:p", "Put")] == TypeAssignment.MessageElement(typeName: "Item", member: "putElement"))
        #expect(assignment.messageElements[QName("urn:p", "PutResponse")] == TypeAssignment.MessageElement(typeName: "Item", member: "putResponseElement"))
        #expect(assignment.simpleParameters["Get"] == [TypeAssignment.Parameter(swiftName: "token", argumentLabel: "token", swiftType: "String", occurrence: .required)])
        // GetResponse holds a struct (Item): no convenience parameters.
        #expect(assignment.simpleParameters["GetResponse"] == nil)
    }
}
