import AppMgmt
import AppMgmtClient
import AppMgmtDevice
import Foundation
import HTTPDigestAuth
import ONVIFSupport
import SOAPRuntime
import Testing

let helloID = "com.example.hello"

/// The state sequence of one app in a list of events.
func states(_ events: [AppStateEvent], _ id: String = helloID) -> [AppState] {
    events.filter { $0.appID == id }.map(\.state)
}

@Suite("AppMgmt device: real packages, processes and files on 127.0.0.1", .serialized)
struct DeviceLifecycleTests {
    @Test("Install, activate, deactivate, crash, update while active, uninstall")
    func lifecycle() async throws {
        let dir = try temporaryDirectory("lifecycle")
        defer { try? FileManager.default.removeItem(at: dir) }
        let v1 = try makePackage(in: dir, version: "1.0.0")
        let v2 = try makePackage(in: dir, version: "1.1.0")
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            let client = device.adminClient

            // Upload → Installing → Inactive.
            #expect(try await upload(device, v1) == 200)
            let installed = try await awaitEvents(events) { states($0).contains(.inactive) }
            #expect(states(installed) == [.installing, .inactive])
            let info = try #require(try await client.getAppsInfo(appID: helloID).info.first)
            #expect(info.name == "Hello, Device")
            #expect(info.version == "1.0.0")
            #expect(info.state == .inactive)
            #expect(info.privileges == ["events.publish"])
            #expect(info.website == "https://example.com/hello")
            #expect(info.openSource == "https://example.com/hello/licenses.html")
            #expect(info.configuration == device.base + "/onvif/apps/\(helloID)/configuration")
            #expect(info.interfaceDescription == ["https://example.com/hello/openapi.yaml"])
            #expect(info.installationDate.date.timeIntervalSinceNow > -60)
            #expect(try await client.getInstalledApps().app.map(\.appID) == [helloID])

            // Activate: the entry point runs as a child process.
            _ = try await client.activate(appID: helloID)
            let pid = try #require(await device.device.registry.pid(of: helloID))
            #expect(processExists(pid))
            #expect(try await client.getAppsInfo(appID: helloID).info.first?.state == .active)
            let heartbeats = device.device.registry.directory(of: helloID).appendingPathComponent("config/heartbeats")
            try await eventually("the app writes into its configuration folder") { FileManager.default.fileExists(atPath: heartbeats.path) }

            // Deactivate: it is gone.
            _ = try await client.deactivate(appID: helloID)
            #expect(!processExists(pid))
            #expect(try await client.getAppsInfo(appID: helloID).info.first?.state == .inactive)

            // Crash: Inactive with a Status naming the signal.
            _ = try await client.activate(appID: helloID)
            let crashing = try #require(await device.device.registry.pid(of: helloID))
            kill(crashing, SIGKILL)
            let crashed = try await awaitEvents(events) { $0.contains { $0.state == .inactive && $0.status?.contains("signal 9") == true } }
            #expect(crashed.last?.status?.contains("SIGKILL") == true)
            let afterCrash = try #require(try await client.getAppsInfo(appID: helloID).info.first)
            #expect(afterCrash.state == .inactive)
            #expect(afterCrash.status.contains("signal 9"))

            // Update while Active: Inactive first, then Installing → Inactive, new version.
            _ = try await client.activate(appID: helloID)
            let oldPid = try #require(await device.device.registry.pid(of: helloID))
            #expect(try await upload(device, v2) == 200)
            let updated = try await awaitEvents(events) { seen in
                let s = states(seen)
                return s.count >= 3 && s.suffix(2) == [.installing, .inactive]
            }
            #expect(states(updated).suffix(3) == [.inactive, .installing, .inactive])
            #expect(!processExists(oldPid))
            #expect(try await client.getAppsInfo(appID: helloID).info.first?.version == "1.1.0")

            // Uninstall: Uninstalling → Removed, files gone, unknown afterwards.
            _ = try await client.uninstall(appID: helloID)
            let removed = try await awaitEvents(events) { states($0).contains(.removed) }
            #expect(states(removed).suffix(2) == [.uninstalling, .removed])
            #expect(!FileManager.default.fileExists(atPath: device.device.registry.directory(of: helloID).path))
            #expect(try await client.getInstalledApps().app.isEmpty)
            do {
                _ = try await client.activate(appID: helloID)
                Issue.record("expected UnknownId")
            } catch let fault as SOAPFault {
                #expect(fault.subcodes == [.invalidArgVal, .unknownId])
            }
        }
    }

    @Test("Autostart apps start after installation and after a restart; state and device id persist")
    func autostartAndRestart() async throws {
        let dir = try temporaryDirectory("restart")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let package = try makePackage(in: dir, autostart: true)
        let firstID = try await withDeviceReturning(data) { device, events in
            #expect(try await upload(device, package) == 200)
            let seen = try await awaitEvents(events) { states($0).contains(.active) }
            #expect(states(seen) == [.installing, .inactive, .active])
            _ = try await device.adminClient.installLicense(
                appID: nil, license: LicenseFormat.encode(.init(appID: helloID, name: "Commercial", validUntil: "2030-01-01T00:00:00Z")))
            return try await device.adminClient.getDeviceId().deviceId
        }
        try await withDevice(dataDirectory: data) { device, events in
            #expect(try await device.adminClient.getDeviceId().deviceId == firstID)
            try await eventually("the autostart app runs again after the restart") {
                try await device.adminClient.getAppsInfo(appID: helloID).info.first?.state == .active
            }
            let info = try #require(try await device.adminClient.getAppsInfo(appID: helloID).info.first)
            #expect(info.licenses.map(\.name) == ["Commercial"])
            #expect(info.licenses.first?.validUntil?.xsdLexical == "2030-01-01T00:00:00Z")
        }
    }

    func withDeviceReturning<T: Sendable>(_ data: URL, _ body: @escaping @Sendable (RunningDevice, AsyncStream<AppStateEvent>) async throws -> T) async throws -> T {
        let box = ResultBox<T>()
        try await withDevice(dataDirectory: data) { device, events in
            await box.set(try await body(device, events))
        }
        return try #require(await box.value)
    }
}

