import AppMgmt
import Foundation
import ONVIFDevice
import ONVIFEvents
import ONVIFSupport
import SOAPRuntime

/// The ONVIF Device service of the device (`devicemgmt.wsdl`, at `/onvif/device_service`):
/// what ONVIF clients call on connect to find the AppMgmt service, correct their clock and
/// name the device. Values come from the configuration; firmware is this project's version
/// and the serial number the device id. Access classes are ONVIF Core's default policy
/// (``AccessPolicy/deviceOperations``).
public struct ONVIFDeviceHandler: ONVIFDevice.DeviceService {
    let registry: AppRegistry
    let users: UserStore
    let configuration: DeviceConfiguration
    let eventLimits: EventBroker.Limits

    static let deviceNamespace = "http://www.onvif.org/ver10/device/wsdl"
    static let appMgmtNamespace = "http://www.onvif.org/ver10/appmgmt/wsdl"
    static let eventsNamespace = "http://www.onvif.org/ver10/events/wsdl"
    /// The version of the ONVIF WSDLs in `Schemas/onvif` (26.06).
    static let onvifVersion = OnvifVersion(major: 26, minor: 6)

    func authorize(_ context: SOAPRequestContext) async throws {
        try await AccessPolicy.authorize(context, in: AccessPolicy.deviceOperations, users: users)
    }

    /// Scheme, host and port as the client reached the device: the configured public URL,
    /// else the bound address, unless that is a wildcard (`0.0.0.0`, `::`), which no client can
    /// use: then the request's `Host`.
    func baseURL(_ context: SOAPRequestContext) async -> String {
        await Self.baseURL(configuration: configuration, registry: registry, context: context)
    }

    static func baseURL(configuration: DeviceConfiguration, registry: AppRegistry, context: SOAPRequestContext) async -> String {
        if let configured = configuration.publicBaseURL { return configured }
        let bound = await registry.currentBaseURL
        guard DeviceConfiguration.isWildcard(configuration.host), let host = context.httpHeaders["host"], !host.isEmpty else { return bound }
        return "\(configuration.usesTLS ? "https" : "http")://\(host)"
    }

    func deviceServiceCapabilities() -> DeviceServiceCapabilities {
        DeviceServiceCapabilities(
            network: NetworkCapabilities(ipFilter: false, zeroConfiguration: false, ipVersion6: false, dynDNS: false, hostnameFromDHCP: false),
            security: SecurityCapabilities(
                tls10: false, tls11: false, tls12: configuration.usesTLS, onboardKeyGeneration: false, accessPolicyConfig: false,
                defaultAccessPolicy: true, dot1X: false, remoteUserHandling: false, x509Token: false, samlToken: false, kerberosToken: false,
                usernameToken: true, httpDigest: true, relToken: false),
            system: SystemCapabilities(
                discoveryResolve: false, discoveryBye: false, remoteDiscovery: false, systemBackup: false, systemLogging: false,
                cloudFirmwareUpgrade: false, httpFirmwareUpgrade: false, httpSystemBackup: false, httpSystemLogging: false,
                httpSupportInformation: false, discoveryNotSupported: true, networkConfigNotSupported: true, userConfigNotSupported: true))
    }

    func appMgmtCapabilities() -> AppMgmt.Capabilities {
        AppMgmt.Capabilities(
            formatsSupported: DeviceConfiguration.formatsSupported, licensing: true, uploadPath: configuration.uploadPath,
            eventTopicPrefix: configuration.eventTopicPrefix)
    }

    public func getServices(_ request: GetServices, context: SOAPRequestContext) async throws -> GetServicesResponse {
        try await authorize(context)
        let base = await baseURL(context)
        var device = Service(namespace: Self.deviceNamespace, xAddr: base + DeviceConfiguration.deviceServicePath, version: Self.onvifVersion)
        var appMgmt = Service(namespace: Self.appMgmtNamespace, xAddr: base + configuration.servicePath, version: Self.onvifVersion)
        var events = Service(namespace: Self.eventsNamespace, xAddr: base + DeviceConfiguration.eventServicePath, version: Self.onvifVersion)
        if request.includeCapability {
            device.capabilities = .init(otherElements: [try OpenContent.element(deviceServiceCapabilities(), as: XMLName(Self.deviceNamespace, "Capabilities"))])
            appMgmt.capabilities = .init(otherElements: [try OpenContent.element(appMgmtCapabilities(), as: XMLName(Self.appMgmtNamespace, "Capabilities"))])
            events.capabilities = .init(
                otherElements: [try OpenContent.element(ONVIFEventHandler.capabilities(eventLimits), as: XMLName(Self.eventsNamespace, "Capabilities"))])
        }
        return GetServicesResponse(service: [device, events, appMgmt])
    }

    public func getServiceCapabilities(_ request: ONVIFDevice.GetServiceCapabilities, context: SOAPRequestContext) async throws -> ONVIFDevice.GetServiceCapabilitiesResponse {
        try await authorize(context)
        return .init(capabilities: deviceServiceCapabilities())
    }

