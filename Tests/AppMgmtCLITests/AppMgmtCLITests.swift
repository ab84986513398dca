import AppMgmt
import Foundation
import HTTPDigestAuth
import ONVIFSupport
import SOAPRuntime
import Testing
@testable import AppMgmtCLI

@Suite struct TableTests {
    @Test func alignedColumns() {
        let text = TextFormat.table(
            headers: ["ID", "NAME", "STATE"],
            rows: [["com.example.hello", "Hello", "Active"], ["x", "A longer name", "Inactive"]])
        #expect(text == """
            ID                 NAME           STATE
            com.example.hello  Hello          Active
            x                  A longer name  Inactive
            """)
    }

    @Test func emptyTrailingCellsAreNotPadded() {
        let text = TextFormat.table(headers: ["A", "B"], rows: [["long value", ""]])
        #expect(text == "A           B\nlong value")
    }

    @Test func keyValuesAlignAndIndentContinuationLines() {
        let text = TextFormat.keyValues([("ID", "a"), ("Licenses", "one\ntwo"), ("Status", "")])
        #expect(text == """
            ID:        a
            Licenses:  one
                       two
            Status:
            """)
    }

    @Test func appListAndInfo() throws {
        #expect(Render.appList([]) == "no applications installed")
        let date = try XSDDateTime(xsdLexical: "2026-01-02T03:04:05Z")
        let info = AppInfo(
            appID: "com.example.hello", name: "Hello", version: "1.0.0",
            licenses: [LicenseInfo(name: "Trial", validUntil: date)], installationDate: date, lastUpdate: date,
            state: .active, status: "running", autostart: true, website: "https://example.com")
        let text = Render.appInfo(AppInfoDTO(info))
        #expect(text.contains("ID:             com.example.hello"))
        #expect(text.contains("State:          Active"))
        #expect(text.contains("Installed:      2026-01-02T03:04:05Z"))
        #expect(text.contains("Licenses:       Trial (valid until 2026-01-02T03:04:05Z)"))
        #expect(text.contains("Configuration:  - (no backup/restore)"))
    }

    @Test func jsonOutput() throws {
        let json = Render.json([AppSummaryDTO(id: "a/b", name: "N", state: nil)])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["id"] as? String == "a/b")
        #expect(parsed?.first?["state"] == nil)
        #expect(json.contains("\"a/b\""))  // slashes not escaped
    }
}

@Suite struct URLTests {
    @Test func origin() throws {
        #expect(try DeviceURL.origin(of: "http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(try DeviceURL.origin(of: "HTTP://cam.local/onvif/device_service") == "http://cam.local")
        #expect(try DeviceURL.origin(of: "https://[fe80::1]:8443/x") == "https://[fe80::1]:8443")
        #expect(throws: DeviceURL.Failure.self) { try DeviceURL.origin(of: "cam.local:80") }
        #expect(throws: DeviceURL.Failure.self) { try DeviceURL.origin(of: "ftp://cam") }
    }

    @Test func serviceEndpoint() throws {
        #expect(try DeviceURL.serviceEndpoint(device: "http://h:8080", servicePath: "/onvif/app_management") == "http://h:8080/onvif/app_management")
        #expect(try DeviceURL.serviceEndpoint(device: "http://h:8080/", servicePath: "onvif/app_management") == "http://h:8080/onvif/app_management")
        #expect(try DeviceURL.serviceEndpoint(device: "http://h/custom/appmgmt", servicePath: "/ignored") == "http://h/custom/appmgmt")
    }

    @Test func uploadPathJoinsWithDeviceOrigin() {
        #expect(DeviceURL.resolve("/upload", origin: "http://h:8080") == "http://h:8080/upload")
        #expect(DeviceURL.resolve("upload/app", origin: "http://h") == "http://h/upload/app")
        #expect(DeviceURL.resolve(" /upload?x=1 ", origin: "http://h") == "http://h/upload?x=1")
        // A device reporting a full URI (the prose spec's UploadUri) is taken as is.
        #expect(DeviceURL.resolve("http://other:81/up", origin: "http://h") == "http://other:81/up")
    }

    @Test func requestTarget() {
        #expect(DeviceURL.requestTarget(of: "http://h:8080/upload") == "/upload")
        #expect(DeviceURL.requestTarget(of: "http://h:8080") == "/")
        #expect(DeviceURL.requestTarget(of: "http://h/apps/a%20b/config?v=2") == "/apps/a%20b/config?v=2")
    }

    @Test func contentTypes() {
        #expect(PackageContentType.forFile("/tmp/app-1.0.tar.gz") == "application/gzip")
        #expect(PackageContentType.forFile("APP.TGZ") == "application/gzip")
        #expect(PackageContentType.forFile("app.tar") == "application/x-tar")
        #expect(PackageContentType.forFile("app.zip") == "application/zip")
        #expect(PackageContentType.forFile("app.bin") == "application/octet-stream")
    }

    @Test func statusMeanings() {
        #expect(HTTPStatusMeaning.describe(200) == "200 OK")
        #expect(HTTPStatusMeaning.describe(521).hasPrefix("521 Version Mismatch"))
        #expect(HTTPStatusMeaning.describe(415).contains("FormatsSupported"))
        #expect(HTTPStatusMeaning.describe(411).contains("Content-Length"))
        #expect(HTTPStatusMeaning.describe(408).contains("too slow"))
        #expect(HTTPStatusMeaning.describe(299) == "299 Success")
    }
}

@Suite struct ProgressTests {
    @Test func bytes() {
        #expect(TextFormat.bytes(0) == "0 B")
        #expect(TextFormat.bytes(1023) == "1023 B")
        #expect(TextFormat.bytes(1536) == "1.5 KiB")
        #expect(TextFormat.bytes(5 * 1024 * 1024) == "5.0 MiB")
        #expect(TextFormat.bytes(3 * 1024 * 1024 * 1024) == "3.0 GiB")
    }

    @Test func progressLine() {
        let line = TextFormat.progressLine(sent: 512 * 1024, total: 2 * 1024 * 1024, elapsed: 2, barWidth: 20)
        #expect(line == "[#####...............]  25%  512.0 KiB / 2.0 MiB  256.0 KiB/s")
        #expect(TextFormat.progressLine(sent: 10, total: 10, elapsed: 0, barWidth: 4) == "[####] 100%  10 B / 10 B  -")
        #expect(TextFormat.progressLine(sent: 2048, total: nil, elapsed: 1) == "2.0 KiB  2.0 KiB/s")
        #expect(TextFormat.progressLine(sent: 50, total: 10, elapsed: 1, barWidth: 2) == "[##] 100%  50 B / 10 B  50 B/s")
    }

    @Test func summary() {
        #expect(TextFormat.summaryLine(verb: "uploaded", bytes: 3 * 1024 * 1024, elapsed: 1.5) == "uploaded 3.0 MiB in 1.5 s (2.0 MiB/s)")
    }
}

@Suite struct ManifestTests {
    private func tempDir() throws -> String {
        let path = NSTemporaryDirectory() + "appmgmt-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func readsIdAndVersion() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(#"{"id": "com.example.hello", "version": "1.2.3", "name": "Hello", "extra": [1]}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/manifest.json"))
        let manifest = try AppManifest.read(directory: dir)
        #expect(manifest == AppManifest(id: "com.example.hello", version: "1.2.3", name: "Hello"))
        #expect(manifest.defaultArchiveName == "com.example.hello-1.2.3.tar.gz")
    }

    @Test func errors() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: AppManifest.Failure.missing(dir)) { try AppManifest.read(directory: dir) }
        #expect(throws: AppManifest.Failure.notADirectory(dir + "/nope")) { try AppManifest.read(directory: dir + "/nope") }
        #expect(throws: AppManifest.Failure.self) { try AppManifest(json: Data("[1]".utf8)) }
        #expect(throws: AppManifest.Failure.self) { try AppManifest(json: Data(#"{"id": "x"}"#.utf8)) }
        #expect(throws: AppManifest.Failure.self) { try AppManifest(json: Data(#"{"id": "", "version": "1"}"#.utf8)) }
        #expect(throws: AppManifest.Failure.self) { try AppManifest(json: Data(#"{"id": 5, "version": "1"}"#.utf8)) }
        #expect(throws: AppManifest.Failure.self) { try AppManifest(json: Data("not json".utf8)) }
    }

    @Test func unsafeFileNameCharacters() {
        #expect(AppManifest(id: "../evil/app", version: "1 0").defaultArchiveName == ".._evil_app-1_0.tar.gz")
    }

    @Test func tarArguments() {
        #expect(PackageBuilder.tarArguments(directory: "app", output: "out.tar.gz")
            == ["-czf", "out.tar.gz", "--owner=0", "--group=0", "--numeric-owner", "--sort=name", "-C", "app", "."])
    }

    @Test func outputInsideDirectory() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(PackageBuilder.isInside(dir + "/x.tar.gz", directory: dir))
        #expect(PackageBuilder.isInside(dir + "/sub/x.tar.gz", directory: dir))
        #expect(!PackageBuilder.isInside(dir + "-other/x.tar.gz", directory: dir))
        #expect(!PackageBuilder.isInside(NSTemporaryDirectory() + "x.tar.gz", directory: dir))
    }

    @Test func licenseArgument() throws {
        #expect(try LicenseArgument.resolve("ABC-123") == "ABC-123")
        #expect(try LicenseArgument.resolve("@-", stdin: { Data("from stdin\n".utf8) }) == "from stdin")
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("line1\nline2\r\n".utf8).write(to: URL(fileURLWithPath: dir + "/lic.txt"))
        #expect(try LicenseArgument.resolve("@" + dir + "/lic.txt") == "line1\nline2")
        #expect(throws: CLIError.self) { try LicenseArgument.resolve("@" + dir + "/missing") }
    }
}

@Suite struct ErrorReportTests {
    @Test func faultIsOneLineExitOne() {
        let fault = SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "no application with AppID 'x'")
        let report = ErrorReport.describe(fault)
        #expect(report?.message == "Sender/InvalidArgVal/UnknownId: no application with AppID 'x'")
        #expect(report?.exitCode == 1)
    }

    @Test func transportErrorsExitTwo() {
        struct Refused: Error, CustomStringConvertible { var description: String { "Connection refused (errno: 111)" } }
        let report = ErrorReport.describe(SOAPClientError.transport(Refused()))
        #expect(report?.message == "cannot reach the device: connection refused")
        #expect(report?.exitCode == 2)
        #expect(ErrorReport.describe(SOAPClientError.unexpectedResponse(status: 401, contentType: nil, bodyPrefix: ""))?.exitCode == 2)
        #expect(ErrorReport.describe(CLIError("upload failed"))?.exitCode == 1)
    }

    @Test func retryPolicy() {
        #expect(shouldRetry((stale: false, usable: true), answeredFresh: false))
        #expect(!shouldRetry((stale: false, usable: true), answeredFresh: true))
        #expect(shouldRetry((stale: true, usable: true), answeredFresh: true))
        #expect(!shouldRetry((stale: false, usable: false), answeredFresh: false))
    }

    @Test func digestSessionAnswersCachedChallenge() async {
        let session = DigestSession(username: "admin", password: "pw")
        #expect(await session.authorization(method: "POST", uri: "/upload") == nil)
        let verifier = DigestVerifier(realm: "dev")
        #expect(await session.accept(wwwAuthenticate: ["Basic realm=\"x\"", verifier.challenge().headerValue]).usable)
        let first = await session.authorization(method: "POST", uri: "/upload")
        let second = await session.authorization(method: "POST", uri: "/upload")
        #expect(first.flatMap(DigestCredentials.init(header:))?.nc == "00000001")
        #expect(second.flatMap(DigestCredentials.init(header:))?.nc == "00000002")
        #expect(await verifier.verify(authorization: second, method: "POST", requestURI: "/upload", password: { _ in "pw" }) == .authenticated(username: "admin"))
        let anonymous = DigestSession(username: nil, password: "")
        #expect(await !anonymous.accept(wwwAuthenticate: [verifier.challenge().headerValue]).usable)
    }
}
