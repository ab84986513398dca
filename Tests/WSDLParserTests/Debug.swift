import Testing
@Test func debugPrint() throws {
    for f in ["broken/unknown-ref.xsd", "broken/malformed.xsd"] { print(try Fixtures.diagnostics(f)) }
}
