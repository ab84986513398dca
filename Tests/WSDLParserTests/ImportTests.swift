import Testing
import WSDLModel
import WSDLParser

@Suite struct ImportTests {
    @Test func importsIncludesCycleAndChameleon() throws {
        let directory = try Fixtures.directory
        let service = try Fixtures.parse("imports/main.xsd")
        #expect(service.documents == [
            "\(directory)/imports/main.xsd",
            "\(directory)/imports/sub/a.xsd",
            "\(directory)/imports/other/b.xsd",
            "\(directory)/imports/part.xsd",
            "\(directory)/imports/common/chameleon.xsd",
        ])
        let schemas = service.schemas
        #expect(schemas.namespaces["urn:main"]?.documents == [
            "\(directory)/imports/main.xsd", "\(directory)/imports/part.xsd", "\(directory)/imports/common/chameleon.xsd",
        ])
        #expect(schemas.elements[QName("urn:a", "Thing")]?.type == .named(QName("urn:b", "BType")))
        #expect(schemas.elements[QName("urn:main", "Part")] != nil)
        let chameleon = try #require(schemas.complexTypes[QName("urn:main", "ChameleonType")])
        #expect(chameleon.location.file == "\(directory)/imports/common/chameleon.xsd")
        #expect(chameleon.content?.modelGroup?.particles.first?.element?.type == .named(QName("urn:main", "CodeType")))
        #expect(schemas.simpleTypes[QName("urn:main", "CodeType")] != nil)
        #expect(schemas.simpleTypes[QName("", "CodeType")] == nil)
    }

    @Test func pathsStayAsTheUserNamedThem() throws {
        let directory = try Fixtures.directory
        let service = try WSDLParser().parse(file: "\(directory)/imports/./sub/../main.xsd")
        #expect(service.documents.first == "\(directory)/imports/main.xsd")
        #expect(service.schemas.elements[QName("urn:main", "Root")]?.location.file == "\(directory)/imports/main.xsd")
    }

    @Test func locationMapByPrefix() throws {
        let directory = try Fixtures.directory
        let options = ParserOptions(locationMap: [
            "http://example.com/": "\(directory)/nowhere",
            "http://example.com/schemas/": "\(directory)/remote",
        ])
        let service = try Fixtures.parse("remote-import.xsd", options: options)
        #expect(service.documents == ["\(directory)/remote-import.xsd", "\(directory)/remote/v1/remote.xsd"])
        #expect(service.schemas.simpleTypes[QName("urn:remote", "RemoteType")] != nil)
    }

    @Test func locationMapByExactURL() throws {
        let directory = try Fixtures.directory
        let options = ParserOptions(locationMap: ["http://example.com/schemas/v1/remote.xsd": "\(directory)/remote/v1/remote.xsd"])
        let service = try Fixtures.parse("remote-import.xsd", options: options)
        #expect(service.documents.last == "\(directory)/remote/v1/remote.xsd")
    }
}
