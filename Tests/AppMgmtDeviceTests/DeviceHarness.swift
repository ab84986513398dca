import AppMgmt
import AppMgmtClient
import AppMgmtDevice
import AsyncHTTPClient
import Foundation
import HTTPDigestAuth
import Logging
import NIOCore
import NIOHTTP1
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("appmgmt-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Builds an app package from Examples/HelloApp, optionally changing the manifest or adding files.
func makePackage(in directory: URL, version: String = "1.0.0", autostart: Bool = false, extra: (URL) throws -> Void = { _ in }) throws -> URL {
    let source = directory.appendingPathComponent("src-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Examples/HelloApp"), to: source)
    let manifestURL = source.appendingPathComponent("manifest.json")
    var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any] ?? [:]
    manifest["version"] = version
    manifest["autostart"] = autostart
    try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
    try extra(source)
    let archive = directory.appendingPathComponent("hello-\(version)-\(UUID().uuidString).tar.gz")
    try run("tar", "-czf", archive.path, "-C", source.path, ".")
    return archive
}

/// Runs a command and fails the test on a non-zero exit.
@discardableResult
func run(_ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(arguments.joined(separator: " ")) failed")
    return String(decoding: data, as: UTF8.self)
}

/// A device running in-process on 127.0.0.1 with an ephemeral port.
struct RunningDevice: Sendable {
    var device: AppMgmtDevice
    var port: Int
    var admin: DeviceUser
    var base: String { "\(device.configuration.usesTLS ? "https" : "http")://127.0.0.1:\(port)" }

    func client(_ user: String? = nil, _ password: String? = nil) -> AppManagementClient {
        let credentials = user.map { WSSecurityCredentials(username: $0, password: password ?? "") }
        return AppManagementClient(endpoint: base + "/onvif/app_management", transport: AsyncHTTPClientTransport(), security: credentials)
    }

    var adminClient: AppManagementClient { client(admin.username, admin.password) }
}

/// Starts a device on `dataDirectory`, runs `body`, stops it.
func withDevice(
    dataDirectory: URL, maxUploadBytes: Int = 64 << 20, uploadTimeout: Duration = .seconds(60),
    configure: (inout DeviceConfiguration) -> Void = { _ in },
    _ body: @Sendable (RunningDevice, AsyncStream<AppStateEvent>) async throws -> Void
) async throws {
    var logger = Logger(label: "test-device")
    // APPMGMT_TEST_LOG=info (or debug) shows what the devices of the tests do.
    logger.logLevel = ProcessInfo.processInfo.environment["APPMGMT_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
    var configuration = DeviceConfiguration(
        dataDirectory: dataDirectory, port: 0, maxUploadBytes: maxUploadBytes, uploadTimeout: uploadTimeout, stopTimeout: .seconds(2))
    configure(&configuration)
    let device = try AppMgmtDevice(configuration: configuration, logger: logger)
    let admin: DeviceUser
    if let created = device.createdAdministrator {
        admin = created
    } else {
        admin = try #require(await device.users.all.first { $0.level == .administrator })
    }
    let events = device.stateEvents()
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try await device.run { port in
                continuation.yield(port)
                continuation.finish()
            }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await body(RunningDevice(device: device, port: port, admin: admin), events)
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}

/// Collects events until `predicate` holds for the list, or fails after `timeout`.
func awaitEvents(_ events: AsyncStream<AppStateEvent>, timeout: Duration = .seconds(30), until predicate: @escaping @Sendable ([AppStateEvent]) -> Bool) async throws -> [AppStateEvent] {
    try await withThrowingTaskGroup(of: [AppStateEvent]?.self) { group in
        group.addTask {
            var seen: [AppStateEvent] = []
            for await event in events {
                seen.append(event)
                if predicate(seen) { return seen }
            }
            return seen
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        let first = try await group.next() ?? nil
        return try #require(first, "timed out waiting for state events")
    }
}

/// A plain HTTP exchange, answering a Digest challenge when credentials are given.
func http(
    _ method: HTTPMethod, _ url: String, user: String? = nil, password: String? = nil, contentType: String? = nil,
    body: [UInt8]? = nil, omitLength: Bool = false
) async throws -> (status: Int, headers: [String: String], body: [UInt8]) {
    func send(authorization: String?) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            if omitLength {
                let chunks = AsyncStream<ByteBuffer> { continuation in
                    continuation.yield(ByteBuffer(bytes: body))
                    continuation.finish()
                }
                request.body = .stream(chunks, length: .unknown)
            } else {
                request.body = .bytes(ByteBuffer(bytes: body))
            }
        }
        return try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    }
    var response = try await send(authorization: nil)
    if response.status.code == 401, let user, let password, let header = response.headers.first(name: "WWW-Authenticate"),
        let challenge = DigestChallenge(header: header)
    {
        _ = try await response.body.collect(upTo: 1 << 20)
        let uri = URL(string: url)?.path ?? "/"
        response = try await send(authorization: DigestClient.authorization(for: challenge, method: method.rawValue, uri: uri, username: user, password: password))
    }
    let bytes = try await response.body.collect(upTo: 256 << 20)
    var headers: [String: String] = [:]
    for header in response.headers { headers[header.name.lowercased()] = header.value }
    return (Int(response.status.code), headers, Array(buffer: bytes))
}

/// Uploads a package as the administrator.
func upload(_ device: RunningDevice, _ package: URL) async throws -> Int {
    try await http(.POST, device.base + "/onvif/app_upload", user: device.admin.username, password: device.admin.password, contentType: "application/gzip", body: Array(Data(contentsOf: package))).status
}

/// Whether a process with this pid exists.
func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

/// Waits until `condition` holds (polling), or fails.
func eventually(timeout: Duration = .seconds(15), _ comment: Comment, _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record(comment)
}
