import Foundation
import Testing

/// What the CLI prints for broken input: its own diagnostics, never libxml2's raw messages.
@Suite("CLI output on malformed input")
struct CLIStderrTests {
    @Test("bytes invalid in the declared encoding: one diagnostic, no 'encoding error :' lines from libxml2")
    func encodingErrorsAreNotPrintedByLibXML2() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("bad.wsdl")
        try (Array(#"<?xml version="1.0" encoding="EUC-JP"?><a>"#.utf8) + [0xFF, 0xFE, 0x80, 0x81] + Array("</a>".utf8)).withUnsafeBytes {
            try Data($0).write(to: input)
        }
        let process = Process()
        process.executableURL = DeterminismTests().binary
        process.arguments = ["generate", input.path, "--output", root.appendingPathComponent("out").path, "--module-name", "M"]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(output.contains("bad.wsdl:1:"))
        #expect(output.contains("error:"))
        #expect(!output.contains("encoding error :"), "libxml2 printed: \(output)")
        #expect(!output.contains("I/O error :"), "libxml2 printed: \(output)")
    }
}
