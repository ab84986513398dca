import AppMgmt
import AppMgmtServer
import Foundation
import ONVIFSupport
import SOAPRuntime

/// The AppMgmt service of the device: the generated `AppManagementService` implemented on the
/// registry, with ONVIF's default access policy enforced per operation.
public struct AppManagementHandler: AppManagementService {
    let registry: AppRegistry
    let users: UserStore
    let configuration: DeviceConfiguration

    /// Refuses the call unless the caller's level grants the operation's access class.
    func authorize(_ context: SOAPRequestContext) async throws {
        try await AccessPolicy.authorize(context, in: AccessPolicy.operations, users: users)
    }

    public func getServiceCapabilities(_ request: GetServiceCapabilities, context: SOAPRequestContext) async throws -> GetServiceCapabilitiesResponse {
        try await authorize(context)
        return GetServiceCapabilitiesResponse(
            capabilities: Capabilities(
                formatsSupported: DeviceConfiguration.formatsSupported, licensing: true, uploadPath: configuration.uploadPath,
                eventTopicPrefix: configuration.eventTopicPrefix))
    }

    public func uninstall(_ request: Uninstall, context: SOAPRequestContext) async throws -> UninstallResponse {
        try await authorize(context)
        try await registry.uninstall(request.appID)
        return UninstallResponse()
    }

    public func getInstalledApps(_ request: GetInstalledApps, context: SOAPRequestContext) async throws -> GetInstalledAppsResponse {
        try await authorize(context)
        return GetInstalledAppsResponse(app: try await registry.appInfos(nil).map { .init(name: $0.name, appID: $0.appID) })
    }

    public func getAppsInfo(_ request: GetAppsInfo, context: SOAPRequestContext) async throws -> GetAppsInfoResponse {
        try await authorize(context)
        return GetAppsInfoResponse(info: try await registry.appInfos(request.appID))
    }

    public func activate(_ request: Activate, context: SOAPRequestContext) async throws -> ActivateResponse {
        try await authorize(context)
        try await registry.activate(request.appID)
        return ActivateResponse()
    }

    public func deactivate(_ request: Deactivate, context: SOAPRequestContext) async throws -> DeactivateResponse {
        try await authorize(context)
        try await registry.deactivate(request.appID)
        return DeactivateResponse()
    }

    public func installLicense(_ request: InstallLicense, context: SOAPRequestContext) async throws -> InstallLicenseResponse {
        try await authorize(context)
        try await registry.installLicense(appID: request.appID, license: request.license)
        return InstallLicenseResponse()
    }

    public func getDeviceId(_ request: GetDeviceId, context: SOAPRequestContext) async throws -> GetDeviceIdResponse {
        try await authorize(context)
        return GetDeviceIdResponse(deviceId: registry.deviceID)
    }
}
