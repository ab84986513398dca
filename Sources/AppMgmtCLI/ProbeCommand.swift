import ArgumentParser
import Foundation
import ONVIFClientSupport
import ONVIFDevice
import SOAPRuntime

extension AppMgmtCommand {
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what the device's ONVIF Device service says: its services, identity and clock.",
            discussion: "GetServices and GetSystemDateAndTime need no credentials; GetDeviceInformation needs a User (READ_SYSTEM).")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Path of the Device service on the device.", valueName: "path")) var devicePath = "/onvif/device_service"

        func run() async throws {
            try await reportingErrors {
                let connection = try await Connection.open(global)
                let address = DeviceURL.resolve(devicePath, origin: connection.origin)
                let client = DeviceClient(endpoint: address, transport: connection.transport, security: connection.security)
                let services = try await client.getServices(includeCapability: false).service
                let information = try? await client.getDeviceInformation()
                let offset = await DeviceClock.offset(deviceService: address, transport: connection.transport)
                let probe = ProbeDTO(
                    deviceService: address,
                    services: services.map { .init(namespace: $0.namespace, xAddr: $0.xAddr, version: "\($0.version.major).\($0.version.minor)") },
                    manufacturer: information?.manufacturer, model: information?.model, firmwareVersion: information?.firmwareVersion,
                    serialNumber: information?.serialNumber, hardwareID: information?.hardwareId,
                    clockOffsetSeconds: offset.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 })
                connection.output(json: probe, text: probe.text)
            }
        }
    }
}

/// What `appmgmt probe` prints.
struct ProbeDTO: Encodable {
    struct ServiceDTO: Encodable {
        var namespace: String
        var xAddr: String
        var version: String
    }
    var deviceService: String
    var services: [ServiceDTO]
    var manufacturer: String?
    var model: String?
    var firmwareVersion: String?
    var serialNumber: String?
    var hardwareID: String?
    var clockOffsetSeconds: Double?

    var text: String {
        var lines = ["device service: \(deviceService)"]
        if let manufacturer, let model {
            lines.append("device:         \(manufacturer) \(model), firmware \(firmwareVersion ?? "?"), serial \(serialNumber ?? "?")")
        } else {
            lines.append("device:         (GetDeviceInformation not answered: it needs a User account)")
        }
        lines.append("clock:          " + (clockOffsetSeconds.map { String(format: "%+.1f s from this machine's", $0) } ?? "unknown (no GetSystemDateAndTime)"))
        lines.append("services:")
        lines += TextFormat.table(headers: ["NAMESPACE", "VERSION", "ADDRESS"], rows: services.map { [$0.namespace, $0.version, $0.xAddr] })
            .split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
