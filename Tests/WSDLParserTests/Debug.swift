import Testing
import WSDLParser
@Test func debugPrint() throws {
    for f in ["/tmp/bl/ok.xsd", "/tmp/bl/attr.xsd", "/tmp/bl/text.xsd"] {
        do { let s = try WSDLParser().parse(file: f); print(f, s.schemas.namespaces.keys.map { $0.count }, s.schemas.namespaces.values.map(\.targetNamespace).map { $0.prefix(40) }) }
        catch { print(f, error.description.prefix(300)) }
    }
    let s = try WSDLParser().parse(file: "Schemas/AppMgmt.wsdl")
    print(s.documents, s.schemas.elements.count, s.schemas.complexTypes.count, s.messages.count)
}
