import AppMgmt
import AppMgmtClient
import AppMgmtServer
import Foundation
import Hummingbird
import ONVIFClientSupport
import ONVIFDevice
import ONVIFSupport
import SOAPHummingbird
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

/// A camera whose clock is `skew` seconds off: its Device service reports that time, and its
/// WS-Security check accepts only tokens whose `Created` is within 30 s of it.
struct SkewedClockSecurity: SOAPServerSecurity {
    let skew: TimeInterval
    var understoodHeaders: Set<XMLName> { [XMLName("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", "Security")] }

    func authenticate(_ headers: [SOAPHeaderBlock]) async throws(SOAPFault) -> String? {
        guard let security = headers.first(where: { $0.name.localName == "Security" }) else { return nil }
        guard let token = security.element.child(named: "UsernameToken"), let created = token.child(named: "Created")?.text,
            let date = try? XSDDateTime(xsdLexical: created).date, abs(date.timeIntervalSinceNow - skew) < 30
        else {
            throw SOAPFault(code: .sender, subcodes: [.notAuthorized], reason: "the token's Created is outside this device's window")
        }
        return token.child(named: "Username")?.text
    }
}

/// The Device service of that camera: only its clock.
struct SkewedClockDevice: ONVIFDevice.DeviceService {
    let skew: TimeInterval
    func unsupported() -> SOAPFault { SOAPFault(code: .sender, subcodes: [.actionNotSupported], reason: "not on this test camera") }

    func getSystemDateAndTime(_ request: GetSystemDateAndTime, context: SOAPRequestContext) async throws -> GetSystemDateAndTimeResponse {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Foundation.TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date().addingTimeInterval(skew))
        let utc = ONVIFDevice.DateTime(
            time: Time(hour: Int32(parts.hour ?? 0), minute: Int32(parts.minute ?? 0), second: Int32(parts.second ?? 0)),
            date: DateType(year: Int32(parts.year ?? 0), month: Int32(parts.month ?? 0), day: Int32(parts.day ?? 0)))
        return GetSystemDateAndTimeResponse(systemDateAndTime: SystemDateTime(dateTimeType: .manual, daylightSavings: false, utcDateTime: utc))
    }
    func getServices(_ request: GetServices, context: SOAPRequestContext) async throws -> GetServicesResponse { throw unsupported() }
    func getServiceCapabilities(_ request: ONVIFDevice.GetServiceCapabilities, context: SOAPRequestContext) async throws -> ONVIFDevice.GetServiceCapabilitiesResponse { throw unsupported() }
    func getDeviceInformation(_ request: GetDeviceInformation, context: SOAPRequestContext) async throws -> GetDeviceInformationResponse { throw unsupported() }
    func getScopes(_ request: GetScopes, context: SOAPRequestContext) async throws -> GetScopesResponse { throw unsupported() }
    func getUsers(_ request: GetUsers, context: SOAPRequestContext) async throws -> GetUsersResponse { throw unsupported() }
    func getCapabilities(_ request: GetCapabilities, context: SOAPRequestContext) async throws -> GetCapabilitiesResponse { throw unsupported() }
    func getHostname(_ request: GetHostname, context: SOAPRequestContext) async throws -> GetHostnameResponse { throw unsupported() }
    func getNetworkInterfaces(_ request: GetNetworkInterfaces, context: SOAPRequestContext) async throws -> GetNetworkInterfacesResponse { throw unsupported() }
}

/// Runs the `appmgmt` CLI built beside the tests against `port`.
func runCLI(_ arguments: [String], port: Int) async throws -> (status: Int32, output: String, errors: String) {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("appmgmt")
    let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/appmgmt")
    let cli = FileManager.default.isExecutableFile(atPath: executable.path) ? executable : fallback
    return try await withCheckedThrowingContinuation { continuation in
        Thread {
            do {
                let process = Process()
                process.executableURL = cli
                process.arguments = arguments + ["--device", "http://127.0.0.1:\(port)", "--user", "admin", "--password", "secret"]
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                try process.run()
                let out = output.fileHandleForReading.readDataToEndOfFile()
                let err = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }.start()
    }
}

@Suite("The CLI and DeviceClock sign with the device's clock when it is off (cameras often are)")
struct ClockCorrectionTests {
    @Test("A device 10 minutes ahead: the CLI and DeviceClock.credentials read its clock and their calls pass; uncorrected tokens and a device without the Device service are refused")
    func skewedDevice() async throws {
        let skew: TimeInterval = 600
        let router = Router()
        router.addSOAPService(AppManagementDispatcher(service: InMemoryAppManagement(), security: SkewedClockSecurity(skew: skew), faultPolicy: .onvif), at: "/onvif/app_management")
        router.addSOAPService(DeviceDispatcher(service: SkewedClockDevice(skew: skew)), at: "/onvif/device_service")
        try await withServer(router) { port in
            let result = try await runCLI(["capabilities"], port: port)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.contains("/onvif/app_upload"))
            #expect(result.errors.contains("clock is 600.0 s ahead of") || result.errors.contains("clock is 599.0 s ahead of") || result.errors.contains("clock is 601.0 s ahead of"), "\(result.errors)")
        }
        // The library: DeviceClock reads the offset and dates the credentials by it.
        try await withServer(router) { port in
            let base = "http://127.0.0.1:\(port)"
            let transport = AsyncHTTPClientTransport()
            let offset = try #require(await DeviceClock.offset(deviceService: base + "/onvif/device_service", transport: transport))
            #expect(abs(Double(offset.components.seconds) - skew) <= 1.5, "\(offset)")
            let credentials = await DeviceClock.credentials(username: "admin", password: "secret", deviceService: base + "/onvif/device_service", transport: transport)
            #expect(abs(Double(credentials.clockOffset.components.seconds) - skew) <= 1.5)
            let corrected = AppManagementClient(endpoint: base + "/onvif/app_management", transport: transport, security: credentials)
            #expect(try await corrected.getServiceCapabilities().capabilities.uploadPath == "/onvif/app_upload")
            let uncorrected = AppManagementClient(endpoint: base + "/onvif/app_management", transport: transport, security: WSSecurityCredentials(username: "admin", password: "secret"))
            await #expect(throws: SOAPFault.self) { _ = try await uncorrected.getServiceCapabilities() }
        }
        // The control: the same camera without a Device service to read the clock from.
        let blind = Router()
        blind.addSOAPService(AppManagementDispatcher(service: InMemoryAppManagement(), security: SkewedClockSecurity(skew: skew), faultPolicy: .onvif), at: "/onvif/app_management")
        try await withServer(blind) { port in
            let result = try await runCLI(["capabilities"], port: port)
            #expect(result.status == 1 && result.errors.contains("outside this device's window"), "\(result.output) \(result.errors)")
        }
    }
}
