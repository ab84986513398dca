import Logging
import NIOCore
import NIOPosix
import SOAPRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The Target Service side of WS-Discovery on IPv4: listens on 239.255.255.250:3702 on each
/// chosen interface, answers a matching Probe with a unicast ProbeMatches to its sender
/// (after a random delay of up to ``Configuration/maxResponseDelay``, as the specification asks,
/// once per Probe MessageID, at most 32 a second), and announces the service with Hello on ``start()`` and Bye on
/// ``stop()`` on every interface it listens on. The XAddrs of a reply are those of the
/// interface the Probe came in on.
public final class DiscoveryResponder: Sendable {
    public struct Configuration: Sendable {
        /// The stable endpoint address (`urn:uuid:…`), the same across restarts.
        public var address: String
        public var types: [XMLName]
        public var scopes: [String]
        /// The transport addresses for an interface with this IPv4 address (an ONVIF device:
        /// `http://ADDRESS:PORT/onvif/device_service`).
        public var xAddrs: @Sendable (_ interfaceAddress: String) -> [String]
        /// The IPv4 addresses of the interfaces to listen and announce on; empty: every
        /// multicast-capable IPv4 interface but loopback.
        public var interfaceAddresses: [String]
        public var metadataVersion: UInt32
        public var maxResponseDelay: Duration
        /// The port (3702; another one only in tests).
        public var port: Int

        public init(
            address: String, types: [XMLName], scopes: [String], xAddrs: @escaping @Sendable (String) -> [String], interfaceAddresses: [String] = [],
            metadataVersion: UInt32 = 1, maxResponseDelay: Duration = .milliseconds(500), port: Int = WSDiscoveryNames.port
        ) {
            self.address = address
            self.types = types
            self.scopes = scopes
            self.xAddrs = xAddrs
            self.interfaceAddresses = interfaceAddresses
            self.metadataVersion = metadataVersion
            self.maxResponseDelay = maxResponseDelay
            self.port = port
        }
    }

    /// An IPv4 interface the responder works on.
    struct Interface: Sendable {
        var device: NIONetworkDevice
        var address: String
        var network: UInt32
        var mask: UInt32
    }

    public let configuration: Configuration
    let logger: Logger
    private let sequence: SequenceCounter
    private let state = Mutex<(channel: (any Channel)?, interfaces: [Interface])>((nil, []))

    public init(configuration: Configuration, logger: Logger = Logger(label: "ws-discovery")) {
        self.configuration = configuration
        self.logger = logger
        // InstanceId: the start time in seconds, which grows with every restart.
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        sequence = SequenceCounter(instanceID: UInt32(truncatingIfNeeded: now.tv_sec))
    }

    /// Joins the group on each interface and sends Hello; does nothing (and logs why) when
    /// the machine has no interface to work on.
    public func start() async throws {
        let interfaces = try Self.interfaces(matching: configuration.interfaceAddresses)
        guard !interfaces.isEmpty else {
            logger.notice("WS-Discovery: no IPv4 multicast interface\(configuration.interfaceAddresses.isEmpty ? "" : " with address \(configuration.interfaceAddresses.joined(separator: ", "))"); not started")
            return
        }
        let configuration = self.configuration
        let sequence = self.sequence
        let logger = self.logger
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ProbeHandler(configuration: configuration, interfaces: interfaces, sequence: sequence, logger: logger))
                }
            }
            .bind(host: "0.0.0.0", port: configuration.port).get()
        guard let multicast = channel as? MulticastChannel else {
            try? await channel.close()
            throw DiscoveryError.multicastUnsupported
        }
        let group = try SocketAddress(ipAddress: WSDiscoveryNames.group, port: configuration.port)
        for interface in interfaces {
            try await multicast.joinGroup(group, device: interface.device).get()
        }
        state.withLock { $0 = (channel, interfaces) }
        logger.info("WS-Discovery: answering Probes on \(interfaces.map(\.address).joined(separator: ", ")) port \(configuration.port)")
        await announce(interfaces) { service, sequence in DiscoveryEnvelope.hello(service, sequence: sequence) }
    }

    /// Sends Bye and stops listening.
    public func stop() async {
        let (channel, interfaces) = state.withLock { state in
            defer { state = (nil, []) }
            return state
        }
        guard let channel else { return }
        await announce(interfaces) { service, sequence in DiscoveryEnvelope.bye(service, sequence: sequence) }
        try? await channel.close()
    }

    /// Sends one message per interface to the group, from a socket bound to that interface's
    /// address (Linux sends multicast out of the interface that owns the source address).
    private func announce(_ interfaces: [Interface], _ message: (DiscoveredService, AppSequence) -> [UInt8]) async {
        for interface in interfaces {
            let service = DiscoveredService(
                address: configuration.address, types: configuration.types, scopes: configuration.scopes,
                xAddrs: configuration.xAddrs(interface.address), metadataVersion: configuration.metadataVersion)
            let bytes = message(service, sequence.next())
            do {
                let sender = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: interface.address, port: 0).get()
                let group = try SocketAddress(ipAddress: WSDiscoveryNames.group, port: configuration.port)
                try await sender.writeAndFlush(AddressedEnvelope(remoteAddress: group, data: ByteBuffer(bytes: bytes)))
                try? await sender.close()
            } catch {
                logger.warning("WS-Discovery: could not announce on \(interface.address): \(error)")
            }
        }
    }

    /// The IPv4, multicast-capable, non-loopback interfaces, or those with `addresses`.
    static func interfaces(matching addresses: [String]) throws -> [Interface] {
        var found: [Interface] = []
        for device in try System.enumerateDevices() {
            guard case .v4(let address)? = device.address, device.multicastSupported else { continue }
            let host = address.host
            if host.hasPrefix("127.") { continue }
            if !addresses.isEmpty, !addresses.contains(host) { continue }
            var mask: UInt32 = 0xFFFF_FF00
            if case .v4(let netmask)? = device.netmask { mask = UInt32(bigEndian: netmask.address.sin_addr.s_addr) }
            let value = UInt32(bigEndian: address.address.sin_addr.s_addr)
            if found.contains(where: { $0.address == host }) { continue }
            found.append(Interface(device: device, address: host, network: value & mask, mask: mask))
        }
        return found
    }
}

