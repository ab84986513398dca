import Foundation
import SwiftGenerator
import Testing
import WSDLModel

/// XSD fragment in, generated Swift out: together these are the emitter's feature matrix.
@Suite("Snippets: XSD constructs and the Swift they produce")
struct SnippetTests {
    /// Generates `Types.swift` + `XMLCoding.swift` for a schema body in namespace `urn:t`.
    func generate(_ body: String, elementFormDefault: String = "unqualified") throws -> (types: String, coding: String) {
        let schema = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="\(elementFormDefault)">
            \(body)
            </xs:schema>
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snippet-\(UUID().uuidString).xsd")
        try schema.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let files = try Generator(configuration: GeneratorConfiguration(moduleName: "Snippet"), renderer: TemplateRenderer()).generate(try Generator.parse(url.path))
        return (files.first { $0.name == "Types.swift" }?.contents ?? "", files.first { $0.name == "XMLCoding.swift" }?.contents ?? "")
    }

    @Test("SOAP encoded array: the whole struct and its coding")
    func soapEncodedArray() throws {
        let out = try generate("""
            <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
            <xs:complexType name="ArrayOfString" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
              <xs:complexContent><xs:restriction base="soapenc:Array"><xs:attribute ref="soapenc:arrayType" wsdl:arrayType="xs:string[]"/></xs:restriction></xs:complexContent>
            </xs:complexType>
            """)
        #expect(out.types.contains("""
            /// A SOAP encoded array (`soapenc:Array`) of `string[]`.
            ///
            /// Remark: Generated from
            """))
        #expect(out.types.contains("""
            public struct ArrayOfString: Sendable, Hashable {
                /// The array's items (any element name is read as one).
                public var item: [String]

                public init(item: [String] = []) {
                    self.item = item
                }
            }
            """))
        #expect(out.coding.contains("""
            extension ArrayOfString: XMLElementRepresentable {
                public init(from reader: XMLPullReader) throws(XMLDecodingError) {
                    var _item: [String] = []
                    try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
                        if reader.matches(.any) { _item.append(try reader.readValue(String.self)); return }
                        try reader.unknownElement(in: "ArrayOfString")
                    }
                    self.init(item: _item)
                }

                public func encode(to writer: inout XMLWriter, as name: XMLName) {
                    writer.startElement(name)
                    writer.soapArrayType(XMLName("http://www.w3.org/2001/XMLSchema", "string"), count: self.item.count)
                    for value in self.item {
                        writer.element(local: "item", value: value)
                    }
                    writer.endElement(name)
                }
            }
            """))
    }

    @Test("What is not generated is said: xsi:type polymorphism once per extended type a field uses, unenforced facets once")
    func degradationWarnings() throws {
        let schema = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
            <xs:complexType name="Shape"><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType>
            <xs:complexType name="Circle"><xs:complexContent><xs:extension base="t:Shape"><xs:sequence><xs:element name="Radius" type="xs:double"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
            <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
            <xs:simpleType name="Kind"><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType>
            <xs:element name="Drawing"><xs:complexType><xs:sequence>
              <xs:element name="Shape" type="t:Shape"/><xs:element name="Other" type="t:Shape"/><xs:element name="Code" type="t:Code"/><xs:element name="Kind" type="t:Kind"/>
            </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("warnings-\(UUID().uuidString).xsd")
        try schema.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let (_, warnings) = try Generator(configuration: GeneratorConfiguration(moduleName: "Snippet"), renderer: TemplateRenderer())
            .generateWithWarnings(try Generator.parse(url.path))
        #expect(warnings.map(\.message) == [
            "'t:Shape' is extended by 't:Circle': an element declared 'Shape' that carries xsi:type of a derived type is decoded as 'Shape' (the derived type's extra content is skipped, or refused when decoding strictly); xsi:type polymorphism is not generated",
            "simple type 't:Code' restricts its base with facets (pattern, length, range or digits) that the generated code does not enforce: values are checked against the base type only",
        ])
        #expect(warnings.map { $0.location?.line ?? 0 } == [3, 5])
    }

    @Test("Occurrences: required, optional, repeated")
    func occurrences() throws {
        let out = try generate("""
            <xs:complexType name="Box"><xs:sequence>
              <xs:element name="Width" type="xs:int"/>
              <xs:element name="Label" type="xs:string" minOccurs="0"/>
              <xs:element name="Tag" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>
            """)
        #expect(out.types.contains("public var width: Int32\n"))
        #expect(out.types.contains("public var label: String?\n"))
        #expect(out.types.contains("public var tag: [String]\n"))
        #expect(out.types.contains("public init(width: Int32, label: String? = nil, tag: [String] = [])"))
        #expect(out.coding.contains(#"reader.matches("Width", "urn:t")"#))
        #expect(out.coding.contains(#"writer.element(local: "Width", value: self.width)"#))
    }

    @Test("elementFormDefault=qualified writes local elements in the target namespace")
    func qualifiedLocals() throws {
        let out = try generate(#"<xs:complexType name="Box"><xs:sequence><xs:element name="Width" type="xs:int"/></xs:sequence></xs:complexType>"#, elementFormDefault: "qualified")
        #expect(out.coding.contains(#"writer.element(XMLName("urn:t", "Width"), value: self.width)"#))
    }

    @Test("Enumerations become enums that keep unknown values")
    func enumerations() throws {
        let out = try generate("""
            <xs:simpleType name="Mode"><xs:annotation><xs:documentation>How it runs.</xs:documentation></xs:annotation>
              <xs:restriction base="xs:string"><xs:enumeration value="Fast"/><xs:enumeration value="default"/><xs:enumeration value="1.0"/></xs:restriction>
            </xs:simpleType>
            """)
        #expect(out.types.contains("/// How it runs.\n"))
        #expect(out.types.contains("public enum Mode: Sendable, Hashable, CustomStringConvertible {"))
        #expect(out.types.contains("case fast\n"))
        #expect(out.types.contains("case `default`\n"))
        #expect(out.types.contains("case unknown(String)"))
        #expect(out.coding.contains(#"case "Fast": self = .fast"#))
        #expect(out.coding.contains("default: self = .unknown(xsdLexical)"))
    }

    @Test("Extension flattens the base's fields first; attributes and open content")
    func extensionAttributesWildcards() throws {
        let out = try generate("""
            <xs:complexType name="Base"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence>
              <xs:attribute name="id" type="xs:ID" use="required"/></xs:complexType>
            <xs:complexType name="Derived"><xs:complexContent><xs:extension base="t:Base">
              <xs:sequence><xs:element name="B" type="xs:boolean"/><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
              <xs:anyAttribute processContents="lax"/>
            </xs:extension></xs:complexContent></xs:complexType>
            """)
        #expect(out.types.contains("public init(a: String, b: Bool, id: String, otherElements: [XMLAnyElement] = [], otherAttributes: [XMLAnyAttribute] = [])"))
        #expect(out.coding.contains(#"if reader.matches(.other("urn:t")) { _otherElements.append(try reader.readAnyElement()); return }"#))
        #expect(out.coding.contains("if reader.isOpenAttribute(.any) { _otherAttributes.append(reader.captureAttribute()) }"))
        #expect(out.coding.contains(#"if reader.matches("B", "urn:t") { try reader.readValue(into: &_b, in: "Derived"); return }"#))
        #expect(out.coding.contains(#"self.init(a: try reader.require(_a, "element A in <Derived>"), b: try reader.require(_b, "element B in <Derived>"), id: try reader.require(_id, "attribute id in <Derived>"), otherElements: _otherElements, otherAttributes: _otherAttributes)"#))
    }

    @Test("Lists, simple content, dateTime and anonymous nested types")
    func listsSimpleContentNested() throws {
        let out = try generate("""
            <xs:simpleType name="Names"><xs:list itemType="xs:string"/></xs:simpleType>
            <xs:complexType name="Price"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
            <xs:element name="Order"><xs:complexType><xs:sequence>
              <xs:element name="When" type="xs:dateTime"/>
              <xs:element name="Who" type="t:Names"/>
              <xs:element name="Cost" type="t:Price"/>
              <xs:element name="Line" maxOccurs="unbounded"><xs:complexType><xs:sequence><xs:element name="Qty" type="xs:unsignedInt"/></xs:sequence></xs:complexType></xs:element>
            </xs:sequence></xs:complexType></xs:element>
            """)
        #expect(out.types.contains("public var when: XSDDateTime\n"))
        #expect(out.types.contains("public var who: [String]\n"))
        #expect(out.types.contains("public var value: XSDDecimal\n"))
        #expect(out.types.contains("public var line: [Order.Line]\n"))
        #expect(out.types.contains("public struct Line: Sendable, Hashable {"))
        #expect(out.coding.contains("extension Order: XMLRootElement {"))
        #expect(out.coding.contains("extension Order.Line: XMLElementRepresentable {"))
    }

    @Test("A choice of elements becomes an enum with a case per branch")
    func choice() throws {
        let out = try generate("""
            <xs:complexType name="Pick"><xs:choice><xs:element name="Left" type="xs:int"/><xs:element name="Right" type="xs:int"/></xs:choice></xs:complexType>
            """)
        #expect(out.types.contains("public var choice: Pick.Choice\n"))
        #expect(out.types.contains("    public enum Choice: Sendable, Hashable {\n        /// `Left`\n        case left(Int32)\n        /// `Right`\n        case right(Int32)\n    }"))
        #expect(out.coding.contains("case .left(let value):\n            writer.element(local: \"Left\", value: value)"))
    }

    @Test("A choice with a sequence branch stays optional fields, with a warning")
    func choiceWithGroupBranch() throws {
        let out = try generate("""
            <xs:complexType name="Pick"><xs:choice>
              <xs:element name="Left" type="xs:int"/>
              <xs:sequence><xs:element name="From" type="xs:int"/><xs:element name="To" type="xs:int"/></xs:sequence>
            </xs:choice></xs:complexType>
            """)
        #expect(out.types.contains("public var left: Int32?\n"))
        #expect(out.types.contains("public var from: Int32?\n"))
    }

    @Test("Group and attributeGroup references are inlined; element refs are qualified")
    func references() throws {
        let out = try generate("""
            <xs:element name="Note" type="xs:string"/>
            <xs:group name="G"><xs:sequence><xs:element name="X" type="xs:int"/></xs:sequence></xs:group>
            <xs:attributeGroup name="AG"><xs:attribute name="lang" type="xs:language"/></xs:attributeGroup>
            <xs:complexType name="Doc"><xs:sequence><xs:group ref="t:G"/><xs:element ref="t:Note"/></xs:sequence><xs:attributeGroup ref="t:AG"/></xs:complexType>
            """)
        #expect(out.types.contains("public init(x: Int32, note: String, lang: String? = nil)"))
        #expect(out.coding.contains(#"writer.element(XMLName("urn:t", "Note"), value: self.note)"#))
    }

    @Test("Substitution groups: a head inside a choice widens it by its members; a member without a type takes its head's")
    func substitutionGroups() throws {
        let out = try generate("""
            <xs:element name="Event" type="xs:string"/>
            <xs:element name="Alarm" substitutionGroup="t:Event"/>
            <xs:element name="Tick" type="xs:int" substitutionGroup="t:Alarm"/>
            <xs:element name="Log"><xs:complexType><xs:choice maxOccurs="unbounded">
              <xs:element ref="t:Event"/>
              <xs:element name="Gap" type="xs:int"/>
            </xs:choice></xs:complexType></xs:element>
            """)
        #expect(out.types.contains("case event(String)\n"))
        #expect(out.types.contains("case alarm(String)\n"))
        #expect(out.types.contains("case tick(Int32)\n"))
        #expect(out.types.contains("case gap(Int32)\n"))
        #expect(out.coding.contains(#"reader.matches("Tick", "urn:t")"#))
    }

    @Test("Substitution members that repeat a name of the content around them: the head alone, with a warning")
    func substitutionGroupCollision() throws {
        let schema = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
            <xs:element name="Head" type="xs:string"/>
            <xs:element name="Member" type="xs:string" substitutionGroup="t:Head"/>
            <xs:element name="Box"><xs:complexType><xs:sequence>
              <xs:element name="Member" type="xs:int"/><xs:element ref="t:Head"/>
            </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snippet-\(UUID().uuidString).xsd")
        try schema.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let generator = Generator(configuration: GeneratorConfiguration(moduleName: "Snippet"), renderer: try TemplateRenderer())
        let result = try generator.generateWithWarnings(Generator.parse(url.path))
        #expect(result.warnings.contains { $0.message.contains("substitution group 'Head'") })
    }
}
