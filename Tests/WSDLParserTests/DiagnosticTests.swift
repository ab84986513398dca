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

    @Test func soapEncodingIsOneErrorPerDocument() throws {
        #expect(try Fixtures.diagnostics("broken/soap-encoding.wsdl") == [
            "Fixtures/broken/soap-encoding.wsdl:11:11: error: 'SOAP-ENC:Array', 'SOAP-ENC:arrayType' belong to SOAP 1.1 section 5 encoding (4 uses in this document); SOAP encoding (rpc/encoded, soapenc:Array) is not supported, only literal messages",
        ])
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