actor ResultBox<T: Sendable> {
    var value: T?
    func set(_ value: T) { self.value = value }
}

@Suite("AppMgmt device: upload status codes and failed installations", .serialized)
struct UploadTests {
    @Test("401, 411, 415, 413, 408 and 200")
    func statusCodes() async throws {
        let dir = try temporaryDirectory("upload")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        let bytes = Array(try Data(contentsOf: package))
        try await withDevice(dataDirectory: dir.appendingPathComponent("data"), maxUploadBytes: 64 << 10, uploadTimeout: .seconds(1)) { device, _ in
            try await device.device.users.set(DeviceUser(username: "viewer", password: "v", level: .user))
            let url = device.base + "/onvif/app_upload"
            let admin = device.admin

            let anonymous = try await http(.POST, url, contentType: "application/gzip", body: bytes)
            #expect(anonymous.status == 401)
            #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Digest ") == true)
            #expect(try await http(.POST, url, user: admin.username, password: "wrong", contentType: "application/gzip", body: bytes).status == 401)
            #expect(try await http(.POST, url, user: "viewer", password: "v", contentType: "application/gzip", body: bytes).status == 401)
            #expect(try await http(.POST, url, user: admin.username, password: admin.password, contentType: "application/gzip", body: bytes, omitLength: true).status == 411)
            #expect(try await http(.POST, url, user: admin.username, password: admin.password, body: bytes).status == 415)
            #expect(try await http(.POST, url, user: admin.username, password: admin.password, contentType: "application/zip", body: bytes).status == 415)
            #expect(try await http(.POST, url, user: admin.username, password: admin.password, contentType: "application/gzip", body: Array(repeating: 0, count: 128 << 10)).status == 413)
            #expect(try await slowUpload(device, bytes: bytes) == 408)
            #expect(try await http(.POST, url, user: admin.username, password: admin.password, contentType: "application/gzip", body: bytes).status == 200)
        }
    }

