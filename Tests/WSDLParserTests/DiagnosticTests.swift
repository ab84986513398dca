import Testing
import WSDLModel
import WSDLParser

@Suite struct DiagnosticTests {
    @Test func unknownTypeWithATypo() throws {
        #expect(try Fixtures.diagnostics("broken/typo.xsd") == [
            "Fixtures/broken/typo.xsd:7:5: error: unknown attribute group 'tns:Comon'",
            "Fixtures/broken/typo.xsd:9:3: error: unknown type 'tns:Adress'",
        ])
    }

    @Test func soapEncodingIsBuiltInButKnowsItsComponents() throws {
        #expect(try Fixtures.diagnostics("broken/soap-encoding.wsdl") == [
            "Fixtures/broken/soap-encoding.wsdl:25:7: error: unknown type 'SOAP-ENC:Arry' (SOAP 1.1 encoding defines no such component)",
        ])
    }

    @Test func soapEncodedArraysAreRead() throws {
        let description = try Fixtures.parse("soap-encoded-arrays.wsdl")
        let strings = try #require(description.schemas.complexTypes[QName("urn:enc", "ArrayOfString")]?.soapArray)
        #expect(strings.itemType == QName(Namespaces.xsd, "string"))
        #expect(strings.isOneDimensional)
        // .NET's form: the item type from the one element of the content.
        let points = try #require(description.schemas.complexTypes[QName("urn:enc", "ArrayOfPoint")]?.soapArray)
        #expect(points.itemType == QName("urn:enc", "Point"))
        let sized = try #require(description.schemas.complexTypes[QName("urn:enc", "Five")]?.soapArray)
        #expect(sized.isOneDimensional)
        let matrix = try #require(description.schemas.complexTypes[QName("urn:enc", "Matrix")]?.soapArray)
        #expect(matrix.dimensions == "[,]")
        #expect(!matrix.isOneDimensional)
    }

    @Test func undeclaredPrefix() throws {
        #expect(try Fixtures.diagnostics("broken/prefix.xsd") == [
            "Fixtures/broken/prefix.xsd:3:3: error: undeclared namespace prefix 'foo' in 'foo:Bar'",
        ])
    }

    @Test func unknownElementReferenceSecondOnItsLine() throws {
        #expect(try Fixtures.diagnostics("broken/unknown-ref.xsd") == [
            "Fixtures/broken/unknown-ref.xsd:5:47: error: unknown element 'tns:Missing'",
        ])
    }

    @Test func malformedXML() throws {
        #expect(try Fixtures.diagnostics("broken/malformed.xsd") == [
            "Fixtures/broken/malformed.xsd:5:20: error: malformed XML: Opening and ending tag mismatch: sequence line 4 and complexType",
        ])
    }

    @Test func missingImportedFile() throws {
        #expect(try Fixtures.diagnostics("broken/missing-import.xsd") == [
            "Fixtures/broken/missing-import.xsd:3:5: error: cannot read 'Fixtures/nowhere/gone.xsd': no such file",
        ])
    }

    @Test func remoteSchemaLocationNotInTheMap() throws {
        #expect(try Fixtures.diagnostics("remote-import.xsd") == [
            "Fixtures/remote-import.xsd:3:3: error: cannot load remote schema 'http://example.com/schemas/v1/remote.xsd': add it to the location map",
            "Fixtures/remote-import.xsd:4:3: error: unknown type 'r:RemoteType'",
        ])
    }

    @Test func duplicateDefinitionNamesBothLocations() throws {
        #expect(try Fixtures.diagnostics("broken/duplicate.xsd") == [
            "Fixtures/broken/duplicate.xsd:4:3: error: duplicate type 'Twice' in namespace 'urn:dup' (also defined at Fixtures/broken/duplicate-part.xsd:3:3)",
        ])
    }

    @Test func redefineIsRefused() throws {
        #expect(try Fixtures.diagnostics("broken/redefine.xsd") == [
            "Fixtures/broken/redefine.xsd:3:3: error: xs:redefine is not supported",
        ])
    }

    @Test func unknownWSDLReferences() throws {
        #expect(try Fixtures.diagnostics("broken/bad-wsdl.wsdl") == [
            "Fixtures/broken/bad-wsdl.wsdl:3:22: error: unknown element 'tns:NoSuchElement'",
            "Fixtures/broken/bad-wsdl.wsdl:5:26: error: unknown message 'tns:Inn'",
            "Fixtures/broken/bad-wsdl.wsdl:7:3: error: unknown port type 'tns:Prt'",
            "Fixtures/broken/bad-wsdl.wsdl:11:5: error: unknown binding 'tns:Bindng'",
        ])
    }

    @Test func missingEntryFile() throws {
        #expect(try Fixtures.diagnostics("nothing-here.wsdl") == ["error: cannot read 'Fixtures/nothing-here.wsdl': no such file"])
    }
}

@Suite struct SecureReadingTests {
    @Test func entityExpansionBombIsRefused() throws {
        let diagnostics = try Fixtures.diagnostics("broken/entity-loop.xsd")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("Fixtures/broken/entity-loop.xsd:14:") == true)
        #expect(diagnostics.first?.hasSuffix("error: malformed XML: Detected an entity reference loop") == true)
    }

    @Test func internalEntitiesAreReadWithoutLoadingAnything() throws {
        let schemas = try Fixtures.parse("internal-entities.xsd").schemas
        #expect(schemas.elements[QName("urn:ent", "E")] != nil)
    }
}

@Suite struct AxisEraTests {
    @Test("XML Schema's 1999 draft namespace reads as 1.0's, Apache SOAP's Map is built in, an untyped part is anyType with a warning")
    func axisEra() throws {
        let description = try Fixtures.parse("axis-era.wsdl")
        let address = try #require(description.schemas.complexTypes[QName("urn:AddressFetcher2", "address")])
        guard case .group(let group)? = address.content, case .element(let number, _) = group.particles[0], case .element(let extras, _) = group.particles[1] else {
            Issue.record("unexpected content \(String(describing: address.content))")
            return
        }
        #expect(number.type == .named(QName(Namespaces.xsd, "int")))
        #expect(extras.type == .named(QName(Namespaces.apacheSOAP, "Map")))
        let parts = try #require(description.messages[QName("urn:AddressFetcher2", "AddEntryRequest")]?.parts)
        #expect(parts.map(\.type) == [QName(Namespaces.xsd, "string"), QName("urn:AddressFetcher2", "address"), QName(Namespaces.xsd, "anyType")])
        #expect(description.warnings.map(\.message) == ["wsdl:part 'note' has neither an element nor a type: read as xs:anyType (kept as open content)"])
    }
}
