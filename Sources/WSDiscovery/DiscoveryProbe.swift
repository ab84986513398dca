import NIOCore
import NIOPosix
import SOAPRuntime
import Synchronization

/// The Client side of WS-Discovery: multicasts Probes and collects the ProbeMatches that
/// answer them.
public enum DiscoveryProbe {
    /// Sends one Probe per entry of `typeSets` (each twice, 200 ms apart, as UDP may lose
    /// one) from an ephemeral port, and returns the services whose ProbeMatches answered one
    /// of them within `timeout`, one per endpoint address (sorted by it).
    /// - Parameters:
    ///   - typeSets: the types of each Probe (a service must have all of one set); `[[]]`
    ///     asks for every service.
    ///   - interfaceAddress: the local IPv4 address to send from, which picks the interface
    ///     (`0.0.0.0`: the one the routing table picks for the group).
    public static func probe(
        typeSets: [[XMLName]] = [[WSDiscoveryNames.networkVideoTransmitter], [WSDiscoveryNames.device]], scopes: [String] = [],
        timeout: Duration = .seconds(3), interfaceAddress: String = "0.0.0.0", port: Int = WSDiscoveryNames.port
    ) async throws -> [DiscoveredService] {
        let probes = typeSets.map { (id: WSAddressing.newMessageID(), types: $0) }
        let collector = MatchCollector(messageIDs: Set(probes.map(\.id)))
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(MatchHandler(collector: collector)) }
            }
            .bind(host: interfaceAddress, port: 0).get()
        let group = try SocketAddress(ipAddress: WSDiscoveryNames.group, port: port)
        do {
            for round in 0..<2 {
                if round > 0 { try await Task.sleep(for: .milliseconds(200)) }
                for probe in probes {
                    let bytes = DiscoveryEnvelope.probe(messageID: probe.id, types: probe.types, scopes: scopes)
                    try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: group, data: ByteBuffer(bytes: bytes)))
                }
            }
            try await Task.sleep(for: timeout)
        } catch {
            try? await channel.close()
            throw error
        }
        try? await channel.close()
        return collector.services
    }
}

/// The services found so far, merged by endpoint address.
final class MatchCollector: Sendable {
    let messageIDs: Set<String>
    private let found = Mutex<[String: DiscoveredService]>([:])

    init(messageIDs: Set<String>) { self.messageIDs = messageIDs }

    func add(_ message: DiscoveryMessage) {
        guard case .probeMatches(let relatesTo, let matches) = message, let relatesTo, messageIDs.contains(relatesTo) else { return }
        found.withLock { found in
            for match in matches {
                guard var known = found[match.address] else {
                    found[match.address] = match
                    continue
                }
                for type in match.types where !known.types.contains(type) { known.types.append(type) }
                for scope in match.scopes where !known.scopes.contains(scope) { known.scopes.append(scope) }
                for xAddr in match.xAddrs where !known.xAddrs.contains(xAddr) { known.xAddrs.append(xAddr) }
                known.metadataVersion = max(known.metadataVersion, match.metadataVersion)
                found[match.address] = known
            }
        }
    }

    var services: [DiscoveredService] {
        found.withLock { $0.values.sorted { $0.address < $1.address } }
    }
}

final class MatchHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let collector: MatchCollector

    init(collector: MatchCollector) { self.collector = collector }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let message = DiscoveryMessage(datagram: unwrapInboundIn(data).data.readableBytesView) { collector.add(message) }
    }
}
