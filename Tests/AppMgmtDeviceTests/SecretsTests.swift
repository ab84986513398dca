import AppMgmt
import AppMgmtClient
import AppMgmtDevice
import AsyncHTTPClient
import Foundation
import HTTPDigestAuth
import NIOCore
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

@Suite("AppMgmt device: stored secrets and HTTP Digest on the wire", .serialized)
struct SecretsTests {
    @Test("users.json holds no password (HA1s and a sealed copy); accounts stored in clear are migrated and still work")
    func noClearPasswords() async throws {
        let dir = try temporaryDirectory("secrets")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // An account file as earlier versions wrote it.
        try Data(#"[{"username": "admin", "password": "OldClearPassword1", "level": "Administrator"}]"#.utf8).write(to: data.appendingPathComponent("users.json"))
        try await withDevice(dataDirectory: data) { device, _ in
            #expect(device.admin.password == "OldClearPassword1")
            _ = try await device.adminClient.getDeviceId()
            try await device.device.users.set(DeviceUser(username: "operator", password: "AnotherSecret22", level: .operator))
            let stored = try String(contentsOf: data.appendingPathComponent("users.json"), encoding: .utf8)
            #expect(!stored.contains("OldClearPassword1") && !stored.contains("AnotherSecret22"), "no clear password on disk")
            #expect(!stored.contains("\"password\""))
            #expect(stored.contains(DigestAlgorithm.md5.hexDigest("admin:AppMgmt device:OldClearPassword1")))
            var info = stat()
            stat(data.appendingPathComponent("device.key").path, &info)
            #expect(info.st_mode & 0o777 == 0o600)
            // WS-Security (needs the password: unsealed) and Digest (HA1) both work.
            _ = try await device.client("operator", "AnotherSecret22").getInstalledApps()
            let head = try await http(.GET, device.base + "/onvif/apps/none/configuration", user: "admin", password: "OldClearPassword1")
            #expect(head.status == 404, "authenticated, then no such app")
        }
    }

    @Test("Challenges offer SHA-256 then MD5; a captured upload Authorization replayed with another package gets 401 stale")
    func digestOnTheWire() async throws {
        let dir = try temporaryDirectory("digest-wire")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            var request = HTTPClientRequest(url: device.base + "/onvif/app_upload")
            request.method = .HEAD
            let probe = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let headers = probe.headers["WWW-Authenticate"]
            let challenges = headers.compactMap { DigestChallenge(header: $0) }
            #expect(challenges.map(\.algorithm) == [.sha256, .md5], "\(headers)")
            let challenge = try #require(challenges.first)
            let authorization = DigestClient.authorization(
                for: challenge, method: "POST", uri: "/onvif/app_upload", username: device.admin.username, password: device.admin.password)
            func post(_ authorization: String) async throws -> (Int, [String]) {
                var upload = HTTPClientRequest(url: device.base + "/onvif/app_upload")
                upload.method = .POST
                upload.headers.add(name: "Content-Type", value: "application/gzip")
                upload.headers.add(name: "Authorization", value: authorization)
                upload.body = .bytes(ByteBuffer(bytes: try Data(contentsOf: package)))
                let response = try await HTTPClient.shared.execute(upload, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), response.headers["WWW-Authenticate"])
            }
            #expect(try await post(authorization).0 == 200)
            let (status, fresh) = try await post(authorization)
            #expect(status == 401, "the replay is refused")
            #expect(fresh.allSatisfy { $0.contains("stale=true") } && !fresh.isEmpty)
            // The next use of the nonce with a higher count: refused too, for a POST.
            let next = DigestClient.authorization(
                for: challenge, method: "POST", uri: "/onvif/app_upload", username: device.admin.username, password: device.admin.password, nc: 2)
            #expect(try await post(next).0 == 401)
        }
    }
}
