import Foundation
import Testing

/// Output must not depend on hash seeds: Swift seeds `Set`/`Dictionary` hashing per process,
/// so two runs of the real CLI differ in iteration order wherever the generator forgot to sort.
@Suite("Determinism across processes")
struct DeterminismTests {
    var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wsdl2swift"),
            packageRoot.appendingPathComponent(".build/debug/wsdl2swift"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    func run(_ wsdl: String, into output: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = packageRoot
        process.arguments = [
            "generate", wsdl, "--config", "Schemas/onvif/location-map.json", "--output", output.path, "--module-name", "M",
            "--mode", "types", "--mode", "client", "--mode", "server", "--quiet",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("Two processes (different hash seeds) write byte-identical files", arguments: [
        "Schemas/onvif/specs/wsdl/ver10/events/wsdl/event.wsdl",
        "Schemas/onvif/specs/wsdl/ver10/advancedsecurity/wsdl/advancedsecurity.wsdl",
        "Schemas/onvif/specs/wsdl/ver20/ptz/wsdl/ptz.wsdl",
        "Tests/Constructs/Constructs.wsdl",
    ])
    func twoProcesses(wsdl: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("determinism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a")
        let b = root.appendingPathComponent("b")
        #expect(try run(wsdl, into: a) == 0)
        #expect(try run(wsdl, into: b) == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names == ["Client.swift", "Server.swift", "Types.swift", "XMLCoding.swift"])
        for name in names {
            let first = try Data(contentsOf: a.appendingPathComponent(name))
            let second = try Data(contentsOf: b.appendingPathComponent(name))
            // The header names the output folder; everything else must match byte for byte.
            let strip = { (data: Data) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2) }
            #expect(strip(first) == strip(second), "\(wsdl): \(name) differs between two runs")
        }
    }
}
