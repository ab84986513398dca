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

/// Runs `router` on 127.0.0.1 on an ephemeral port for the duration of `body`, then stops it.
func withServer(_ router: Router<BasicRequestContext>, _ body: @Sendable (Int) async throws -> Void) async throws {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "wsdl2swift-tests"),
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

/// A small in-memory AppMgmt service: enough behaviour to prove every operation crosses the wire.
actor InMemoryAppManagement: AppManagementService {
    var apps: [String: AppInfo]
    var licenses: [String] = []
    var lastUser: String?

    init() {
        let date = try! XSDDateTime(xsdLexical: "2024-03-01T12:30:45.123+02:00")
        apps = [
            "com.example.watch": AppInfo(
                appID: "com.example.watch", name: "Kamera-Überwachung ✓", version: "1.0", licenses: [LicenseInfo(name: "Trial")],
                privileges: ["camera.read"], installationDate: date, lastUpdate: date, state: .inactive, status: "Installed",
                autostart: false, website: "https://example.com/watch")
        ]
    }

    func unknown(_ id: String) -> SOAPFault {
        SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "no application with AppID '\(id)'")
    }

    func getServiceCapabilities(_ request: GetServiceCapabilities, context: SOAPRequestContext) async throws -> GetServiceCapabilitiesResponse {
        lastUser = context.user
        return GetServiceCapabilitiesResponse(
            capabilities: Capabilities(formatsSupported: ["application/gzip"], licensing: true, uploadPath: "/onvif/app_upload", eventTopicPrefix: "Apps"))
    }

    func uninstall(_ request: Uninstall, context: SOAPRequestContext) async throws -> UninstallResponse {
        guard apps.removeValue(forKey: request.appID) != nil else { throw unknown(request.appID) }
        return UninstallResponse()
    }

    func getInstalledApps(_ request: GetInstalledApps, context: SOAPRequestContext) async throws -> GetInstalledAppsResponse {
        GetInstalledAppsResponse(app: apps.values.sorted { $0.appID < $1.appID }.map { .init(name: $0.name, appID: $0.appID) })
    }

    func getAppsInfo(_ request: GetAppsInfo, context: SOAPRequestContext) async throws -> GetAppsInfoResponse {
        lastUser = context.user
        if let id = request.appID {
            guard let app = apps[id] else { throw unknown(id) }
            return GetAppsInfoResponse(info: [app])
        }
        return GetAppsInfoResponse(info: apps.values.sorted { $0.appID < $1.appID })
    }

    func activate(_ request: Activate, context: SOAPRequestContext) async throws -> ActivateResponse {
        guard apps[request.appID] != nil else { throw unknown(request.appID) }
        apps[request.appID]?.state = .active
        return ActivateResponse()
    }

    func deactivate(_ request: Deactivate, context: SOAPRequestContext) async throws -> DeactivateResponse {
        guard apps[request.appID] != nil else { throw unknown(request.appID) }
        apps[request.appID]?.state = .inactive
        return DeactivateResponse()
    }

    func installLicense(_ request: InstallLicense, context: SOAPRequestContext) async throws -> InstallLicenseResponse {
        guard request.license.hasPrefix("LIC-") else {
            throw SOAPFault(code: .sender, subcodes: [.invalidArgVal, .invalidFormat], reason: "unknown license format")
        }
        licenses.append(request.license)
        return InstallLicenseResponse()
    }

    func getDeviceId(_ request: GetDeviceId, context: SOAPRequestContext) async throws -> GetDeviceIdResponse {
        GetDeviceIdResponse(deviceId: "device-0001")
    }
}

/// Sends raw bytes to the server, for wire-level tests.
func post(port: Int, path: String = "/onvif/app_management", contentType: String?, headers: [String: String] = [:], body: String) async throws -> (status: Int, contentType: String?, body: String) {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = .POST
    if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 1 << 24)
    return (Int(response.status.code), response.headers.first(name: "Content-Type"), String(buffer: bytes))
}
