import AppMgmt
import AppMgmtServer
import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import ONVIFSupport
import SOAPHummingbird
import SOAPRuntime
import Testing

#if canImport(Glibc)
import Glibc
#endif

let appMgmtPath = "/onvif/app_management"
let ans = "http://www.onvif.org/ver10/appmgmt/wsdl"
let env12 = "http://www.w3.org/2003/05/soap-envelope"
let soap12ContentType = "application/soap+xml; charset=utf-8"

func action(_ operation: String) -> String { "\(soap12ContentType); action=\"\(ans)/\(operation)\"" }

/// A SOAP 1.2 envelope around `body` (raw XML text).
func envelope(_ body: String, header: String = "") -> String {
    #"<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ans="http://www.onvif.org/ver10/appmgmt/wsdl">"#
        + (header.isEmpty ? "" : "<env:Header>\(header)</env:Header>") + "<env:Body>\(body)</env:Body></env:Envelope>"
}

/// Counts requests to a canary route, so tests can prove the server never fetched anything.
actor Canary {
    var hits = 0
    func hit() { hits += 1 }
}

/// A fixed in-memory service: one app, every operation answers.
struct FixedService: AppManagementService {
    static let app: AppInfo = {
        let date: XSDDateTime
        do { date = try XSDDateTime(xsdLexical: "2024-03-01T12:30:45.123+02:00") } catch { preconditionFailure("\(error)") }
        return AppInfo(
            appID: "com.example.watch", name: "Kamera-Überwachung ✓", version: "1.0", installationDate: date, lastUpdate: date,
            state: .active, status: "Running", autostart: true, website: "https://example.com/watch")
    }()

    func unknown(_ id: String) -> SOAPFault {
        SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "no application with AppID '\(id)'")
    }
    func getServiceCapabilities(_ request: GetServiceCapabilities, context: SOAPRequestContext) async throws -> GetServiceCapabilitiesResponse {
        GetServiceCapabilitiesResponse(capabilities: Capabilities(licensing: true))
    }
    func uninstall(_ request: Uninstall, context: SOAPRequestContext) async throws -> UninstallResponse {
        guard request.appID == Self.app.appID else { throw unknown(request.appID) }
        return UninstallResponse()
    }
    func getInstalledApps(_ request: GetInstalledApps, context: SOAPRequestContext) async throws -> GetInstalledAppsResponse {
        GetInstalledAppsResponse(app: [.init(name: Self.app.name, appID: Self.app.appID)])
    }
    func getAppsInfo(_ request: GetAppsInfo, context: SOAPRequestContext) async throws -> GetAppsInfoResponse {
        if let id = request.appID, id != Self.app.appID { throw unknown(id) }
        return GetAppsInfoResponse(info: [Self.app])
    }
    func activate(_ request: Activate, context: SOAPRequestContext) async throws -> ActivateResponse {
        guard request.appID == Self.app.appID else { throw unknown(request.appID) }
        return ActivateResponse()
    }
    func deactivate(_ request: Deactivate, context: SOAPRequestContext) async throws -> DeactivateResponse {
        guard request.appID == Self.app.appID else { throw unknown(request.appID) }
        return DeactivateResponse()
    }
    func installLicense(_ request: InstallLicense, context: SOAPRequestContext) async throws -> InstallLicenseResponse { InstallLicenseResponse() }
    func getDeviceId(_ request: GetDeviceId, context: SOAPRequestContext) async throws -> GetDeviceIdResponse { GetDeviceIdResponse(deviceId: "device-0001") }
}

/// The endpoint under attack: the generated dispatcher on Hummingbird with a 4 MiB body limit
/// and a short body-read timeout, plus a canary route that must never be hit.
func hostileRouter(canary: Canary, bodyReadTimeout: Duration = .seconds(2)) -> Router<BasicRequestContext> {
    let router = Router()
    router.addSOAPService(
        AppManagementDispatcher(service: FixedService(), faultPolicy: .onvif), at: appMgmtPath,
        options: SOAPEndpointOptions(maxRequestBodyBytes: 4 << 20, bodyReadTimeout: bodyReadTimeout))
    router.get("/canary/{file}") { _, _ -> String in
        await canary.hit()
        return "<!ENTITY x 'canary'>"
    }
    return router
}

