@_spi(Generated) import SOAPRuntime
import Testing

/// The one-call hooks generated decoders use per field: what each accepts and the errors it
/// gives, independent of any generated type.
@Suite("Generated coding hooks")
struct GeneratedCodingHooksTests {
    /// Calls `body` on each child of the root; `body` consumes the child.
    func eachChild(_ xml: String, _ body: (XMLPullReader) throws -> Void) throws {
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        try reader.forEachChild { () throws(XMLDecodingError) in
            do { try body(reader) } catch let error as XMLDecodingError { throw error } catch { Issue.record(error) }
        }
    }

    @Test("XMLWildcard: ##any, ##other (not the target namespace, not none), a list with ##local")
    func wildcards() throws {
        let xml = #"<r xmlns:t="urn:t" xmlns:o="urn:o"><t:a/><o:b/><c/><x:d xmlns:x="urn:x"/></r>"#
        var any: [Bool] = [], other: [Bool] = [], list: [Bool] = []
        try eachChild(xml) { reader in
            any.append(reader.matches(.any))
            other.append(reader.matches(.other("urn:t")))
            list.append(reader.matches(.list(["urn:o", ""])))
            try reader.skipElement()
        }
        #expect(any == [true, true, true, true])
        #expect(other == [false, true, false, true])
        #expect(list == [false, true, true, false])
    }

    @Test("Open attributes: xsi: and xml: never; the wildcard's namespaces otherwise")
    func openAttributes() throws {
        let reader = try XMLPullReader(bytes: Array(#"<r xmlns:t="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" t:a="1" b="2" xsi:type="x" xml:lang="en"/>"#.utf8))
        try reader.moveToRootElement()
        var anyNames: [String] = [], otherNames: [String] = []
        try reader.forEachAttribute { () throws(XMLDecodingError) in
            if reader.isOpenAttribute(.any) { anyNames.append(reader.localName) }
            if reader.isOpenAttribute(.other("urn:t")) { otherNames.append(reader.localName) }
        }
        #expect(anyNames == ["a", "b"])
        #expect(otherNames == [])
    }

    @Test("A single-valued slot takes one occurrence; the second is duplicateElement naming element and owner")
    func singleSlots() throws {
        var text: String?
        var list: [Int]?
        var any: XMLAnyElement?
        var thrown: XMLDecodingError?
        do {
            try eachChild("<r><s>x</s><l>1 2</l><a><z/></a><s>y</s></r>") { reader in
                switch reader.localName {
                case "s": try reader.readValue(into: &text, in: "R")
                case "l": try reader.readList(into: &list, in: "R")
                default: try reader.readAnyElement(into: &any, in: "R")
                }
            }
        } catch let error as XMLDecodingError {
            thrown = error
        }
        #expect(text == "x")
        #expect(list == [1, 2])
        if case .element(let child)? = any?.children.first { #expect(child.name.localName == "z") } else { Issue.record("no child in <a>") }
        #expect(thrown?.kind == .duplicateElement)
        #expect(thrown?.message == "element <s> appears more than once in <R>")
    }

    @Test("require: the value; missingValue when strict; a reported placeholder when tolerated")
    func require() throws {
        let reader = try XMLPullReader(bytes: Array("<r/>".utf8))
        #expect(try reader.require(Optional("v"), "element V in <R>") == "v")
        #expect(throws: XMLDecodingError.self) { try reader.require(String?.none, "element V in <R>") }
        do {
            _ = try reader.require(Int?.none, "element N in <R>")
        } catch {
            #expect(error.kind == .missingValue)
            #expect(error.message == "missing element N in <R>")
        }
        let reports = Reports()
        reader.toleratesMissingValues = true
        reader.deviationHandler = { reports.append($0) }
        #expect(try reader.require(Int?.none, "element N in <R>") == 0)
        #expect(try reader.require([String]?.none, "element L in <R>") == [])
        #expect(reports.all == [#"missing element N in <R> (decoded as "0")"#, "missing element L in <R> (decoded as an empty list)"])
        // No placeholder for open content, even when tolerated.
        #expect(throws: XMLDecodingError.self) { try reader.require(XMLAnyElement?.none, "element X in <R>") }
    }
}

/// Collects deviation reports from a `@Sendable` handler.
private final class Reports: @unchecked Sendable {
    private var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
    var all: [String] { lines }
}