    /// The legacy capabilities (clients that predate GetServices, and onvif-zeep-async, read
    /// them): the Device service's. Asked for a category the device has no service for, it
    /// answers `ter:ActionNotSupported`/`ter:NoSuchService`, as ONVIF Core requires.
    public func getCapabilities(_ request: GetCapabilities, context: SOAPRequestContext) async throws -> GetCapabilitiesResponse {
        try await authorize(context)
        let asked = Set(request.category.isEmpty ? [.all] : request.category)
        guard asked.contains(.all) || asked.contains(.device) || asked.contains(.events) else {
            throw SOAPFault(
                code: .receiver, subcodes: [.actionNotSupported, XMLName(XMLName.onvifErrorNamespace, "NoSuchService")],
                reason: "the device offers no \(asked.map(\.description).sorted().joined(separator: ", ")) service")
        }
        let base = await baseURL(context)
        let device = DeviceCapabilities(
            xAddr: base + DeviceConfiguration.deviceServicePath,
            network: NetworkCapabilities2(ipFilter: false, zeroConfiguration: false, ipVersion6: false, dynDNS: false),
            system: SystemCapabilities2(
                discoveryResolve: false, discoveryBye: false, remoteDiscovery: false, systemBackup: false, systemLogging: false,
                firmwareUpgrade: false, supportedVersions: [Self.onvifVersion]),
            security: SecurityCapabilities2(
                tls11: false, tls12: configuration.usesTLS, onboardKeyGeneration: false, accessPolicyConfig: false, x509Token: false,
                samlToken: false, kerberosToken: false, relToken: false))
        // onvif-zeep-async 3.x reads the Events XAddr here.
        let events = EventCapabilities(
            xAddr: base + DeviceConfiguration.eventServicePath, wsSubscriptionPolicySupport: false, wsPullPointSupport: true,
            wsPausableSubscriptionManagerInterfaceSupport: false)
        let all = asked.contains(.all)
        return GetCapabilitiesResponse(
            capabilities: ONVIFDevice.Capabilities(device: all || asked.contains(.device) ? device : nil, events: all || asked.contains(.events) ? events : nil))
    }

    public func getDeviceInformation(_ request: GetDeviceInformation, context: SOAPRequestContext) async throws -> GetDeviceInformationResponse {
        try await authorize(context)
        return GetDeviceInformationResponse(
            manufacturer: configuration.manufacturer, model: configuration.model, firmwareVersion: DeviceConfiguration.firmwareVersion,
            serialNumber: registry.deviceID, hardwareId: configuration.hardwareID)
    }

    /// The device's clock in UTC (clients correct their WS-Security `Created` with it), with
    /// no time zone or daylight saving of its own: the device keeps UTC.
    public func getSystemDateAndTime(_ request: GetSystemDateAndTime, context: SOAPRequestContext) async throws -> GetSystemDateAndTimeResponse {
        try await authorize(context)
        let now = Self.dateTime(Date())
        return GetSystemDateAndTimeResponse(
            systemDateAndTime: SystemDateTime(
                dateTimeType: .ntp, daylightSavings: false, timeZone: ONVIFDevice.TimeZone(tz: "UTC0"), utcDateTime: now, localDateTime: now))
    }

    static func dateTime(_ date: Date) -> ONVIFDevice.DateTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Foundation.TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return ONVIFDevice.DateTime(
            time: Time(hour: Int32(parts.hour ?? 0), minute: Int32(parts.minute ?? 0), second: Int32(parts.second ?? 0)),
            date: DateType(year: Int32(parts.year ?? 1970), month: Int32(parts.month ?? 1), day: Int32(parts.day ?? 1)))
    }

    public func getScopes(_ request: GetScopes, context: SOAPRequestContext) async throws -> GetScopesResponse {
        try await authorize(context)
        return GetScopesResponse(scopes: configuration.scopes.map { Scope(scopeDef: .fixed, scopeItem: $0) })
    }

    public func getHostname(_ request: GetHostname, context: SOAPRequestContext) async throws -> GetHostnameResponse {
        try await authorize(context)
        return GetHostnameResponse(hostnameInformation: HostnameInformation(fromDHCP: false, name: ProcessInfo.processInfo.hostName))
    }

    /// The machine's interfaces with an IPv4 address, as the kernel reports them (read-only:
    /// the device configures no network).
    public func getNetworkInterfaces(_ request: GetNetworkInterfaces, context: SOAPRequestContext) async throws -> GetNetworkInterfacesResponse {
        try await authorize(context)
        let interfaces = NetworkInterfaces.list().map { interface in
            NetworkInterface(
                enabled: true, info: NetworkInterfaceInfo(name: interface.name, hwAddress: interface.hardwareAddress, mtu: interface.mtu),
                iPv4: IPv4NetworkInterface(
                    enabled: !interface.ipv4.isEmpty,
                    config: IPv4Configuration(manual: interface.ipv4.map { PrefixedIPv4Address(address: $0.address, prefixLength: $0.prefixLength) }, dhcp: false)),
                token: interface.name)
        }
        return GetNetworkInterfacesResponse(networkInterfaces: interfaces)
    }

    /// The accounts and their levels; never a password (ONVIF Core: GetUsers shall not
    /// return passwords).
    public func getUsers(_ request: GetUsers, context: SOAPRequestContext) async throws -> GetUsersResponse {
        try await authorize(context)
        let accounts = await users.all.sorted { $0.username < $1.username }
        return GetUsersResponse(
            user: accounts.map { account in
                let level: ONVIFDevice.UserLevel =
                    switch account.level {
                    case .administrator: .administrator
                    case .operator: .operator
                    case .user: .user
                    }
                return User(username: account.username, userLevel: level)
            })
    }
}

/// Open content from typed values: a value encoded and read back as an ``XMLAnyElement``
/// (a service's capabilities inside GetServices' `xs:any`).
enum OpenContent {
    static func element(_ value: some XMLElementEncodable, as name: XMLName) throws -> XMLAnyElement {
        var writer = XMLWriter()
        value.encode(to: &writer, as: name)
        let reader = try XMLPullReader(bytes: writer.bytes)
        try reader.moveToRootElement()
        return try reader.readAnyElement()
    }
}
