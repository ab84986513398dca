import Foundation
import SOAPRuntime
import Testing
@testable import WSDiscovery

@Suite("WS-Discovery messages: parsing what real clients send, writing what they accept, matching")
struct DiscoveryMessageTests {
    /// The Probe the PyPI WSDiscovery library (2.1.2) sends, byte for byte as captured.
    static let libraryProbe = """
        <?xml version="1.0" ?>
        <s:Envelope xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">
        \t<s:Header>
        \t\t<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>
        \t\t<a:MessageID>urn:uuid:6a29cefc-372c-43b0-9249-ec0ea65a5ca3</a:MessageID>
        \t\t<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>
        \t</s:Header>
        \t<s:Body>
        \t\t<d:Probe>
        \t\t\t<d:Types>dn:NetworkVideoTransmitter</d:Types>
        \t\t</d:Probe>
        \t</s:Body>
        </s:Envelope>

        """

    static let service = DiscoveredService(
        address: "urn:uuid:0ec099ed-8873-4e38-b970-c78c86bbfdf5", types: [WSDiscoveryNames.device, WSDiscoveryNames.networkVideoTransmitter],
        scopes: ["onvif://www.onvif.org/type/Device", "onvif://www.onvif.org/name/AppMgmt_device"], xAddrs: ["http://10.0.0.1:8080/onvif/device_service"])

    @Test("The library's Probe: its MessageID and the type, resolved through the Envelope's xmlns:dn")
    func libraryProbe() throws {
        let message = try #require(DiscoveryMessage(datagram: Array(Self.libraryProbe.utf8)))
        #expect(message == .probe(messageID: "urn:uuid:6a29cefc-372c-43b0-9249-ec0ea65a5ca3", types: [WSDiscoveryNames.networkVideoTransmitter], scopes: [], matchBy: nil))
        guard case .probe(_, let types, let scopes, let matchBy) = message else { return }
        #expect(ProbeMatching.matches(types: types, scopes: scopes, matchBy: matchBy, service: Self.service))
    }

    @Test("A random prefix, two types, an empty Probe, and Home Assistant's scope-only Probe")
    func probeVariants() throws {
        let random = Self.libraryProbe.replacingOccurrences(of: "xmlns:dn=", with: "xmlns:WPSXpAIbaf=").replacingOccurrences(of: "dn:Network", with: "WPSXpAIbaf:Network")
        guard case .probe(_, let types, _, _)? = DiscoveryMessage(datagram: Array(random.utf8)) else { Issue.record("not a probe"); return }
        #expect(types == [WSDiscoveryNames.networkVideoTransmitter])

        let both = Self.libraryProbe.replacingOccurrences(of: ">dn:NetworkVideoTransmitter<", with: ">dn:NetworkVideoTransmitter tds:Device<")
            .replacingOccurrences(of: "xmlns:dn=", with: "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:dn=")
        guard case .probe(_, let bothTypes, _, _)? = DiscoveryMessage(datagram: Array(both.utf8)) else { Issue.record("not a probe"); return }
        #expect(bothTypes == [WSDiscoveryNames.networkVideoTransmitter, WSDiscoveryNames.device])
        #expect(ProbeMatching.matches(types: bothTypes, scopes: [], matchBy: nil, service: Self.service))

        let empty = Self.libraryProbe.replacingOccurrences(of: "<d:Types>dn:NetworkVideoTransmitter</d:Types>", with: "")
        guard case .probe(_, let none, _, _)? = DiscoveryMessage(datagram: Array(empty.utf8)) else { Issue.record("not a probe"); return }
        #expect(none.isEmpty && ProbeMatching.matches(types: none, scopes: [], matchBy: nil, service: Self.service))

        let scoped = Self.libraryProbe.replacingOccurrences(
            of: "<d:Types>dn:NetworkVideoTransmitter</d:Types>", with: "<d:Scopes>onvif://www.onvif.org/Profile/Streaming</d:Scopes>")
        guard case .probe(_, _, let scopes, let matchBy)? = DiscoveryMessage(datagram: Array(scoped.utf8)) else { Issue.record("not a probe"); return }
        #expect(scopes == ["onvif://www.onvif.org/Profile/Streaming"] && matchBy == nil)
        #expect(!ProbeMatching.matches(types: [], scopes: scopes, matchBy: matchBy, service: Self.service), "the device claims no Profile S")
    }

