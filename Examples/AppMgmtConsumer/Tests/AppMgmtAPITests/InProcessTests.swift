import AppMgmtAPI
import ONVIFSupport
import SOAPRuntime
import Testing

/// A client transport that hands each request straight to a server-side handler (the
/// generated dispatcher), in process: the whole SOAP stack runs — envelopes written and read,
/// operations dispatched by SOAP action, faults mapped to HTTP status and back — with no
/// network and no HTTP library.
struct InProcessTransport<Handler: SOAPRequestHandler>: SOAPClientTransport {
    let handler: Handler

    func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
        let serverRequest = SOAPServerRequest(
            contentType: request.contentType, soapActionHeader: request.headerFields["SOAPAction"],
            body: request.body, headerFields: request.headerFields)
        let response = await handler.handle(serverRequest)
        return SOAPHTTPResponse(status: response.status, contentType: response.contentType, body: response.body)
    }
}

/// A small device: one installed app, state kept in an actor.
actor FakeDevice: AppManagementService {
    static let deviceID = "urn:uuid:00000000-0000-4000-8000-00000000cafe"
    static let appID = "com.example.hello"

    private(set) var state: AppState = .inactive

    private func unknownApp(_ appID: String) -> SOAPFault {
        SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "no application with the ID '\(appID)'")
    }

    private func info() throws -> AppInfo {
        let date = try XSDDateTime(year: 2025, month: 1, day: 2, hour: 3, minute: 4, second: 5)
        return AppInfo(
            appID: Self.appID, name: "Hello", version: "1.0", installationDate: date, lastUpdate: date,
            state: state, status: "", autostart: false, website: "https://example.com/hello")
    }

    func getServiceCapabilities(_ request: GetServiceCapabilities, context: SOAPRequestContext) async throws -> GetServiceCapabilitiesResponse {
        throw SOAPFault(code: .receiver, subcodes: [.actionNotSupported], reason: "not implemented by this example")
    }

    func uninstall(_ request: Uninstall, context: SOAPRequestContext) async throws -> UninstallResponse {
        throw SOAPFault(code: .receiver, subcodes: [.actionNotSupported], reason: "not implemented by this example")
    }

    func getInstalledApps(_ request: GetInstalledApps, context: SOAPRequestContext) async throws -> GetInstalledAppsResponse {
        GetInstalledAppsResponse(app: [.init(name: "Hello", appID: Self.appID)])
    }

    func getAppsInfo(_ request: GetAppsInfo, context: SOAPRequestContext) async throws -> GetAppsInfoResponse {
        if let appID = request.appID, appID != Self.appID { throw unknownApp(appID) }
        return GetAppsInfoResponse(info: [try info()])
    }

    func activate(_ request: Activate, context: SOAPRequestContext) async throws -> ActivateResponse {
        guard request.appID == Self.appID else { throw unknownApp(request.appID) }
        state = .active
        return ActivateResponse()
    }

    func deactivate(_ request: Deactivate, context: SOAPRequestContext) async throws -> DeactivateResponse {
        guard request.appID == Self.appID else { throw unknownApp(request.appID) }
        state = .inactive
        return DeactivateResponse()
    }

    func installLicense(_ request: InstallLicense, context: SOAPRequestContext) async throws -> InstallLicenseResponse {
        throw SOAPFault(code: .receiver, subcodes: [.actionNotSupported], reason: "not implemented by this example")
    }

    func getDeviceId(_ request: GetDeviceId, context: SOAPRequestContext) async throws -> GetDeviceIdResponse {
        GetDeviceIdResponse(deviceId: Self.deviceID)
    }
}

@Suite("Generated client against generated server, in process")
struct InProcessTests {
    let device = FakeDevice()
    let client: AppManagementClient

    init() {
        client = AppManagementClient(
            endpoint: "http://in-process/onvif/app_management",
            transport: InProcessTransport(handler: AppManagementDispatcher(service: device)))
    }

    @Test func getDeviceId() async throws {
        let response = try await client.getDeviceId()
        #expect(response.deviceId == FakeDevice.deviceID)
    }

    @Test func getAppsInfo() async throws {
        let all = try await client.getAppsInfo()
        #expect(all.info.map(\.appID) == [FakeDevice.appID])
        #expect(all.info.first?.state == .inactive)
        #expect(all.info.first?.installationDate.year == 2025)
    }

    @Test func getAppsInfoForAnUnknownAppIsAFault() async throws {
        do {
            _ = try await client.getAppsInfo(appID: "com.example.missing")
            Issue.record("expected a SOAP fault")
        } catch let fault as SOAPFault {
            #expect(fault.code == .sender)
            #expect(fault.hasSubcode(.unknownId))
            #expect(fault.reason.contains("com.example.missing"))
        }
    }

    @Test func activate() async throws {
        _ = try await client.activate(appID: FakeDevice.appID)
        #expect(await device.state == .active)
        let info = try await client.getAppsInfo(appID: FakeDevice.appID)
        #expect(info.info.first?.state == .active)

        await #expect(throws: SOAPFault.self) {
            _ = try await client.activate(appID: "com.example.missing")
        }
    }
}
