@testable import SwiftGenerator
import Testing

@Suite("Pass: RecursionDetector boxes exactly the fields on cycles")
struct RecursionDetectorTests {
    typealias Edge = RecursionDetector.Edge

    @Test("Self-reference, mutual recursion, and edges into a cycle from outside")
    func cycles() {
        let selfLoop = Edge(owner: "Stage", field: "inner", target: "Stage")
        let nodeToLink = Edge(owner: "Node", field: "link", target: "Link")
        let linkToNode = Edge(owner: "Link", field: "target", target: "Node")
        let intoCycle = Edge(owner: "Graph", field: "root", target: "Node")
        let plain = Edge(owner: "Graph", field: "stage", target: "Stage")
        let acyclic = Edge(owner: "A", field: "b", target: "B")
        let boxed = RecursionDetector.fieldsToBox([selfLoop, nodeToLink, linkToNode, intoCycle, plain, acyclic])
        #expect(boxed == [selfLoop, nodeToLink, linkToNode])
    }

    @Test("A long chain back to its start is one cycle; a deep acyclic chain boxes nothing")
    func longChains() {
        let names = (0..<2_000).map { "T\($0)" }
        var chain = zip(names, names.dropFirst()).map { Edge(owner: $0, field: "next", target: $1) }
        #expect(RecursionDetector.fieldsToBox(chain).isEmpty)
        chain.append(Edge(owner: "T1999", field: "first", target: "T0"))
        #expect(RecursionDetector.fieldsToBox(chain).count == 2_000)
    }
}