/// Why the responder could not start.
public enum DiscoveryError: Error, Sendable, CustomStringConvertible {
    case multicastUnsupported

    public var description: String {
        switch self {
        case .multicastUnsupported: return "the UDP socket does not support multicast"
        }
    }
}

/// The AppSequence of every message a responder sends.
final class SequenceCounter: Sendable {
    let instanceID: UInt32
    private let number = Atomic<UInt32>(0)

    init(instanceID: UInt32) { self.instanceID = instanceID }

    func next() -> AppSequence {
        AppSequence(instanceID: instanceID, messageNumber: number.add(1, ordering: .relaxed).newValue)
    }
}

/// Answers Probes that match, once per MessageID, from the interface they came in on.
final class ProbeHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    let configuration: DiscoveryResponder.Configuration
    let interfaces: [DiscoveryResponder.Interface]
    let sequence: SequenceCounter
    let logger: Logger
    /// The MessageIDs of recent Probes (clients send each Probe several times).
    private var recent: [String] = []
    /// Replies sent in the current second: at most ``maxRepliesPerSecond``, so spoofed Probes
    /// cannot turn the device into a steady source of datagrams towards someone else.
    private var windowStart = NIODeadline.now()
    private var repliesInWindow = 0
    static let maxRepliesPerSecond = 32

    init(configuration: DiscoveryResponder.Configuration, interfaces: [DiscoveryResponder.Interface], sequence: SequenceCounter, logger: Logger) {
        self.configuration = configuration
        self.interfaces = interfaces
        self.sequence = sequence
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard case .probe(let messageID, let types, let scopes, let matchBy)? = DiscoveryMessage(datagram: envelope.data.readableBytesView) else { return }
        guard !recent.contains(messageID) else { return }
        recent.append(messageID)
        if recent.count > 64 { recent.removeFirst(recent.count - 64) }
        guard let interface = interface(for: envelope.remoteAddress) else { return }
        let service = DiscoveredService(
            address: configuration.address, types: configuration.types, scopes: configuration.scopes,
            xAddrs: configuration.xAddrs(interface.address), metadataVersion: configuration.metadataVersion)
        guard ProbeMatching.matches(types: types, scopes: scopes, matchBy: matchBy, service: service) else { return }
        let now = NIODeadline.now()
        if now - windowStart >= .seconds(1) {
            windowStart = now
            repliesInWindow = 0
        }
        guard repliesInWindow < Self.maxRepliesPerSecond else { return }
        repliesInWindow += 1
        let reply = DiscoveryEnvelope.probeMatches(relatesTo: messageID, matches: [service], sequence: sequence.next())
        let maxDelay = configuration.maxResponseDelay / .milliseconds(1)
        let delay = TimeAmount.milliseconds(Int64.random(in: 0...max(0, Int64(maxDelay))))
        let channel = context.channel
        let remote = envelope.remoteAddress
        logger.debug("WS-Discovery: Probe \(messageID) from \(remote) matched; answering from \(interface.address)")
        channel.eventLoop.scheduleTask(in: delay) {
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: reply)), promise: nil)
        }
    }

    /// The interface on the sender's network; the only one when there is one.
    private func interface(for remote: SocketAddress) -> DiscoveryResponder.Interface? {
        if case .v4(let address) = remote {
            let value = UInt32(bigEndian: address.address.sin_addr.s_addr)
            if let match = interfaces.first(where: { value & $0.mask == $0.network }) { return match }
        }
        return interfaces.count == 1 ? interfaces[0] : nil
    }
}
