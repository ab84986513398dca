import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The machine's network interfaces with their IPv4 addresses (`getifaddrs`), hardware
/// address and MTU (`/sys/class/net`), for the Device service's GetNetworkInterfaces.
enum NetworkInterfaces {
    struct Interface: Sendable, Equatable {
        var name: String
        var hardwareAddress: String
        var mtu: Int32?
        var ipv4: [(address: String, prefixLength: Int32)]

        static func == (lhs: Interface, rhs: Interface) -> Bool {
            lhs.name == rhs.name && lhs.hardwareAddress == rhs.hardwareAddress && lhs.mtu == rhs.mtu
                && lhs.ipv4.map(\.address) == rhs.ipv4.map(\.address) && lhs.ipv4.map(\.prefixLength) == rhs.ipv4.map(\.prefixLength)
        }
    }

    /// Every interface, in the kernel's order; loopback included (a device on 127.0.0.1 is
    /// reached through it).
    static func list() -> [Interface] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var order: [String] = []
        var byName: [String: Interface] = [:]
        var next = first
        while let entry = next {
            next = entry.pointee.ifa_next
            let name = String(cString: entry.pointee.ifa_name)
            if byName[name] == nil {
                order.append(name)
                byName[name] = Interface(name: name, hardwareAddress: hardwareAddress(name), mtu: mtu(name), ipv4: [])
            }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            let ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            let mask = entry.pointee.ifa_netmask.map { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr } } ?? 0
            byName[name]?.ipv4.append((dottedQuad(ip), Int32(UInt32(bigEndian: mask).nonzeroBitCount)))
        }
        return order.compactMap { byName[$0] }
    }

    static func dottedQuad(_ address: in_addr) -> String {
        let value = UInt32(bigEndian: address.s_addr)
        return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    static func hardwareAddress(_ name: String) -> String {
        guard isPlainName(name), let bytes = ProcFile.read("/sys/class/net/\(name)/address", limit: 64) else { return "00:00:00:00:00:00" }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "00:00:00:00:00:00" : text
    }

    static func mtu(_ name: String) -> Int32? {
        guard isPlainName(name), let bytes = ProcFile.read("/sys/class/net/\(name)/mtu", limit: 32) else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".."
    }
}