    @Test("RFC 3986 scope matching by whole path segments, case-insensitive scheme and authority; strcmp0; unknown rules match nothing")
    func scopes() {
        #expect(ProbeMatching.rfc3986Matches("onvif://www.onvif.org/type", "onvif://www.onvif.org/type/Device"))
        #expect(ProbeMatching.rfc3986Matches("ONVIF://WWW.onvif.org/type/Device", "onvif://www.onvif.org/type/Device"))
        #expect(!ProbeMatching.rfc3986Matches("onvif://www.onvif.org/typ", "onvif://www.onvif.org/type/Device"))
        #expect(!ProbeMatching.rfc3986Matches("onvif://www.onvif.org/type/device", "onvif://www.onvif.org/type/Device"), "paths are case-sensitive")
        #expect(!ProbeMatching.rfc3986Matches("onvif://www.onvif.org/type/Device/x", "onvif://www.onvif.org/type/Device"))
        let service = Self.service
        #expect(ProbeMatching.matches(types: [], scopes: ["onvif://www.onvif.org/name/AppMgmt_device"], matchBy: ProbeMatching.strcmp0, service: service))
        #expect(!ProbeMatching.matches(types: [], scopes: ["onvif://www.onvif.org/name"], matchBy: ProbeMatching.strcmp0, service: service))
        #expect(!ProbeMatching.matches(types: [], scopes: ["onvif://www.onvif.org/name"], matchBy: "urn:unknown-rule", service: service))
        #expect(!ProbeMatching.matches(types: [XMLName("http://example.com/other", "Printer")], scopes: [], matchBy: nil, service: service))
    }

    @Test("ProbeMatches, Hello and Bye as written are read back; the ProbeMatches carries what the library requires")
    func written() throws {
        let sequence = AppSequence(instanceID: 1_796_594_561, messageNumber: 2)
        let matches = DiscoveryEnvelope.probeMatches(relatesTo: "urn:uuid:probe-1", matches: [Self.service], sequence: sequence)
        let text = String(decoding: matches, as: UTF8.self)
        for required in ["<a:MessageID>urn:uuid:", "<a:RelatesTo>urn:uuid:probe-1</a:RelatesTo>", "<d:MetadataVersion>1</d:MetadataVersion>",
            "InstanceId=\"1796594561\"", "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"", "<d:Types>tds:Device dn:NetworkVideoTransmitter</d:Types>"] {
            #expect(text.contains(required), "\(required): \(text)")
        }
        #expect(DiscoveryMessage(datagram: matches) == .probeMatches(relatesTo: "urn:uuid:probe-1", matches: [Self.service]))
        #expect(DiscoveryMessage(datagram: DiscoveryEnvelope.hello(Self.service, sequence: sequence)) == .hello(Self.service))
        #expect(DiscoveryMessage(datagram: DiscoveryEnvelope.bye(Self.service, sequence: sequence)) == .bye(address: Self.service.address))
        guard case .probe(_, let types, _, _)? = DiscoveryMessage(datagram: DiscoveryEnvelope.probe(messageID: "urn:uuid:x", types: [WSDiscoveryNames.device])) else {
            Issue.record("our Probe does not read back")
            return
        }
        #expect(types == [WSDiscoveryNames.device])
    }

    /// Fuzz/Regressions/discovery-qname-not-ncname: a Hello whose Types held `x:y="z"vice` and a
    /// prefix bound to a mangled namespace; written back, the token split differently. Tokens
    /// that are no QName are dropped now, so what is read is written and read back the same.
    @Test("fuzz-discovery regression: a Types token that is no QName is dropped, and the message reads back the same after writing")
    func notAQName() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("Fuzz/Regressions/discovery-qname-not-ncname")))
        guard case .hello(let service)? = DiscoveryMessage(datagram: bytes) else {
            Issue.record("the regression input is a Hello")
            return
        }
        #expect(service.types.allSatisfy { DiscoveryMessage.isNCName($0.localName) })
        let written = DiscoveryEnvelope.hello(service, sequence: AppSequence(instanceID: 1, messageNumber: 1))
        #expect(DiscoveryMessage(datagram: written) == .hello(service))
        guard case .probe(_, let types, _, _)? = DiscoveryMessage(datagram: Array(Self.libraryProbe.replacingOccurrences(of: ">dn:NetworkVideoTransmitter<", with: ">dn:a:b x=\"y\" 9z dn:NetworkVideoTransmitter<").utf8)) else {
            Issue.record("not a probe")
            return
        }
        #expect(types == [WSDiscoveryNames.networkVideoTransmitter])
    }

    @Test("Hostile or foreign datagrams are ignored: a DOCTYPE, truncated XML, another protocol, a Probe without MessageID, a huge one")
    func hostile() {
        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>" + Self.libraryProbe.dropFirst("<?xml version=\"1.0\" ?>".count)
        #expect(DiscoveryMessage(datagram: Array(doctype.utf8)) == nil)
        #expect(DiscoveryMessage(datagram: Array(Self.libraryProbe.utf8.prefix(300))) == nil)
        #expect(DiscoveryMessage(datagram: Array("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n".utf8)) == nil)
        let noID = Self.libraryProbe.replacingOccurrences(of: "<a:MessageID>urn:uuid:6a29cefc-372c-43b0-9249-ec0ea65a5ca3</a:MessageID>", with: "")
        #expect(DiscoveryMessage(datagram: Array(noID.utf8)) == nil)
        #expect(DiscoveryMessage(datagram: [UInt8](repeating: 0x20, count: 70_000)) == nil)
    }
}
