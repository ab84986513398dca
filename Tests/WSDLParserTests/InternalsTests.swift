import Testing
@testable import WSDLParser

@Suite struct PathsTests {
    @Test func normalize() {
        #expect(Paths.normalize("Schemas/./sub/../AppInfo.xsd") == "Schemas/AppInfo.xsd")
        #expect(Paths.normalize("../a/b/../../c.xsd") == "../c.xsd")
        #expect(Paths.normalize("/x//y/./z.xsd") == "/x/y/z.xsd")
        #expect(Paths.normalize("a/..") == ".")
    }

    @Test func resolveRelativeToTheImportingFile() {
        #expect(Paths.resolve("AppInfo.xsd", against: "Schemas/AppMgmt.wsdl") == "Schemas/AppInfo.xsd")
        #expect(Paths.resolve("../common/x.xsd", against: "Schemas/sub/a.xsd") == "Schemas/common/x.xsd")
        #expect(Paths.resolve("x.xsd", against: "a.wsdl") == "x.xsd")
        #expect(Paths.resolve("/abs/x.xsd", against: "Schemas/a.wsdl") == "/abs/x.xsd")
    }
}

@Suite struct StartTagScannerTests {
    @Test func skipsCommentsCDATAAndQuotedValues() {
        let source = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ELEMENT r ANY> ]>
            <r a="<fake>"><!-- <no> --><![CDATA[<no/>]]><b/><b
              x='1'/></r>
            """
        let tags = StartTagScanner(bytes: Array(source.utf8)).startTags()
        #expect(tags == [
            .init(line: 3, column: 1, name: "r"),
            .init(line: 3, column: 45, name: "b"),
            .init(line: 3, column: 49, name: "b"),
        ])
    }

    @Test func documentationNormalization() {
        #expect(DocumentationText.normalize(["  a\n   b  c\n\n\n d  "]) == "a b c\nd")
        #expect(DocumentationText.normalize(["  \n "]) == nil)
        #expect(DocumentationText.normalize(["one", "two"]) == "one\ntwo")
    }
}