    /// Sends the package one byte per 100 ms on a raw socket, with valid Digest credentials.
    func slowUpload(_ device: RunningDevice, bytes: [UInt8]) async throws -> Int {
        let url = device.base + "/onvif/app_upload"
        let probe = try await http(.POST, url, contentType: "application/gzip", body: [])
        let challenge = try #require(probe.headers["www-authenticate"].flatMap { DigestChallenge(header: $0) })
        let authorization = DigestClient.authorization(for: challenge, method: "POST", uri: "/onvif/app_upload", username: device.admin.username, password: device.admin.password)
        return try await RawSocket.slowPost(port: device.port, path: "/onvif/app_upload", headers: ["Content-Type": "application/gzip", "Authorization": authorization], body: bytes, delay: .milliseconds(100))
    }

    @Test("Bad archive, bad manifest and path traversal end as InstallationFailed with a reason")
    func failedInstallations() async throws {
        let dir = try temporaryDirectory("failed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let notArchive = dir.appendingPathComponent("junk.tar.gz")
        try Data("this is not a tar.gz".utf8).write(to: notArchive)
        let badManifest = try makePackage(in: dir) { source in
            try Data(#"{"id": "bad id!", "name": "x"}"#.utf8).write(to: source.appendingPathComponent("manifest.json"))
        }
        // An archive whose member climbs out of the package folder.
        let traversal = dir.appendingPathComponent("evil.tar.gz")
        let evilRoot = dir.appendingPathComponent("evil/inner")
        try FileManager.default.createDirectory(at: evilRoot, withIntermediateDirectories: true)
        try Data("pwned".utf8).write(to: dir.appendingPathComponent("evil/escape.txt"))
        try run("tar", "-czf", traversal.path, "-C", evilRoot.path, "--absolute-names", "../escape.txt")

        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            for (package, expected) in [(notArchive, "not a valid tar.gz"), (badManifest, "manifest"), (traversal, "path traversal")] {
                #expect(try await upload(device, package) == 200)
                let seen = try await awaitEvents(events) { $0.contains { $0.state == .installationFailed } }
                let failure = try #require(seen.last { $0.state == .installationFailed })
                #expect(failure.status?.contains(expected) == true, "\(failure)")
            }
            #expect(try await device.adminClient.getInstalledApps().app.isEmpty)
            let data = dir.appendingPathComponent("data")
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("escape.txt").path))
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("staging/escape.txt").path))
        }
    }

    @Test("A failed update keeps the previous version working")
    func failedUpdateKeepsPrevious() async throws {
        let dir = try temporaryDirectory("failed-update")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try makePackage(in: dir, version: "1.0.0")
        let broken = try makePackage(in: dir, version: "2.0.0") { source in
            try FileManager.default.removeItem(at: source.appendingPathComponent("bin/hello.sh"))
        }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, good) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            #expect(try await upload(device, broken) == 200)
            let seen = try await awaitEvents(events) { states($0).contains(.installationFailed) }
            #expect(seen.last?.status?.contains("entry point") == true)
            let info = try #require(try await device.adminClient.getAppsInfo(appID: helloID).info.first)
            #expect(info.version == "1.0.0")
            _ = try await device.adminClient.activate(appID: helloID)
            #expect(await device.device.registry.pid(of: helloID) != nil)
        }
    }
}

@Suite("AppMgmt device: configuration backup and restore, licenses, access policy", .serialized)
struct DeviceServiceTests {
    @Test("GET returns the blob, POST restores it, an incompatible version gets 521")
    func backupRestore() async throws {
        let dir = try temporaryDirectory("backup")
        defer { try? FileManager.default.removeItem(at: dir) }
        let v1 = try makePackage(in: dir, version: "1.0.0")
        let v2 = try makePackage(in: dir, version: "2.0.0")
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, v1) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let configDir = device.device.registry.directory(of: helloID).appendingPathComponent("config")
            try Data("setting=original".utf8).write(to: configDir.appendingPathComponent("settings.conf"))
            let uri = try #require(try await device.adminClient.getAppsInfo(appID: helloID).info.first?.configuration)
            let admin = device.admin

            #expect(try await http(.GET, uri).status == 401)
            let backup = try await http(.GET, uri, user: admin.username, password: admin.password)
            #expect(backup.status == 200)
            #expect(backup.body.count > 0)

