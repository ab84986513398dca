import AppMgmtDevice
import Foundation
import Testing

/// Whether this machine can make network namespaces (root and iproute2), which the
/// WS-Discovery test needs so that nothing it multicasts leaves the machine.
let canMakeNetworkNamespaces = geteuid() == 0 && ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].contains { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("WS-Discovery: the real device and CLI in network namespaces", .serialized)
struct DiscoveryTests {
    /// Two namespaces joined by a veth pair (scripts/discovery/netns-discovery.sh): the device
    /// in one with --host 0.0.0.0, in the other a passive listener, `appmgmt discover`, and the
    /// PyPI WSDiscovery library when it is installed (ONVIF clients written in Python,
    /// Home Assistant's among them, discover with it).
    @Test(
        "Probe from `appmgmt discover` and from a third-party client find the Device service XAddr; Hello on start and Bye on SIGTERM reach the group",
        .enabled(if: canMakeNetworkNamespaces, "needs root and iproute2 to make network namespaces"))
    func netnsDiscovery() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            packageRoot.appendingPathComponent("scripts/discovery/netns-discovery.sh").path, try deviceExecutable().path, try cliExecutable().path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("PASS:"), "\(text)")
    }

    @Test("Discovery is off on a loopback-only bind unless asked for, on for a wildcard bind")
    func defaults() {
        var configuration = DeviceConfiguration(host: "127.0.0.1")
        #expect(!configuration.discoveryEnabled)
        configuration.discovery = .on
        #expect(configuration.discoveryEnabled)
        configuration = DeviceConfiguration(host: "0.0.0.0")
        #expect(configuration.discoveryEnabled)
        configuration.discovery = .off
        #expect(!configuration.discoveryEnabled)
    }
}
