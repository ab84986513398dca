import ArgumentParser
import Foundation
import SOAPRuntime
import WSDiscovery

extension AppMgmtCommand {
    struct Discover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find ONVIF devices on the local network with WS-Discovery.",
            discussion: """
                Multicasts Probes for dn:NetworkVideoTransmitter and tds:Device (UDP 239.255.255.250:3702) and lists \
                the devices that answer within the timeout, with their Device service addresses (XAddrs): pass one as \
                --device to the other commands.
                """)
        @Option(help: ArgumentHelp("Seconds to wait for answers.", valueName: "seconds")) var timeout: Double = 3
        @Option(help: ArgumentHelp("Local IPv4 address to probe from, which picks the network interface (default: the routing table's choice).", valueName: "address"))
        var interface = "0.0.0.0"
        @Option(name: .customLong("scope"), help: ArgumentHelp("Only devices with this scope (RFC 3986 prefix match), e.g. onvif://www.onvif.org/location. Repeatable.", valueName: "uri"))
        var scopes: [String] = []
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard timeout > 0, timeout <= 60 else { throw ValidationError("--timeout must be between 0 and 60 seconds") }
            try await reportingErrors {
                let services: [DiscoveredService]
                do {
                    services = try await DiscoveryProbe.probe(scopes: scopes, timeout: .milliseconds(Int64(timeout * 1000)), interfaceAddress: interface)
                } catch {
                    throw CLIError("cannot send WS-Discovery Probes from \(interface): \(error)")
                }
                let found = services.map(DiscoveredDeviceDTO.init)
                let text = json ? Render.json(found) : DiscoveredDeviceDTO.text(found)
                Terminal.writeStdout(text.hasSuffix("\n") ? text : text + "\n")
            }
        }
    }
}

/// One device `appmgmt discover` found.
struct DiscoveredDeviceDTO: Encodable {
    var address: String
    var types: [String]
    var scopes: [String]
    var xaddrs: [String]
    var metadataVersion: UInt32

    init(_ service: DiscoveredService) {
        address = service.address
        types = service.types.map { $0.namespace.isEmpty ? $0.localName : "{\($0.namespace)}\($0.localName)" }
        scopes = service.scopes
        xaddrs = service.xAddrs
        metadataVersion = service.metadataVersion
    }

    static func text(_ devices: [DiscoveredDeviceDTO]) -> String {
        guard !devices.isEmpty else { return "no ONVIF device answered" }
        let rows = devices.map { device -> [String] in
            let name = device.scopes.first { $0.hasPrefix("onvif://www.onvif.org/name/") }.map { String($0.dropFirst("onvif://www.onvif.org/name/".count)) } ?? ""
            return [device.xaddrs.joined(separator: " "), name.removingPercentEncoding ?? name, device.address]
        }
        return TextFormat.table(headers: ["DEVICE SERVICE", "NAME", "ENDPOINT"], rows: rows)
    }
}
