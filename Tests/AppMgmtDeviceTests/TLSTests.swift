import AppMgmt
import AppMgmtClient
import AppMgmtDevice
import AsyncHTTPClient
import Foundation
import NIOSSL
import SOAPAsyncHTTPClient
import Synchronization
import SOAPRuntime
import Testing
import WSSecurity

/// A CA and a server certificate for 127.0.0.1 it signed, made with openssl.
struct TestCertificates {
    var caCertificate: URL
    var certificate: URL
    var key: URL

    init(in directory: URL) throws {
        caCertificate = directory.appendingPathComponent("ca.pem")
        certificate = directory.appendingPathComponent("server.pem")
        key = directory.appendingPathComponent("server.key")
        let caKey = directory.appendingPathComponent("ca.key")
        let request = directory.appendingPathComponent("server.csr")
        let extensions = directory.appendingPathComponent("san.cnf")
        try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: extensions)
        try run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", caKey.path, "-out", caCertificate.path, "-days", "2", "-subj", "/CN=AppMgmt test CA")
        try run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.path, "-out", request.path, "-subj", "/CN=127.0.0.1")
        try run("openssl", "x509", "-req", "-in", request.path, "-CA", caCertificate.path, "-CAkey", caKey.path, "-CAcreateserial", "-out", certificate.path, "-days", "2", "-extfile", extensions.path)
    }
}

/// Lives as long as the process (AsyncHTTPClient must be shut down before it is released).
let trustingTestCA = Mutex<[String: HTTPClient]>([:])

/// A client trusting `ca` (or the system's roots), failing at once on a bad certificate.
func client(trusting ca: URL?) throws -> HTTPClient {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let ca { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca.path)) }
    return trustingTestCA.withLock { clients in
        if let existing = clients[ca?.path ?? ""] { return existing }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.connectionPool.retryConnectionEstablishment = false
        let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        clients[ca?.path ?? ""] = made
        return made
    }
}

@Suite("AppMgmt device over TLS: HTTPS on every endpoint, PasswordText only over TLS, the CLI's --ca-file and --insecure", .serialized)
struct TLSTests {
    @Test("The device serves HTTPS; our client verifies it against the CA; PasswordText is accepted over TLS")
    func https() async throws {
        let dir = try temporaryDirectory("tls")
        defer { try? FileManager.default.removeItem(at: dir) }
        let certificates = try TestCertificates(in: dir)
        try await withDevice(
            dataDirectory: dir.appendingPathComponent("data"),
            configure: {
                $0.tlsCertificatePath = certificates.certificate.path
                $0.tlsKeyPath = certificates.key.path
            }
        ) { device, _ in
            #expect(device.base.hasPrefix("https://"))
            let http = try client(trusting: certificates.caCertificate)
            let admin = device.admin
            for type in [WSSecurityCredentials.PasswordType.digest, .text] {
                let client = AppManagementClient(
                    endpoint: device.base + "/onvif/app_management", transport: AsyncHTTPClientTransport(client: http),
                    security: WSSecurityCredentials(username: admin.username, password: admin.password, passwordType: type))
                #expect(try await client.getDeviceId().deviceId == device.device.registry.deviceID)
            }
            // The default trust store does not know the test CA: the handshake fails.
            let untrusting = AppManagementClient(endpoint: device.base + "/onvif/app_management", transport: AsyncHTTPClientTransport(client: try client(trusting: nil)))
            await #expect(throws: (any Error).self) { _ = try await untrusting.getServiceCapabilities() }
            // CLI: --ca-file and --insecure work, no trust fails with exit 2.
            let passwordFile = dir.appendingPathComponent("password")
            try Data((admin.password + "\n").utf8).write(to: passwordFile)
            let withCA = try await appmgmt(["list", "--ca-file", certificates.caCertificate.path, "--password-file", passwordFile.path], device: device, in: dir, password: "")
            #expect(withCA.status == 0, "\(withCA.errors)")
            let insecure = try await appmgmt(["device-id", "--insecure"], device: device, in: dir)
            #expect(insecure.status == 0, "\(insecure.errors)")
            #expect(insecure.output.contains(device.device.registry.deviceID))
            let untrusted = try await appmgmt(["device-id"], device: device, in: dir)
            #expect(untrusted.status == 2, "\(untrusted.output) \(untrusted.errors)")
        }
    }

    @Test("Without TLS a PasswordText token is refused with a fault that says why")
    func passwordTextNeedsTLS() async throws {
        let dir = try temporaryDirectory("no-tls")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let admin = device.admin
            let client = AppManagementClient(
                endpoint: device.base + "/onvif/app_management", transport: AsyncHTTPClientTransport(),
                security: WSSecurityCredentials(username: admin.username, password: admin.password, passwordType: .text))
            do {
                _ = try await client.getDeviceId()
                Issue.record("PasswordText accepted over plain HTTP")
            } catch let fault as SOAPFault {
                #expect(fault.reason.contains("only over TLS"), "\(fault.reason)")
            }
            _ = try await device.adminClient.getDeviceId()
        }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data"), configure: { $0.allowPlaintextPasswords = true }) { device, _ in
            let admin = device.admin
            let client = AppManagementClient(
                endpoint: device.base + "/onvif/app_management", transport: AsyncHTTPClientTransport(),
                security: WSSecurityCredentials(username: admin.username, password: admin.password, passwordType: .text))
            _ = try await client.getDeviceId()
        }
    }
}