            try Data("setting=changed".utf8).write(to: configDir.appendingPathComponent("settings.conf"))
            let restored = try await http(.POST, uri, user: admin.username, password: admin.password, contentType: "application/octet-stream", body: backup.body)
            #expect(restored.status == 200)
            #expect(try String(contentsOf: configDir.appendingPathComponent("settings.conf"), encoding: .utf8) == "setting=original")

            #expect(try await http(.POST, uri, user: admin.username, password: admin.password, body: backup.body).status == 415)
            #expect(try await http(.POST, uri, user: admin.username, password: admin.password, contentType: "application/octet-stream", body: Array("junk".utf8)).status == 400)

            #expect(try await upload(device, v2) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let mismatch = try await http(.POST, uri, user: admin.username, password: admin.password, contentType: "application/octet-stream", body: backup.body)
            #expect(mismatch.status == 521)
        }
    }

    @Test("InstallLicense accepts the documented format and refuses others with ter:InvalidFormat")
    func licenses() async throws {
        let dir = try temporaryDirectory("license")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let client = device.adminClient
            _ = try await client.installLicense(appID: helloID, license: LicenseFormat.encode(.init(appID: nil, name: "Trial", validFrom: "2026-01-01T00:00:00Z")))
            #expect(try await client.getAppsInfo(appID: helloID).info.first?.licenses.map(\.name) == ["Trial"])
            for bad in ["garbage", LicenseFormat.prefix + "!!!", LicenseFormat.encode(.init(appID: "other.app", name: "X"))] {
                do {
                    _ = try await client.installLicense(appID: helloID, license: bad)
                    Issue.record("accepted \(bad)")
                } catch let fault as SOAPFault {
                    #expect(fault.subcodes == [.invalidArgVal, .invalidFormat])
                }
            }
        }
    }

    @Test("ONVIF default access policy per user level")
    func accessPolicy() async throws {
        let dir = try temporaryDirectory("access")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            try await device.device.users.set(DeviceUser(username: "viewer", password: "v", level: .user))
            try await device.device.users.set(DeviceUser(username: "op", password: "o", level: .operator))
            func allowed(_ client: AppManagementClient, _ call: @Sendable (AppManagementClient) async throws -> Void) async throws -> Bool {
                do {
                    try await call(client)
                    return true
                } catch let fault as SOAPFault where fault.hasSubcode(.unknownId) {
                    return true
                } catch let fault as SOAPFault where fault.hasSubcode(.notAuthorized) {
                    #expect(fault.code == .sender)
                    return false
                }
            }
            let anonymous = device.client()
            let viewer = device.client("viewer", "v")
            let op = device.client("op", "o")
            let admin = device.adminClient
            let capabilities: @Sendable (AppManagementClient) async throws -> Void = { _ = try await $0.getServiceCapabilities() }
            let readInfo: @Sendable (AppManagementClient) async throws -> Void = { _ = try await $0.getAppsInfo(GetAppsInfo()) }
            let deviceID: @Sendable (AppManagementClient) async throws -> Void = { _ = try await $0.getDeviceId() }
            let activate: @Sendable (AppManagementClient) async throws -> Void = { _ = try await $0.activate(appID: "nope") }
            let uninstall: @Sendable (AppManagementClient) async throws -> Void = { _ = try await $0.uninstall(appID: "nope") }

            #expect(try await allowed(anonymous, capabilities))
            #expect(try await !allowed(anonymous, readInfo))
            #expect(try await !allowed(anonymous, deviceID))
            #expect(try await !allowed(anonymous, activate))
            #expect(try await allowed(viewer, readInfo))
            #expect(try await allowed(viewer, deviceID))
            #expect(try await !allowed(viewer, activate))
            #expect(try await !allowed(op, uninstall))
            #expect(try await allowed(admin, activate))
            #expect(try await allowed(admin, uninstall))

            let capabilitiesValue = try await anonymous.getServiceCapabilities().capabilities
            #expect(capabilitiesValue.uploadPath == "/onvif/app_upload")
            #expect(capabilitiesValue.licensing == true)
            #expect(capabilitiesValue.formatsSupported == DeviceConfiguration.formatsSupported)
            #expect(capabilitiesValue.eventTopicPrefix?.isEmpty == false)
        }
    }
}
