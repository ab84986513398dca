import AppMgmtDevice
import Foundation
import ONVIFDevice
import ONVIFSupport
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

/// A SOAP 1.2 envelope as ONVIF Core's examples write one: `body` is the Body's content, no
/// security header (what clients send before they know the device's clock).
func onvifEnvelope(_ body: String) -> [UInt8] {
    Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema">
          <s:Body>\(body)</s:Body>
        </s:Envelope>
        """.utf8)
}

/// POSTs a hand-written envelope to the device service.
func postDeviceService(_ device: RunningDevice, _ body: String) async throws -> (status: Int, text: String) {
    let response = try await http(
        .POST, device.base + DeviceConfiguration.deviceServicePath, contentType: "application/soap+xml; charset=utf-8", body: onvifEnvelope(body))
    return (response.status, String(decoding: response.body, as: UTF8.self))
}

/// The text of the first element named `local` (any prefix) in `xml`.
func elementText(_ xml: String, _ local: String) -> String? {
    guard let open = xml.range(of: "(<[A-Za-z0-9_]+:|<)\(local)( [^>]*)?>", options: .regularExpression) else { return nil }
    guard let close = xml.range(of: "</([A-Za-z0-9_]+:)?\(local)>", options: .regularExpression, range: open.upperBound..<xml.endIndex) else { return nil }
    return String(xml[open.upperBound..<close.lowerBound])
}

@Suite("ONVIF Device service: what clients ask on connect, access classes, faults", .serialized)
struct ONVIFDeviceServiceTests {
    /// ONVIF clients start with GetSystemDateAndTime (no credentials: they correct their
    /// WS-Security clock with it), then GetServices or GetCapabilities, all PRE_AUTH.
    @Test("Anonymous on connect: GetSystemDateAndTime in UTC, GetServices with the AppMgmt service and its capabilities, GetCapabilities")
    func connect() async throws {
        let dir = try temporaryDirectory("device-service")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let time = try await postDeviceService(device, "<tds:GetSystemDateAndTime/>")
            #expect(time.status == 200, "\(time.text)")
            let utc = try #require(elementText(time.text, "UTCDateTime"))
            let fields = ["Year", "Month", "Day", "Hour", "Minute", "Second"].compactMap { elementText(utc, $0).flatMap { Int($0) } }
            try #require(fields.count == 6, "\(utc)")
            var components = DateComponents(year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4], second: fields[5])
            components.timeZone = TimeZone(identifier: "UTC")
            let reported = try #require(Calendar(identifier: .gregorian).date(from: components))
            #expect(abs(reported.timeIntervalSinceNow) < 5, "the device's UTC clock: \(reported) vs now \(Date())")

            let services = try await postDeviceService(device, "<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>")
            #expect(services.status == 200, "\(services.text)")
            #expect(services.text.contains("http://www.onvif.org/ver10/appmgmt/wsdl</"))
            #expect(services.text.contains(">\(device.base)/onvif/app_management</"))
            #expect(services.text.contains(">\(device.base)/onvif/device_service</"))
            #expect(services.text.contains("UploadPath=\"/onvif/app_upload\""), "the AppMgmt capabilities are embedded")
            #expect(services.text.contains("FormatsSupported=\"application/gzip application/x-gzip\""))
            #expect(services.text.contains("<tt:Major>26</tt:Major>") || services.text.contains(":Major>26<"))
            let bare = try await postDeviceService(device, "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>")
            #expect(!bare.text.contains("UploadPath="), "no capabilities unless asked")

            let capabilities = try await postDeviceService(device, "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>")
            #expect(capabilities.status == 200, "\(capabilities.text)")
            #expect(elementText(capabilities.text, "XAddr") == "\(device.base)/onvif/device_service")

            let own = try await postDeviceService(device, "<tds:GetServiceCapabilities/>")
            #expect(own.status == 200)
            #expect(own.text.contains("UsernameToken=\"true\"") && own.text.contains("HttpDigest=\"true\""))
        }
    }

    /// ONVIF Core lets a client authenticate with HTTP Digest instead of a UsernameToken; one
    /// that sends no credentials gets a 401 challenge. curl's Digest is the outside client.
    @Test("HTTP Digest on SOAP: a 401 challenge for no credentials, curl --digest and our own Digest client get in, a wrong password and a missing access class do not")
    func httpDigest() async throws {
        let dir = try temporaryDirectory("device-digest")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let url = device.base + DeviceConfiguration.deviceServicePath
            let soap = "application/soap+xml; charset=utf-8"
            let anonymous = try await http(.POST, url, contentType: soap, body: onvifEnvelope("<tds:GetDeviceInformation/>"))
            #expect(anonymous.status == 401)
            #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Digest ") == true, "\(anonymous.headers)")
            #expect(String(decoding: anonymous.body, as: UTF8.self).contains("NotAuthorized"))

            let answered = try await http(.POST, url, user: device.admin.username, password: device.admin.password, contentType: soap, body: onvifEnvelope("<tds:GetDeviceInformation/>"))
            #expect(answered.status == 200, "\(String(decoding: answered.body, as: UTF8.self))")
            #expect(String(decoding: answered.body, as: UTF8.self).contains(device.device.configuration.manufacturer))
            // The AppMgmt and Event services take Digest too.
            let ids = try await http(.POST, device.base + device.device.configuration.servicePath, user: device.admin.username, password: device.admin.password, contentType: soap,
                body: Array(#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetDeviceId xmlns="http://www.onvif.org/ver10/appmgmt/wsdl"/></s:Body></s:Envelope>"#.utf8))
            #expect(ids.status == 200 && String(decoding: ids.body, as: UTF8.self).contains(device.device.registry.deviceID))

            let wrong = try await http(.POST, url, user: device.admin.username, password: "not-the-password", contentType: soap, body: onvifEnvelope("<tds:GetDeviceInformation/>"))
            #expect(wrong.status == 401, "a wrong password gets a fresh challenge")

            // A Digest user whose level lacks the access class: the fault, no challenge.
            try await device.device.users.set(DeviceUser(username: "viewer", password: "viewer-password", level: .user))
            let secret = try await http(.POST, url, user: "viewer", password: "viewer-password", contentType: soap, body: onvifEnvelope("<tds:GetUsers/>"))
            #expect(secret.status == 400 && String(decoding: secret.body, as: UTF8.self).contains("READ_SYSTEM_SECRET"), "\(String(decoding: secret.body, as: UTF8.self))")

            // curl: an independent Digest implementation (MD5, the challenge it picks).
            let curl = try run(
                "curl", "-s", "--digest", "-u", "\(device.admin.username):\(device.admin.password)", "-H", "Content-Type: \(soap)",
                "--data-binary", String(decoding: onvifEnvelope("<tds:GetDeviceInformation/>"), as: UTF8.self), "-w", "\nHTTP %{http_code}", url)
            #expect(curl.hasSuffix("HTTP 200") && curl.contains("SerialNumber"), "\(curl)")
        }
    }

    @Test("Access classes: anonymous gets PRE_AUTH only; an administrator gets device information, scopes, users (no passwords) and interfaces")
    func accessClasses() async throws {
        let dir = try temporaryDirectory("device-access")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            for body in ["<tds:GetDeviceInformation/>", "<tds:GetScopes/>", "<tds:GetUsers/>", "<tds:GetNetworkInterfaces/>"] {
                // No credentials at all: HTTP 401 with a Digest challenge (ONVIF Core), the
                // ter:NotAuthorized fault in the body.
                let refused = try await postDeviceService(device, body)
                #expect(refused.status == 401, "\(body): \(refused.text)")
                #expect(refused.text.contains("NotAuthorized"), "\(body): \(refused.text)")
            }
            let hostname = try await postDeviceService(device, "<tds:GetHostname/>")
            #expect(hostname.status == 200, "GetHostname is PRE_AUTH")

            let client = DeviceClient(
                endpoint: device.base + DeviceConfiguration.deviceServicePath, transport: AsyncHTTPClientTransport(),
                security: WSSecurityCredentials(username: device.admin.username, password: device.admin.password))
            let information = try await client.getDeviceInformation(GetDeviceInformation())
            #expect(information.manufacturer == device.device.configuration.manufacturer)
            #expect(information.model == device.device.configuration.model)
            #expect(information.firmwareVersion == DeviceConfiguration.firmwareVersion)
            #expect(information.serialNumber == device.device.registry.deviceID)
            let scopes = try await client.getScopes(GetScopes()).scopes
            #expect(scopes.map(\.scopeItem) == device.device.configuration.scopes)
            let users = try await client.getUsers(GetUsers()).user
            #expect(users.map(\.username) == [device.admin.username])
            #expect(users.allSatisfy { $0.password == nil }, "GetUsers never returns a password")
            #expect(users.first?.userLevel == .administrator)
            let interfaces = try await client.getNetworkInterfaces(GetNetworkInterfaces()).networkInterfaces
            let loopback = try #require(interfaces.first { $0.token == "lo" })
            #expect(loopback.iPv4?.config.manual.contains { $0.address == "127.0.0.1" && $0.prefixLength == 8 } == true)

            // A User-level account reads system information but not the users (READ_SYSTEM_SECRET).
            try await device.device.users.set(DeviceUser(username: "viewer", password: "viewer-password", level: .user))
            let viewer = DeviceClient(
                endpoint: device.base + DeviceConfiguration.deviceServicePath, transport: AsyncHTTPClientTransport(),
                security: WSSecurityCredentials(username: "viewer", password: "viewer-password"))
            #expect(try await viewer.getDeviceInformation(GetDeviceInformation()).serialNumber == device.device.registry.deviceID)
            do {
                _ = try await viewer.getUsers(GetUsers())
                Issue.record("a User read the accounts")
            } catch let fault as SOAPFault {
                #expect(fault.hasSubcode(.notAuthorized), "\(fault)")
            }
        }
    }

    /// Clients fall back from GetServices to GetCapabilities, and from one operation to
    /// another, only on a SOAP fault: an operation the device does not implement must get one.
    @Test("An operation the device does not implement, or a category it has no service for, gets a SOAP fault, never a 404")
    func unimplementedIsAFault() async throws {
        let dir = try temporaryDirectory("device-faults")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let wsdlURL = try await postDeviceService(device, "<tds:GetWsdlUrl/>")
            #expect(wsdlURL.status == 400, "\(wsdlURL.text)")
            #expect(wsdlURL.text.contains("Fault") && wsdlURL.text.contains("ActionNotSupported"), "\(wsdlURL.text)")
            let ptz = try await postDeviceService(device, "<tds:GetCapabilities><tds:Category>PTZ</tds:Category></tds:GetCapabilities>")
            #expect(ptz.status == 500, "\(ptz.text)")
            #expect(ptz.text.contains("ActionNotSupported") && ptz.text.contains("NoSuchService"), "\(ptz.text)")
        }
    }
}
