// The README's examples, compiled (not run) so they stay true.
import AppMgmt
import AppMgmtClient
import AppMgmtEvents
import AppMgmtServer
import Hummingbird
import ONVIFSupport
import SOAPAsyncHTTPClient
import SOAPHummingbird
import SOAPRuntime
import WSSecurity

enum ReadmeExamples {
    static func followEvents(password: String) async throws {
        let events = AppStateEvents(
            eventService: "http://127.0.0.1:8080/onvif/event_service", transport: AsyncHTTPClientTransport(),
            security: WSSecurityCredentials(username: "admin", password: password))
        for try await change in events.changes() {  // the current state of each app first (.initialized)
            print(change.appID, change.state, change.operation, change.status ?? "")
        }
    }

    static func callADevice() async throws {
        let client = AppManagementClient(
            endpoint: "http://127.0.0.1:8080/onvif/app_management",
            transport: AsyncHTTPClientTransport(),
            security: WSSecurityCredentials(username: "admin", password: "secret"))
        do {
            for app in try await client.getAppsInfo(GetAppsInfo()).info {
                print(app.appID, app.state, app.installationDate.date)
            }
            _ = try await client.activate(appID: "com.example.hello")
        } catch let fault as SOAPFault where fault.hasSubcode(.unknownId) {
            print("no such app:", fault.reason)
        }
    }

    struct MyAppManagement: AppManagementService {
        func getDeviceId(_ request: GetDeviceId, context: SOAPRequestContext) async throws -> GetDeviceIdResponse {
            GetDeviceIdResponse(deviceId: "device-0001")
        }
        func activate(_ request: Activate, context: SOAPRequestContext) async throws -> ActivateResponse {
            throw SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "no app \(request.appID)")
        }
        // The README elides the rest.
        func getServiceCapabilities(_ request: GetServiceCapabilities, context: SOAPRequestContext) async throws -> GetServiceCapabilitiesResponse {
            GetServiceCapabilitiesResponse(capabilities: Capabilities())
        }
        func uninstall(_ request: Uninstall, context: SOAPRequestContext) async throws -> UninstallResponse { UninstallResponse() }
        func getInstalledApps(_ request: GetInstalledApps, context: SOAPRequestContext) async throws -> GetInstalledAppsResponse { GetInstalledAppsResponse() }
        func getAppsInfo(_ request: GetAppsInfo, context: SOAPRequestContext) async throws -> GetAppsInfoResponse { GetAppsInfoResponse() }
        func deactivate(_ request: Deactivate, context: SOAPRequestContext) async throws -> DeactivateResponse { DeactivateResponse() }
        func installLicense(_ request: InstallLicense, context: SOAPRequestContext) async throws -> InstallLicenseResponse { InstallLicenseResponse() }
    }

    static func serveFromHummingbird() async throws {
        // ONVIF Core's subcodes on the faults the dispatcher and WS-Security raise themselves
        // (ter:WellFormed, ter:ActionNotSupported, ter:NotAuthorized, ...); without them a
        // dispatcher uses SOAP's codes only, and WS-Security its own wsse:FailedAuthentication.
        let security = UsernameTokenAuthentication(
            store: StaticCredentialStore(["admin": "secret"]), failureSubcodes: SOAPFaultPolicy.onvifNotAuthorized)
        let router = Router()
        router.addSOAPService(
            AppManagementDispatcher(service: MyAppManagement(), security: security, faultPolicy: .onvif),
            at: "/onvif/app_management")
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8080))).runService()
    }
}
