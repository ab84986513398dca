import AppMgmt
import AppMgmtClient
import Foundation
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

/// The `appmgmt-device` executable built beside the test binary.
func deviceExecutable() throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("appmgmt-device"),
        packageRoot.appendingPathComponent(".build/debug/appmgmt-device"),
    ]
    return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "appmgmt-device is not built")
}

/// `appmgmt-device` as a separate process, to kill it with SIGKILL.
final class DeviceProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    /// The administrator password a first start prints.
    let createdPassword: String?

    init(dataDirectory: URL, environment: [String: String]? = nil) throws {
        process.executableURL = try deviceExecutable()
        process.arguments = ["--data-dir", dataDirectory.path, "--port", "0", "--log-level", "warning", "--stop-timeout", "1"]
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read stdout until the "listening on http://127.0.0.1:PORT/..." line.
        var text = ""
        var port: Int?
        let handle = output.fileHandleForReading
        while port == nil {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if text[range.upperBound...].dropFirst(digits.count).first == "/" { port = Int(digits) }
            }
        }
        self.port = try #require(port, "the device did not start: \(text)")
        #expect(!text.contains("password: "), "no password in the device's output when it is not a terminal")
        createdPassword = (try? String(contentsOf: dataDirectory.appendingPathComponent("initial-admin-password"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// The administrator's password, as the device printed it once on its first start.
func adminPassword(_ device: DeviceProcess) throws -> String {
    try #require(device.createdPassword, "the device printed no administrator password")
}

@Suite("AppMgmt device: kill -9 during an installation", .serialized)
struct CrashRecoveryTests {
    @Test("A device killed right after acknowledging an upload ends consistent after a restart", arguments: [false, true])
    func killDuringInstall(isUpdate: Bool) async throws {
        let dir = try temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let v1 = try makePackage(in: dir, version: "1.0.0")
        // A package large enough that unpacking is still running when the device dies.
        let big = try makePackage(in: dir, version: "2.0.0") { source in
            let blob = [UInt8](repeating: 0x5A, count: 24 << 20)
            try Data(blob).write(to: source.appendingPathComponent("payload.bin"))
        }

        var device = try DeviceProcess(dataDirectory: data)
        let password = try adminPassword(device)
        @Sendable func client(_ port: Int) -> AppManagementClient {
            AppManagementClient(
                endpoint: "http://127.0.0.1:\(port)/onvif/app_management", transport: AsyncHTTPClientTransport(),
                security: WSSecurityCredentials(username: "admin", password: password))
        }
        func post(_ package: URL, _ port: Int) async throws -> Int {
            try await http(.POST, "http://127.0.0.1:\(port)/onvif/app_upload", user: "admin", password: password, contentType: "application/gzip", body: Array(Data(contentsOf: package))).status
        }
        if isUpdate {
            #expect(try await post(v1, device.port) == 200)
            let port = device.port
            try await eventually("version 1.0.0 installed") {
                (try? await client(port).getAppsInfo(appID: helloID).info.first?.state) == .inactive
            }
        }
        #expect(try await post(big, device.port) == 200)
        device.kill9()

        // Restart on the same data: the acknowledged upload is installed or ends as failed, never half-installed.
        device = try DeviceProcess(dataDirectory: data)
        defer { device.stop() }
        let port = device.port
        try await eventually(timeout: .seconds(60), "the installation settles after the restart") {
            let apps = try await client(port).getAppsInfo(GetAppsInfo()).info
            return apps.allSatisfy { $0.state == .inactive || $0.state == .active } && !FileManager.default.fileExists(atPath: data.appendingPathComponent("staging").path + "/package")
                && ((try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("uploads").path))?.isEmpty ?? true)
        }
        let apps = try await client(port).getAppsInfo(GetAppsInfo()).info
        if let app = apps.first {
            #expect(["1.0.0", "2.0.0"].contains(app.version))
            let current = data.appendingPathComponent("apps/\(helloID)/current")
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: current.appendingPathComponent("manifest.json"))) as? [String: Any]
            #expect(manifest?["version"] as? String == app.version, "the files on disk are the version reported")
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("apps/\(helloID)/previous").path))
            _ = try await client(port).activate(appID: helloID)
            #expect(try await client(port).getAppsInfo(appID: helloID).info.first?.state == .active)
        } else {
            #expect(!isUpdate, "an update must never lose the installed version")
        }
        let registry = try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("registry.json"))) as? [String: Any]
        #expect(registry?["deviceID"] as? String != nil)
    }
}
