import Foundation
import ONVIFDevice
import SOAPRuntime
import WSSecurity

/// An ONVIF device's clock as its Device service reports it (GetSystemDateAndTime, which needs
/// no credentials), and how far it is from this machine's: WS-Security tokens are refused when
/// their `Created` is outside the device's window, and cameras are often minutes off (the fix
/// ONVIF client projects are asked for most).
///
/// ```swift
/// let credentials = await DeviceClock.credentials(
///     username: "admin", password: password, deviceService: "http://camera/onvif/device_service", transport: transport)
/// let client = AppManagementClient(endpoint: ..., transport: transport, security: credentials)
/// ```
public enum DeviceClock {
    /// The device's UTC time minus this machine's (taken at the middle of the exchange), or
    /// `nil` when the device has no Device service or its answer carries no UTC time.
    public static func offset(deviceService: String, transport: any SOAPClientTransport) async -> Duration? {
        let client = DeviceClient(endpoint: deviceService, transport: transport)
        let sent = Date()
        guard let response = try? await client.getSystemDateAndTime(), let utc = response.systemDateAndTime.utcDateTime,
            let device = date(utc)
        else { return nil }
        let local = sent.addingTimeInterval(Date().timeIntervalSince(sent) / 2)
        // The device reports whole seconds: its time is within the second it names, at half of
        // it on average.
        return .milliseconds(Int64(((device.timeIntervalSince(local) + 0.5) * 1000).rounded()))
    }

    /// Credentials whose tokens are dated by the device's clock: its ``offset(deviceService:transport:)``
    /// when that is ``threshold`` or more, else this machine's clock.
    public static func credentials(
        username: String, password: String, passwordType: WSSecurityCredentials.PasswordType = .digest, deviceService: String,
        transport: any SOAPClientTransport
    ) async -> WSSecurityCredentials {
        var credentials = WSSecurityCredentials(username: username, password: password, passwordType: passwordType)
        if let offset = await offset(deviceService: deviceService, transport: transport), abs(offset.components.seconds) >= threshold.components.seconds {
            credentials.clockOffset = offset
        }
        return credentials
    }

    /// A `tt:DateTime` (UTC) as a `Date`.
    public static func date(_ value: ONVIFDevice.DateTime) -> Date? {
        var components = DateComponents(
            year: Int(value.date.year), month: Int(value.date.month), day: Int(value.date.day),
            hour: Int(value.time.hour), minute: Int(value.time.minute), second: Int(value.time.second))
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components)
    }

    /// Offsets below this are within what the device's one-second resolution can tell.
    public static let threshold: Duration = .seconds(2)
}
