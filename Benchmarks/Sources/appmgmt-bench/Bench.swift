import AppMgmt
import AppMgmtServer
import BenchSupport
import Foundation
import MallocInterposerSwift
import SOAPRuntime
import SwiftGenerator
import WSDLParser
import XMLCoder

/// `swift run -c release --package-path Benchmarks appmgmt-bench [--quick] [--write-corpus DIR] [--allocations-only]`
@main
struct AppMgmtBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        if let i = arguments.firstIndex(of: "--write-corpus"), i + 1 < arguments.count {
            try writeCorpus(to: arguments[i + 1])
            return
        }
        if let i = arguments.firstIndex(of: "--profile"), i + 3 < arguments.count, let n = Int(arguments[i + 2]), let reps = Int(arguments[i + 3]) {
            try profile(arguments[i + 1], n, reps)
            return
        }
        if let i = arguments.firstIndex(of: "--write-bench-corpus"), i + 1 < arguments.count {
            try writeBenchCorpus(to: arguments[i + 1])
            return
        }
        if arguments.contains("--codec-tsv") {
            var harness = Harness()
            if arguments.contains("--quick") {
                harness.rounds = 3
            }
            for n in [10, 1000, 10000] { try codecTSV(n, harness) }
            return
        }
        if arguments.contains("--allocations-only") {
            try allocations()
            return
        }
        let quick = arguments.contains("--quick")
        var harness = Harness()
        if quick {
            harness.rounds = 5
            harness.targetSample = .milliseconds(15)
        }
        #if DEBUG
        print("warning: a debug build; run with -c release for real figures")
        #endif
        print("appmgmt-bench: medians of \(harness.rounds) interleaved samples of >= \(harness.targetSample) each; ratios are from the same run")
        let sizes = arguments.contains("--sizes-small") ? [10, 1000] : [10, 1000, 10000]
        for n in sizes { try codecCases(n, harness) }
        for n in sizes {
            do {
                try xmlCoderCases(n, harness)
            } catch {
                print("\nXMLCoder 0.18.2, \(n) AppInfo: XMLCoder failed: \(error)")
                verdicts.append("n/a    decode, \(n) apps / XMLCoder decode: XMLCoder cannot decode this message (\(error))")
            }
        }
        for n in sizes { try await dispatcherCase(n, harness) }
        try codegenCase(harness)
        try allocationsInChild()
        print("\nTargets")
        for line in verdicts { print("  " + line) }
    }

    // MARK: Decode and encode

    static func codecCases(_ n: Int, _ harness: Harness) throws {
        let response = BenchMessages.response(count: n)
        let body = response.xmlBytes()
        let envelope = SOAPEnvelopeWriter.message(response, version: .soap12)
        // Sanity: both decode back to the value.
        guard try GetAppsInfoResponse(xmlBytes: body) == response else { throw BenchError("body round trip differs") }
        let reader = try SOAPEnvelopeReader(bytes: envelope, expectedVersion: .soap12)
        guard try reader.decodeBody(GetAppsInfoResponse.self) == response else { throw BenchError("envelope round trip differs") }
        try reader.finish()

        let times = try harness.measure([
            Workload(name: "libxml2 pass-through (body)", bytes: body.count) { blackHole(libxml2PassThrough(body)) },
            Workload(name: "generated decode (body)", bytes: body.count) { blackHole(try GetAppsInfoResponse(xmlBytes: body)) },
            Workload(name: "generated encode (body)", bytes: body.count) { blackHole(response.xmlBytes()) },
            Workload(name: "libxml2 pass-through (envelope)", bytes: envelope.count) { blackHole(libxml2PassThrough(envelope)) },
            Workload(name: "generated decode (envelope)", bytes: envelope.count) {
                let reader = try SOAPEnvelopeReader(bytes: envelope, expectedVersion: .soap12)
                blackHole(try reader.decodeBody(GetAppsInfoResponse.self))
                try reader.finish()
            },
            Workload(name: "generated encode (envelope)", bytes: envelope.count) { blackHole(SOAPEnvelopeWriter.message(response, version: .soap12)) },
            Workload(name: "libxml2 SAX2 pass-through (body)", bytes: body.count) { blackHole(libxml2SAXPassThrough(body)) },
        ])
        print("\nGetAppsInfoResponse, \(n) AppInfo: body \(body.count) bytes, envelope \(envelope.count) bytes")
        let passBody = mbPerSecond(body.count, times[0])
        let passEnv = mbPerSecond(envelope.count, times[3])
        row("libxml2 pass-through, body", body.count, times[0], baseline: nil)
        row("generated decode, body", body.count, times[1], baseline: passBody)
        row("generated encode, body", body.count, times[2], baseline: passBody)
        row("libxml2 pass-through, envelope", envelope.count, times[3], baseline: nil)
        row("generated decode, envelope", envelope.count, times[4], baseline: passEnv)
        row("generated encode, envelope", envelope.count, times[5], baseline: passEnv)
        row("(reference) libxml2 SAX2, body", body.count, times[6], baseline: passBody)
        print("  per AppInfo: decode \(fmt(times[1] / Double(n) * 1e9, 0)) ns, encode \(fmt(times[2] / Double(n) * 1e9, 0)) ns")
        verdict("decode body, \(n) apps / pass-through", mbPerSecond(body.count, times[1]) / passBody, atLeast: 0.8)
        verdict("decode envelope, \(n) apps / pass-through", mbPerSecond(envelope.count, times[4]) / passEnv, atLeast: 0.8)
        verdict("encode body, \(n) apps / pass-through", mbPerSecond(body.count, times[2]) / passBody, atLeast: 3)
        verdict("encode envelope, \(n) apps / pass-through", mbPerSecond(envelope.count, times[5]) / passEnv, atLeast: 3)
    }

    static func row(_ name: String, _ bytes: Int, _ seconds: Double, baseline: Double?) {
        let rate = mbPerSecond(bytes, seconds)
        var line = "  " + pad(name, 34) + pad(fmt(rate) + " MB/s", 14) + pad(fmt(seconds * 1e6, 1) + " µs", 14)
        if let baseline { line += fmt(rate / baseline, 2) + "x pass-through" }
        print(line)
    }

    // MARK: XMLCoder

    static func xmlCoderCases(_ n: Int, _ harness: Harness) throws {
        // Whole-second dates: what `.iso8601` reads. Same bytes for both decoders.
        let response = BenchMessages.response(count: n, fractions: false)
        let body = response.xmlBytes()
        let data = Data(body)
        let decoder = xmlCoderDecoder()
        let encoder = xmlCoderEncoder()
        let decoded = try decoder.decode(XCGetAppsInfoResponse.self, from: data)
        guard decoded.info.count == n, decoded.info.first?.installationDate == response.info.first?.installationDate.date else {
            throw BenchError("XMLCoder decoded something else")
        }
        let codable = decoded
        let xmlCoderBytes = try encoder.encode(codable, withRootKey: "GetAppsInfoResponse").count
        var h = harness
        if n >= 10000 { h.rounds = 3; h.targetSample = .milliseconds(1) }
        let times = try h.measure([
            Workload(name: "generated decode", bytes: body.count) { blackHole(try GetAppsInfoResponse(xmlBytes: body)) },
            Workload(name: "XMLCoder decode", bytes: body.count) { blackHole(try decoder.decode(XCGetAppsInfoResponse.self, from: data)) },
            Workload(name: "generated encode", bytes: body.count) { blackHole(response.xmlBytes()) },
            Workload(name: "XMLCoder encode", bytes: xmlCoderBytes) { blackHole(try encoder.encode(codable, withRootKey: "GetAppsInfoResponse")) },
        ])
        print("\nXMLCoder 0.18.2 (.iso8601), \(n) AppInfo, whole-second dates: \(body.count) bytes")
        let xcDecode = mbPerSecond(body.count, times[1])
        let xcEncode = mbPerSecond(xmlCoderBytes, times[3])
        print("  " + pad("XMLCoder decode", 34) + pad(fmt(xcDecode) + " MB/s", 14) + fmt(times[1] * 1e6, 1) + " µs")
        print("  " + pad("generated decode", 34) + pad(fmt(mbPerSecond(body.count, times[0])) + " MB/s", 14) + pad(fmt(times[0] * 1e6, 1) + " µs", 14) + fmt(times[1] / times[0], 1) + "x XMLCoder (same bytes, time ratio)")
        print("  " + pad("XMLCoder encode", 34) + pad(fmt(xcEncode) + " MB/s", 14) + fmt(times[3] * 1e6, 1) + " µs")
        print("  " + pad("generated encode", 34) + pad(fmt(mbPerSecond(body.count, times[2])) + " MB/s", 14) + pad(fmt(times[2] * 1e6, 1) + " µs", 14) + fmt(times[3] / times[2], 1) + "x XMLCoder (same values, time ratio)")
        verdict("decode, \(n) apps / XMLCoder decode", times[1] / times[0], atLeast: 50)
    }

    // MARK: Dispatcher

    static func dispatcherCase(_ n: Int, _ harness: Harness) async throws {
        let dispatcher = AppManagementDispatcher(service: FixedAppManagement(apps: BenchMessages.response(count: n).info))
        let request = SOAPServerRequest(
            contentType: "application/soap+xml; charset=utf-8; action=\"http://www.onvif.org/ver10/appmgmt/wsdl/GetAppsInfo\"",
            body: BenchMessages.getAppsInfoRequest)
        let first = await dispatcher.handle(request)
        guard first.status == 200 else { throw BenchError("dispatcher answered \(first.status): \(String(decoding: first.body, as: UTF8.self))") }
        let responseBytes = first.body
        // The async call cannot go through the synchronous harness: time it here the same way.
        let clock = ContinuousClock()
        var iterations = 1
        while true {
            let start = clock.now
            for _ in 0..<iterations { blackHole(await dispatcher.handle(request).body.count) }
            if clock.now - start >= harness.targetSample / 4 { break }
            iterations *= 4
        }
        iterations *= 4
        var samples: [Double] = []
        var passSamples: [Double] = []
        let passIterations = try harness.iterations(for: Workload(name: "", bytes: 0) { blackHole(libxml2PassThrough(responseBytes)) })
        for _ in 0..<harness.rounds {
            var start = clock.now
            for _ in 0..<iterations { blackHole(await dispatcher.handle(request).body.count) }
            samples.append((clock.now - start).seconds / Double(iterations))
            start = clock.now
            for _ in 0..<passIterations { blackHole(libxml2PassThrough(responseBytes)) }
            passSamples.append((clock.now - start).seconds / Double(passIterations))
        }
        let t = samples.sorted()[samples.count / 2]
        let p = passSamples.sorted()[passSamples.count / 2]
        print("\nGetAppsInfo request → AppManagementDispatcher.handle → response, \(n) AppInfo (no network)")
        print("  " + pad("round trip", 34) + pad(fmt(mbPerSecond(responseBytes.count, t)) + " MB/s", 14) + pad(fmt(t * 1e6, 1) + " µs", 14)
            + fmt(1 / t, 0) + " req/s; " + fmt(p / t, 2) + "x pass-through over the \(responseBytes.count)-byte response")
    }

    // MARK: Code generation

    static func codegenCase(_ harness: Harness) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let wsdl = root.appendingPathComponent("Schemas/AppMgmt.wsdl").path
        let configuration = GeneratorConfiguration(modes: [.types, .client, .server], moduleName: "AppMgmt")
        let renderer = try TemplateRenderer()
        let generator = Generator(configuration: configuration, renderer: renderer)
        let description = try WSDLParser().parse(file: wsdl)
        let output = try generator.generate(description).reduce(0) { $0 + $1.contents.utf8.count }
        var inputBytes = 0
        for document in description.documents {
            inputBytes += (try? Data(contentsOf: URL(fileURLWithPath: document)).count) ?? 0
        }
        var h = harness
        h.rounds = max(5, harness.rounds / 2)
        let times = try h.measure([
            Workload(name: "parse", bytes: inputBytes) { blackHole(try WSDLParser().parse(file: wsdl)) },
            Workload(name: "parse + generate", bytes: output) { blackHole(try generator.generate(try WSDLParser().parse(file: wsdl))) },
        ])
        print("\nCode generation of Schemas/AppMgmt.wsdl (types, client, server): \(description.documents.count) documents, \(inputBytes) bytes in, \(output) bytes of Swift out")
        print("  " + pad("parse (WSDLParser)", 34) + pad(fmt(times[0] * 1e3, 2) + " ms", 14) + fmt(mbPerSecond(inputBytes, times[0]), 2) + " MB/s of schema")
        print("  " + pad("parse + generate", 34) + pad(fmt(times[1] * 1e3, 2) + " ms", 14) + fmt(mbPerSecond(output, times[1]), 2) + " MB/s of Swift")
    }

    // MARK: Allocations

    /// Allocation counts need the interposer loaded before main: rerun this binary with
    /// LD_PRELOAD set to the interposer library built beside it.
    static func allocationsInChild() throws {
        MallocInterposerSwift.initialize()
        MallocInterposerSwift.hook()
        blackHole([UInt8](repeating: 1, count: 4096))
        MallocInterposerSwift.unhook()
        if MallocInterposerSwift.getStatistics().mallocCount > 0 {
            try allocations()
            return
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent("libMallocInterposerSwift.so")
        guard FileManager.default.fileExists(atPath: library.path) else {
            print("\nAllocations: \(library.path) not found; not counted")
            return
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--allocations-only"]
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = library.path
        process.environment = environment
        try process.run()
        process.waitUntilExit()
    }

    static func allocations() throws {
        let n = 1000
        let response = BenchMessages.response(count: n)
        let body = response.xmlBytes()
        func count(_ body: () throws -> Void) rethrows -> (mallocs: Int, bytes: Int) {
            try body()  // warm caches, lazy globals
            MallocInterposerSwift.initialize()
            MallocInterposerSwift.hook()
            try body()
            MallocInterposerSwift.unhook()
            let stats = MallocInterposerSwift.getStatistics()
            return (Int(stats.mallocCount), Int(stats.mallocBytesCount))
        }
        let decode = try count { blackHole(try GetAppsInfoResponse(xmlBytes: body)) }
        let pass = count { blackHole(libxml2PassThrough(body)) }
        let sax = count { blackHole(libxml2SAXPassThrough(body)) }
        let encode = count { blackHole(response.xmlBytes()) }
        let app = BenchMessages.app(0)
        let single = try count { blackHole(try GetAppsInfoResponse(xmlBytes: GetAppsInfoResponse(info: [app]).xmlBytes())) }
        print("\nAllocations (ordo-one/malloc-interposer, LD_PRELOAD), GetAppsInfoResponse with \(n) AppInfo (\(body.count) bytes)")
        print("  generated decode: \(decode.mallocs) mallocs = \(fmt(Double(decode.mallocs) / Double(n), 1)) per AppInfo, \(fmt(Double(decode.bytes) / Double(n), 0)) bytes per AppInfo")
        print("  libxml2 xmlTextReader pass-through (baseline): \(pass.mallocs) mallocs = \(fmt(Double(pass.mallocs) / Double(n), 1)) per AppInfo")
        print("  libxml2 SAX2 pass-through (what the decoder parses with): \(sax.mallocs) mallocs = \(fmt(Double(sax.mallocs) / Double(n), 1)) per AppInfo")
        print("  => decoder's own (Swift values, strings, open content, event buffers): \(fmt(Double(decode.mallocs - sax.mallocs) / Double(n), 1)) per AppInfo")
        print("  generated encode: \(encode.mallocs) mallocs = \(fmt(Double(encode.mallocs) / Double(n), 1)) per AppInfo")
        print("  one-AppInfo document, encode + decode: \(single.mallocs) mallocs")
    }

    // MARK: Profiling

    /// `--profile decode|encode|passthrough|envelope N REPS`: one workload in a loop, for
    /// valgrind --tool=callgrind.
    static func profile(_ what: String, _ n: Int, _ reps: Int) throws {
        let response = BenchMessages.response(count: n)
        let body = response.xmlBytes()
        let envelope = SOAPEnvelopeWriter.message(response, version: .soap12)
        for _ in 0..<reps {
            switch what {
            case "decode": blackHole(try GetAppsInfoResponse(xmlBytes: body))
            case "encode": blackHole(response.xmlBytes())
            case "envelope": blackHole(SOAPEnvelopeWriter.message(response, version: .soap12))
            case "passthrough": blackHole(libxml2PassThrough(body))
            case "sax": blackHole(libxml2SAXPassThrough(body))
            default: throw BenchError("unknown workload \(what)")
            }
        }
        blackHole(envelope.count)
    }

    // MARK: Corpus

    /// Writes the benchmark messages as fuzzing seeds.
    /// `--write-bench-corpus DIR`: the envelopes the codec cases measure (`envelope-N.xml`,
    /// N = 10, 1000, 10000), for other codecs to be measured on the very same bytes.
    static func writeBenchCorpus(to directory: String) throws {
        let url = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for n in [10, 1000, 10000] {
            let envelope = SOAPEnvelopeWriter.message(BenchMessages.response(count: n), version: .soap12)
            try Data(envelope).write(to: url.appendingPathComponent("envelope-\(n).xml"))
        }
    }

    /// `--codec-tsv`: decode and encode of the envelopes `--write-bench-corpus` writes, and
    /// libxml2's passes over them from Swift, one line each: `swift<TAB>WORKLOAD<TAB>APPS<TAB>MB/s`
    /// (medians), what scripts/gsoap/codec-bench.sh puts beside gSOAP's.
    static func codecTSV(_ n: Int, _ harness: Harness) throws {
        let response = BenchMessages.response(count: n)
        let envelope = SOAPEnvelopeWriter.message(response, version: .soap12)
        let times = try harness.measure([
            Workload(name: "decode envelope", bytes: envelope.count) {
                let reader = try SOAPEnvelopeReader(bytes: envelope, expectedVersion: .soap12)
                blackHole(try reader.decodeBody(GetAppsInfoResponse.self))
                try reader.finish()
            },
            Workload(name: "encode envelope", bytes: envelope.count) { blackHole(SOAPEnvelopeWriter.message(response, version: .soap12)) },
            Workload(name: "libxml2 xmlTextReader walk", bytes: envelope.count) { blackHole(libxml2PassThrough(envelope)) },
            Workload(name: "libxml2 SAX2 walk", bytes: envelope.count) { blackHole(libxml2SAXPassThrough(envelope)) },
        ])
        for (name, time) in zip(["decode envelope", "encode envelope", "libxml2 xmlTextReader walk", "libxml2 SAX2 walk"], times) {
            print("swift\t\(name)\t\(n)\t\(fmt(mbPerSecond(envelope.count, time)))")
        }
    }

    static func writeCorpus(to directory: String) throws {
        let url = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for n in [1, 3] {
            let response = BenchMessages.response(count: n)
            try Data(response.xmlBytes()).write(to: url.appendingPathComponent("GetAppsInfoResponse-\(n).xml"))
            try Data(SOAPEnvelopeWriter.message(response, version: .soap12)).write(to: url.appendingPathComponent("GetAppsInfoResponse-envelope-\(n).xml"))
        }
        try Data(BenchMessages.getAppsInfoRequest).write(to: url.appendingPathComponent("GetAppsInfo-envelope.xml"))
        print("wrote seeds to \(directory)")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