/// Runs `router` on 127.0.0.1 on an ephemeral port for the duration of `body`, then stops it.
/// `idleTimeout` closes connections that stay silent that long while a request is read.
func withServer(_ router: Router<BasicRequestContext>, idleTimeout: TimeAmount? = nil, _ body: @Sendable (Int) async throws -> Void) async throws {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: idleTimeout)),
        configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "wsdl2swift-hostile-tests"),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await body(port)
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}

struct HTTPResult: Sendable {
    var status: Int
    var contentType: String?
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The SOAP fault in the body (fails the test when there is none).
    func fault(sourceLocation: SourceLocation = #_sourceLocation) throws -> SOAPFault {
        let reader = try SOAPEnvelopeReader(bytes: body)
        #expect(reader.isFault, "expected a fault, got: \(text.prefix(500))", sourceLocation: sourceLocation)
        return try reader.decodeFault()
    }
}

/// POSTs raw bytes.
func post(_ port: Int, contentType: String? = soap12ContentType, body: [UInt8], path: String = appMgmtPath) async throws -> HTTPResult {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = .POST
    if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
    request.body = .bytes(ByteBuffer(bytes: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let bytes = try await response.body.collect(upTo: 1 << 24)
    return HTTPResult(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: Array(buffer: bytes))
}

func post(_ port: Int, contentType: String? = soap12ContentType, _ body: String) async throws -> HTTPResult {
    try await post(port, contentType: contentType, body: Array(body.utf8))
}

/// Asserts the server still answers a valid request.
func expectStillServing(_ port: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let result = try await post(port, contentType: action("GetAppsInfo"), envelope("<ans:GetAppsInfo/>"))
    #expect(result.status == 200, "server stopped serving: \(result.status) \(result.text.prefix(300))", sourceLocation: sourceLocation)
    let reader = try SOAPEnvelopeReader(bytes: result.body)
    let response = try reader.decodeBody(GetAppsInfoResponse.self)
    #expect(response.info.first?.appID == "com.example.watch", sourceLocation: sourceLocation)
}

/// Asserts a `Sender` fault (HTTP 400) with exactly these subcodes.
func expectSenderFault(_ result: HTTPResult, _ subcodes: [XMLName], sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.status == 400, "status \(result.status): \(result.text.prefix(300))", sourceLocation: sourceLocation)
    #expect(result.contentType?.hasPrefix("application/soap+xml") == true, sourceLocation: sourceLocation)
    let fault = try result.fault(sourceLocation: sourceLocation)
    #expect(fault.code == .sender, "\(fault)", sourceLocation: sourceLocation)
    #expect(fault.subcodes == subcodes, "\(fault)", sourceLocation: sourceLocation)
}

/// Resident set size of this process, in KiB, from /proc/self/status.
func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

/// Opens a TCP connection to 127.0.0.1:`port`, sends `head`, then `body` one byte every
/// `interval`, and returns what the server answered (empty if it answered nothing).
/// Sends `head`, then `body` one byte per `interval` (only its first `stopAfter` bytes, when
/// given: then the client goes silent), and returns what the server answered ("" when it
/// closed the connection without an answer).
func slowDrip(port: Int, head: String, body: [UInt8], interval: Duration, stopAfter: Int? = nil) async throws -> String {
    // On a thread of its own: this blocks for seconds, and a blocked thread of the
    // cooperative pool (two on this machine) would starve the server under test.
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try slowDripBlocking(port: port, head: head, body: body, interval: interval, stopAfter: stopAfter) })
        }
        thread.start()
    }
}

private func slowDripBlocking(port: Int, head: String, body: [UInt8], interval: Duration, stopAfter: Int?) throws -> String {
    try { () throws -> String in
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DripError.socket }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw DripError.connect }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let headBytes = Array(head.utf8)
        _ = headBytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        // Drip until the server answers (poll for readability between bytes).
        for byte in body.prefix(stopAfter ?? body.count) {
            var pollDescriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pollDescriptor, 1, 0) > 0 { break }
            var one = byte
            if send(fd, &one, 1, Int32(MSG_NOSIGNAL)) != 1 { break }
            usleep(useconds_t(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000))
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += chunk[0..<n]
            if String(decoding: received, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        return String(decoding: received, as: UTF8.self)
        #else
        throw DripError.unsupported
        #endif
    }()
}

enum DripError: Error { case socket, connect, unsupported }
