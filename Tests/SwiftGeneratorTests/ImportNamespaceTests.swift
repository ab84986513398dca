import Foundation
import SwiftGenerator
import Testing
import WSDLModel

/// ONVIF's onvif.xsd imports the SOAP 1.1 envelope schema for the SOAP 1.2 namespace: a
/// warning, and an error only where a component of that namespace is used.
@Suite("Imports whose document declares another target namespace")
struct ImportNamespaceTests {
    /// Writes the files into a fresh folder and returns its path.
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-ns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    let wrongEnvelope = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://schemas.xmlsoap.org/soap/envelope/">
          <xs:complexType name="Envelope"><xs:sequence><xs:any/></xs:sequence></xs:complexType>
        </xs:schema>
        """

    func main(usingEnvelope: Bool) -> String {
        """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" xmlns:env="http://www.w3.org/2003/05/soap-envelope" targetNamespace="urn:t">
          <xs:import namespace="http://www.w3.org/2003/05/soap-envelope" schemaLocation="envelope.xsd"/>
          <xs:complexType name="Unused"><xs:sequence><xs:element name="Info" type="env:Envelope"/></xs:sequence></xs:complexType>
          <xs:element name="Root"><xs:complexType><xs:sequence>
            <xs:element name="Name" type="xs:string"/>
            \(usingEnvelope ? #"<xs:element name="Request" type="env:Envelope"/>"# : "")
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>
        """
    }

    /// A WSDL whose one operation takes `t:Root`: only what that reaches is generated.
    let wsdl = """
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
          <wsdl:types><xs:schema><xs:import namespace="urn:t" schemaLocation="main.xsd"/></xs:schema></wsdl:types>
          <wsdl:message name="In"><wsdl:part name="p" element="t:Root"/></wsdl:message>
        </wsdl:definitions>
        """

    @Test("Unused: a warning naming both namespaces, and generation succeeds")
    func unusedIsAWarning() throws {
        let dir = try folder(["envelope.xsd": wrongEnvelope, "main.xsd": main(usingEnvelope: false), "main.wsdl": wsdl])
        defer { try? FileManager.default.removeItem(at: dir) }
        let description = try Generator.parse(dir.appendingPathComponent("main.wsdl").path)
        #expect(description.warnings.count == 1)
        let warning = try #require(description.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 2)
        #expect(warning.message.contains("has targetNamespace 'http://schemas.xmlsoap.org/soap/envelope/', but is imported for namespace 'http://www.w3.org/2003/05/soap-envelope'"))
        #expect(description.schemas.unavailableNamespaces["http://www.w3.org/2003/05/soap-envelope"] != nil)
        let (files, warnings) = try Generator(configuration: GeneratorConfiguration(moduleName: "M"), renderer: TemplateRenderer()).generateWithWarnings(description)
        #expect(files.contains { $0.name == "Types.swift" && $0.contents.contains("public struct Root") && !$0.contents.contains("struct Unused") })
        #expect(warnings == [warning])
    }

    @Test("Used: an error at the use, naming the namespace and the ignored import")
    func usedIsAnError() throws {
        let dir = try folder(["envelope.xsd": wrongEnvelope, "main.xsd": main(usingEnvelope: true), "main.wsdl": wsdl])
        defer { try? FileManager.default.removeItem(at: dir) }
        let description = try Generator.parse(dir.appendingPathComponent("main.wsdl").path)
        #expect(throws: DiagnosticError.self) {
            _ = try Generator(configuration: GeneratorConfiguration(moduleName: "M"), renderer: TemplateRenderer()).generate(description)
        }
        do {
            _ = try Generator(configuration: GeneratorConfiguration(moduleName: "M"), renderer: TemplateRenderer()).generate(description)
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.contains("error: unknown type '{http://www.w3.org/2003/05/soap-envelope}Envelope': namespace 'http://www.w3.org/2003/05/soap-envelope' was not loaded") && $0.contains("main.xsd:2:") })
        }
    }

    @Test("xs:import straight in wsdl:types (outside any xs:schema) is read, with a warning")
    func importDirectlyInTypes() throws {
        let dir = try folder([
            "b.xsd": #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"><xs:element name="Root"><xs:complexType><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:schema>"#,
            "main.wsdl": """
                <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:w">
                  <wsdl:types><xs:import namespace="urn:t" schemaLocation="b.xsd"/></wsdl:types>
                  <wsdl:message name="In"><wsdl:part name="p" element="t:Root"/></wsdl:message>
                </wsdl:definitions>
                """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let description = try Generator.parse(dir.appendingPathComponent("main.wsdl").path)
        #expect(description.schemas.elements[QName("urn:t", "Root")] != nil)
        #expect(description.warnings.map(\.message) == ["xs:import directly in wsdl:types (outside an xs:schema): read as if it were in one"])
    }
}

