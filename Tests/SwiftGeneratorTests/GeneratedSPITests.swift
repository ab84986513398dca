import Foundation
import Testing

/// The runtime's entry points for generated code sit behind `@_spi(Generated)`: code that
/// imports `SOAPRuntime` plainly cannot see them, and generated code (which imports it with
/// the SPI) can. Checked by type-checking two small files against the built modules.
@Suite("The runtime's @_spi(Generated) surface")
struct GeneratedSPITests {
    var modules: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("Modules"),
            packageRoot.appendingPathComponent(".build/debug/Modules"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("SOAPRuntime.swiftmodule").path) } ?? candidates[1]
    }

    let usesOfTheSPI = """
        func hooks(_ reader: XMLPullReader) throws {
            var text: String?
            try reader.readValue(into: &text, in: "Owner")
            _ = reader.matches(XMLWildcard.other("urn:x"))
            _ = try reader.require(text, "element X in <Owner>")
        }
        func dispatcher(_ d: SOAPDispatcher<Int>?, _ o: SOAPOperation<Int>?) {}
        func client(_ c: SOAPClient) async throws { try await c.send(action: nil, request: SOAPEmptyBody(), as: SOAPEmptyBody.messageElement) }
        """

    /// The compiler's error lines for `source`.
    func typecheck(_ source: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spi-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swiftc", "-typecheck", "-I", modules.path,
            "-Xcc", "-fmodule-map-file=\(packageRoot.appendingPathComponent("Sources/CLibXML2/module.modulemap").path)",
            "-Xcc", "-I/usr/include/libxml2", file.path,
        ]
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.contains("error:") && !$0.contains("`-") }
    }

    @Test("Imported with the SPI (as generated code does), the hooks, the dispatcher and SOAPClient.send are there")
    func visibleWithSPI() throws {
        #expect(try typecheck("@_spi(Generated) import SOAPRuntime\n" + usesOfTheSPI) == [])
    }

    @Test("Imported plainly, none of them is")
    func hiddenWithoutSPI() throws {
        let errors = try typecheck("import SOAPRuntime\n" + usesOfTheSPI)
        for name in ["SOAPDispatcher", "SOAPOperation", "XMLWildcard"] {
            #expect(errors.contains { $0.contains("'\(name)'") }, "\(name) is visible without the SPI: \(errors)")
        }
        #expect(errors.contains { $0.contains("send") || $0.contains("extra argument") || $0.contains("require") }, "\(errors)")
    }
}
