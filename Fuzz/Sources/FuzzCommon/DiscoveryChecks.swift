import SOAPRuntime
import WSDiscovery

extension FuzzChecks {
    /// A datagram the WS-Discovery responder or probe reads: it never crashes, and a message
    /// that reads is written back (as the device and the CLI write them) to one that reads
    /// the same; a Probe's matching runs against the device's own description.
    public static func discovery(_ bytes: [UInt8]) {
        guard let message = DiscoveryMessage(datagram: bytes) else { return }
        let sequence = AppSequence(instanceID: 1, messageNumber: 1)
        let written: [UInt8]
        switch message {
        case .probe(let id, let types, let scopes, let matchBy):
            let service = DiscoveredService(
                address: "urn:uuid:00000000-0000-4000-8000-000000000000", types: [WSDiscoveryNames.device, WSDiscoveryNames.networkVideoTransmitter],
                scopes: ["onvif://www.onvif.org/type/Device"], xAddrs: ["http://10.0.0.1/onvif/device_service"])
            _ = ProbeMatching.matches(types: types, scopes: scopes, matchBy: matchBy, service: service)
            written = DiscoveryEnvelope.probe(messageID: id, types: types, scopes: scopes, matchBy: matchBy)
        case .probeMatches(let relatesTo, let matches):
            guard let relatesTo else { return }
            written = DiscoveryEnvelope.probeMatches(relatesTo: relatesTo, matches: matches, sequence: sequence)
        case .hello(let service):
            written = DiscoveryEnvelope.hello(service, sequence: sequence)
        case .bye(let address):
            written = DiscoveryEnvelope.bye(DiscoveredService(address: address, types: [], scopes: [], xAddrs: []), sequence: sequence)
        }
        check(DiscoveryMessage(datagram: written) == message, "a WS-Discovery message does not read back the same after writing", written)
    }
}
