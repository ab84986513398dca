import AppMgmt
import AppMgmtServer
import ONVIFSupport
import SOAPRuntime

/// Deterministic AppMgmt messages covering every AppInfo field kind: licenses with dates,
/// privileges, optional URIs, non-ASCII names, dateTimes with fractions and offsets, escaped
/// text, an extension element and an extension attribute (open content).
public enum BenchMessages {
    public static let extensionNamespace = "urn:example:appmgmt-ext"

    private static let states: [AppState] = [.active, .inactive, .installing, .uninstalling, .removed]
    private static let offsets: [Int] = [0, 120, -300, 330, -600]

    /// A dateTime built from `seed`; with `fractions` it carries fraction digits and non-zero
    /// offsets, without them only whole seconds (what XMLCoder's `.iso8601` strategy reads).
    public static func dateTime(_ seed: Int, fractions: Bool) -> XSDDateTime {
        let offset = fractions ? offsets[seed % offsets.count] : (seed % 2 == 0 ? 0 : 120)
        let digits = fractions ? ["123", "5", "000001", "987654321"][seed % 4] : ""
        do {
            return try XSDDateTime(
                year: 2020 + seed % 6, month: 1 + seed % 12, day: 1 + seed % 28, hour: seed % 24, minute: (seed * 7) % 60,
                second: (seed * 13) % 60, fractionDigits: digits, timeZoneOffsetMinutes: offset, usesZ: offset == 0)
        } catch {
            preconditionFailure("benchmark dates are valid: \(error)")
        }
    }

    /// One AppInfo, different for each `index`.
    public static func app(_ index: Int, fractions: Bool = true) -> AppInfo {
        let ext = XMLAnyElement(
            name: XMLName(extensionNamespace, "Telemetry"), prefix: "ext",
            namespaceDeclarations: [XMLNamespaceBinding(prefix: "ext", namespace: extensionNamespace)],
            attributes: [XMLAnyAttribute(name: XMLName(extensionNamespace, "level"), prefix: "ext", value: "\(index % 5)")],
            children: [
                .element(XMLAnyElement(name: XMLName(extensionNamespace, "Cpu"), prefix: "ext", children: [.text("\(index % 100).5")])),
                .element(XMLAnyElement(name: XMLName(extensionNamespace, "Note"), prefix: "ext", children: [.text("süß & <fine>")])),
            ])
        var licenses = [
            LicenseInfo(name: "Commercial-\(index)", validFrom: dateTime(index, fractions: fractions), validUntil: dateTime(index + 3, fractions: fractions)),
            LicenseInfo(name: "Trial"),
        ]
        if index % 3 == 0 { licenses.append(LicenseInfo(name: "Évaluation", validFrom: dateTime(index + 1, fractions: fractions))) }
        return AppInfo(
            appID: "com.example.app\(index)",
            name: "Kamera-Überwachung №\(index) ✓ 監視",
            version: "\(1 + index % 4).\(index % 10).\(index % 7)",
            licenses: licenses,
            privileges: ["camera.read", "ptz.control", index % 2 == 0 ? "events.subscribe" : "storage.write"],
            installationDate: dateTime(index, fractions: fractions),
            lastUpdate: dateTime(index * 31 + 7, fractions: fractions),
            state: states[index % states.count],
            status: index % 4 == 0 ? "Running since boot & healthy <ok>" : "Installed",
            autostart: index % 2 == 0,
            website: "https://example.com/apps/\(index)?lang=de&ref=bench",
            openSource: index % 2 == 0 ? "https://example.com/apps/\(index)/oss.html" : nil,
            configuration: index % 3 == 0 ? "https://device.local/onvif/apps/\(index)/config" : nil,
            interfaceDescription: ["https://example.com/apps/\(index)/openapi.yaml"],
            otherElements: [ext],
            otherAttributes: index % 2 == 0 ? [XMLAnyAttribute(name: XMLName(extensionNamespace, "origin"), prefix: "ext", value: "store")] : [])
    }

    public static func response(count: Int, fractions: Bool = true) -> GetAppsInfoResponse {
        GetAppsInfoResponse(info: (0..<count).map { app($0, fractions: fractions) })
    }

    /// The request a client sends for every app.
    public static var getAppsInfoRequest: [UInt8] {
        SOAPEnvelopeWriter.message(GetAppsInfo(), version: .soap12)
    }
}

/// An in-memory service answering GetAppsInfo with a fixed list (other operations answer
/// trivially); for the dispatcher benchmark and the load server.
public struct FixedAppManagement: AppManagementService {
    public let apps: [AppInfo]

    public init(apps: [AppInfo]) { self.apps = apps }

    public func getServiceCapabilities(_ request: GetServiceCapabilities, context: SOAPRequestContext) async throws -> GetServiceCapabilitiesResponse {
        GetServiceCapabilitiesResponse(capabilities: Capabilities(formatsSupported: ["application/gzip"], licensing: true, uploadPath: "/onvif/app_upload"))
    }

    public func uninstall(_ request: Uninstall, context: SOAPRequestContext) async throws -> UninstallResponse { UninstallResponse() }

    public func getInstalledApps(_ request: GetInstalledApps, context: SOAPRequestContext) async throws -> GetInstalledAppsResponse {
        GetInstalledAppsResponse(app: apps.map { .init(name: $0.name, appID: $0.appID) })
    }

    public func getAppsInfo(_ request: GetAppsInfo, context: SOAPRequestContext) async throws -> GetAppsInfoResponse {
        if let id = request.appID {
            guard let app = apps.first(where: { $0.appID == id }) else {
                throw SOAPFault(code: .sender, subcodes: [.invalidArgVal, .unknownId], reason: "no application with AppID '\(id)'")
            }
            return GetAppsInfoResponse(info: [app])
        }
        return GetAppsInfoResponse(info: apps)
    }

    public func activate(_ request: Activate, context: SOAPRequestContext) async throws -> ActivateResponse { ActivateResponse() }
    public func deactivate(_ request: Deactivate, context: SOAPRequestContext) async throws -> DeactivateResponse { DeactivateResponse() }
    public func installLicense(_ request: InstallLicense, context: SOAPRequestContext) async throws -> InstallLicenseResponse { InstallLicenseResponse() }
    public func getDeviceId(_ request: GetDeviceId, context: SOAPRequestContext) async throws -> GetDeviceIdResponse { GetDeviceIdResponse(deviceId: "bench-0001") }
}
