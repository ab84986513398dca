import SOAPRuntime

/// The names WS-Discovery (the 2005/04 version ONVIF Core requires) puts on the wire.
public enum WSDiscoveryNames {
    public static let discovery = "http://schemas.xmlsoap.org/ws/2005/04/discovery"
    /// WS-Addressing 2004/08, which WS-Discovery 2005/04 uses.
    public static let addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
    /// `wsa:To` of a multicast message.
    public static let multicastTo = "urn:schemas-xmlsoap-org:ws:2005:04:discovery"
    /// `wsa:To` of a reply (ProbeMatches).
    public static let anonymousRole = addressing + "/role/anonymous"
    /// The IPv4 multicast group and port.
    public static let group = "239.255.255.250"
    public static let port = 3702

    /// ONVIF's device types: `tds:Device` and `dn:NetworkVideoTransmitter`.
    public static let device = XMLName("http://www.onvif.org/ver10/device/wsdl", "Device")
    public static let networkVideoTransmitter = XMLName("http://www.onvif.org/ver10/network/wsdl", "NetworkVideoTransmitter")

    static let wellKnownPrefixes = [
        "http://www.onvif.org/ver10/device/wsdl": "tds", "http://www.onvif.org/ver10/network/wsdl": "dn",
    ]
}

/// A Target Service as Hello and ProbeMatch describe it: its stable endpoint address
/// (`urn:uuid:…`), types, scopes and transport addresses (an ONVIF device's XAddrs are its
/// Device service URLs).
public struct DiscoveredService: Sendable, Hashable {
    public var address: String
    public var types: [XMLName]
    public var scopes: [String]
    public var xAddrs: [String]
    public var metadataVersion: UInt32

    public init(address: String, types: [XMLName], scopes: [String], xAddrs: [String], metadataVersion: UInt32 = 1) {
        self.address = address
        self.types = types
        self.scopes = scopes
        self.xAddrs = xAddrs
        self.metadataVersion = metadataVersion
    }
}

/// `d:AppSequence`: the sender's instance (a number that grows with every restart) and the
/// message's number within it, so receivers can order and drop stale messages.
public struct AppSequence: Sendable, Hashable {
    public var instanceID: UInt32
    public var messageNumber: UInt32

    public init(instanceID: UInt32, messageNumber: UInt32) {
        self.instanceID = instanceID
        self.messageNumber = messageNumber
    }
}

/// A WS-Discovery message read from a datagram.
public enum DiscoveryMessage: Sendable, Hashable {
    /// A Probe: the types every match must have, and the scopes it must match (by `matchBy`,
    /// RFC 3986 prefix matching when `nil`).
    case probe(messageID: String, types: [XMLName], scopes: [String], matchBy: String?)
    case probeMatches(relatesTo: String?, matches: [DiscoveredService])
    case hello(DiscoveredService)
    case bye(address: String)

    /// What a datagram is limited to: one UDP payload, shallow.
    static let limits = XMLReaderLimits(maxDocumentBytes: 65_507, maxDepth: 32, maxAttributesPerElement: 32)

    /// Parses a datagram; `nil` for anything else (a Resolve, another protocol, malformed or
    /// hostile XML).
    public init?(datagram: some Collection<UInt8>) {
        guard datagram.count <= Self.limits.maxDocumentBytes,
            let envelope = try? SOAPEnvelopeReader(bytes: datagram, limits: Self.limits),
            let bodyName = envelope.bodyElement, bodyName.namespace == WSDiscoveryNames.discovery,
            let body = try? envelope.reader.readAnyElement()
        else { return nil }
        func header(_ local: String) -> String? {
            guard let block = envelope.headers.first(where: {
                $0.name.localName == local && ($0.name.namespace == WSDiscoveryNames.addressing || $0.name.namespace == WSAddressing.namespace)
            }) else { return nil }
            let text = Self.trimmed(block.element.text)
            return text.isEmpty ? nil : text
        }
        switch bodyName.localName {
        case "Probe":
            guard let messageID = header("MessageID") else { return nil }
            let scopes = body.child(named: "Scopes")
            self = .probe(
                messageID: messageID, types: Self.qualifiedNames(body.child(named: "Types"), in: body),
                scopes: Self.words(scopes?.text ?? ""), matchBy: scopes?.attributes.first { $0.name.localName == "MatchBy" }.map { Self.trimmed($0.value) })
        case "ProbeMatches":
            let matches = body.children.compactMap { node -> DiscoveredService? in
                guard case .element(let match) = node, match.name.localName == "ProbeMatch" else { return nil }
                return Self.service(match)
            }
            self = .probeMatches(relatesTo: header("RelatesTo"), matches: matches)
        case "Hello":
            guard let service = Self.service(body) else { return nil }
            self = .hello(service)
        case "Bye":
            guard let address = Self.endpointAddress(body) else { return nil }
            self = .bye(address: address)
        default:
            return nil
        }
    }

    static func service(_ element: XMLAnyElement) -> DiscoveredService? {
        guard let address = endpointAddress(element) else { return nil }
        return DiscoveredService(
            address: address, types: qualifiedNames(element.child(named: "Types"), in: element),
            scopes: words(element.child(named: "Scopes")?.text ?? ""), xAddrs: words(element.child(named: "XAddrs")?.text ?? ""),
            metadataVersion: UInt32(trimmed(element.child(named: "MetadataVersion")?.text ?? "")) ?? 0)
    }

    static func endpointAddress(_ element: XMLAnyElement) -> String? {
        let address = trimmed(element.child(named: "EndpointReference")?.child(named: "Address")?.text ?? "")
        return address.isEmpty ? nil : address
    }

    /// The QNames of a list (`dn:NetworkVideoTransmitter tds:Device`), each prefix resolved
    /// where it was declared (the element, its parent, or outside both); an unknown prefix
    /// leaves the namespace empty, and a token that is no QName (`a:b:c`, `x="y"`) is dropped.
    static func qualifiedNames(_ element: XMLAnyElement?, in parent: XMLAnyElement) -> [XMLName] {
        guard let element else { return [] }
        let bindings = element.namespaceDeclarations + element.valueNamespaces + parent.namespaceDeclarations + parent.valueNamespaces
        return words(element.text).compactMap { token in
            let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let (prefix, local) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            guard isNCName(local), prefix.isEmpty && parts.count == 1 || isNCName(prefix) else { return nil }
            return XMLName(bindings.first { $0.prefix == prefix }?.namespace ?? "", local)
        }
    }

    /// XML's NCName, closely enough for type names: letters, digits, `.`, `-`, `_` and any
    /// non-ASCII character, not starting with a digit, `.` or `-`.
    static func isNCName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first), first != UInt8(ascii: "."), first != UInt8(ascii: "-") else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            byte >= 0x80 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    static func trimmed(_ text: String) -> String {
        words(text).joined(separator: " ")
    }
}

/// Writes WS-Discovery messages: SOAP 1.2 envelopes with WS-Addressing 2004/08 headers.
public enum DiscoveryEnvelope {
    /// A Probe for services of every one of `types` (none: any service) and, matched by
    /// `matchBy` (RFC 3986 when `nil`), every one of `scopes`.
    public static func probe(messageID: String, types: [XMLName], scopes: [String] = [], matchBy: String? = nil) -> [UInt8] {
        let headers = [
            header("Action", WSDiscoveryNames.discovery + "/Probe"), header("MessageID", messageID), header("To", WSDiscoveryNames.multicastTo),
        ]
        return envelope(headers: headers, types: types) { writer, typePrefixes in
            writer.startElement(XMLName(WSDiscoveryNames.discovery, "Probe"))
            if !types.isEmpty { writer.element(XMLName(WSDiscoveryNames.discovery, "Types"), value: qualified(types, typePrefixes)) }
            if !scopes.isEmpty || matchBy != nil {
                writer.startElement(XMLName(WSDiscoveryNames.discovery, "Scopes"))
                if let matchBy { writer.attribute(XMLName("", "MatchBy"), matchBy) }
                writer.text(scopes.joined(separator: " "))
                writer.endElement(XMLName(WSDiscoveryNames.discovery, "Scopes"))
            }
            writer.endElement(XMLName(WSDiscoveryNames.discovery, "Probe"))
        }
    }

    /// The reply to the Probe `relatesTo`, sent to its sender.
    public static func probeMatches(relatesTo: String, matches: [DiscoveredService], sequence: AppSequence, messageID: String = WSAddressing.newMessageID()) -> [UInt8] {
        let headers = [
            header("Action", WSDiscoveryNames.discovery + "/ProbeMatches"), header("MessageID", messageID), header("RelatesTo", relatesTo),
            header("To", WSDiscoveryNames.anonymousRole), appSequence(sequence),
        ]
        return envelope(headers: headers, types: matches.flatMap(\.types)) { writer, typePrefixes in
            writer.startElement(XMLName(WSDiscoveryNames.discovery, "ProbeMatches"))
            for match in matches {
                writer.startElement(XMLName(WSDiscoveryNames.discovery, "ProbeMatch"))
                writeService(match, to: &writer, typePrefixes)
                writer.endElement(XMLName(WSDiscoveryNames.discovery, "ProbeMatch"))
            }
            writer.endElement(XMLName(WSDiscoveryNames.discovery, "ProbeMatches"))
        }
    }

    /// The announcement of a service joining the network.
    public static func hello(_ service: DiscoveredService, sequence: AppSequence, messageID: String = WSAddressing.newMessageID()) -> [UInt8] {
        let headers = [
            header("Action", WSDiscoveryNames.discovery + "/Hello"), header("MessageID", messageID), header("To", WSDiscoveryNames.multicastTo),
            appSequence(sequence),
        ]
        return envelope(headers: headers, types: service.types) { writer, typePrefixes in
            writer.startElement(XMLName(WSDiscoveryNames.discovery, "Hello"))
            writeService(service, to: &writer, typePrefixes)
            writer.endElement(XMLName(WSDiscoveryNames.discovery, "Hello"))
        }
    }

    /// The announcement of a service leaving the network.
    public static func bye(_ service: DiscoveredService, sequence: AppSequence, messageID: String = WSAddressing.newMessageID()) -> [UInt8] {
        let headers = [
            header("Action", WSDiscoveryNames.discovery + "/Bye"), header("MessageID", messageID), header("To", WSDiscoveryNames.multicastTo),
            appSequence(sequence),
        ]
        return envelope(headers: headers, types: []) { writer, _ in
            writer.startElement(XMLName(WSDiscoveryNames.discovery, "Bye"))
            writeEndpointReference(service.address, to: &writer)
            writer.endElement(XMLName(WSDiscoveryNames.discovery, "Bye"))
        }
    }

    private static func writeService(_ service: DiscoveredService, to writer: inout XMLWriter, _ typePrefixes: [String: String]) {
        writeEndpointReference(service.address, to: &writer)
        if !service.types.isEmpty { writer.element(XMLName(WSDiscoveryNames.discovery, "Types"), value: qualified(service.types, typePrefixes)) }
        if !service.scopes.isEmpty { writer.element(XMLName(WSDiscoveryNames.discovery, "Scopes"), value: service.scopes.joined(separator: " ")) }
        if !service.xAddrs.isEmpty { writer.element(XMLName(WSDiscoveryNames.discovery, "XAddrs"), value: service.xAddrs.joined(separator: " ")) }
        writer.element(XMLName(WSDiscoveryNames.discovery, "MetadataVersion"), value: String(service.metadataVersion))
    }

    private static func writeEndpointReference(_ address: String, to writer: inout XMLWriter) {
        writer.startElement(XMLName(WSDiscoveryNames.addressing, "EndpointReference"))
        writer.element(XMLName(WSDiscoveryNames.addressing, "Address"), value: address)
        writer.endElement(XMLName(WSDiscoveryNames.addressing, "EndpointReference"))
    }

    private static func header(_ local: String, _ value: String) -> XMLAnyElement {
        XMLAnyElement(name: XMLName(WSDiscoveryNames.addressing, local), prefix: "a", children: [.text(value)])
    }

    private static func appSequence(_ sequence: AppSequence) -> XMLAnyElement {
        XMLAnyElement(
            name: XMLName(WSDiscoveryNames.discovery, "AppSequence"), prefix: "d",
            attributes: [
                XMLAnyAttribute(name: XMLName("", "InstanceId"), value: String(sequence.instanceID)),
                XMLAnyAttribute(name: XMLName("", "MessageNumber"), value: String(sequence.messageNumber)),
            ])
    }

    private static func qualified(_ names: [XMLName], _ prefixes: [String: String]) -> String {
        names.map { name in prefixes[name.namespace].map { "\($0):\(name.localName)" } ?? name.localName }.joined(separator: " ")
    }

    /// An envelope declaring `a`, `d` and a prefix for each namespace of `types` on its root,
    /// so the QNames in `Types` resolve anywhere below it.
    private static func envelope(headers: [XMLAnyElement], types: [XMLName], body: (inout XMLWriter, [String: String]) -> Void) -> [UInt8] {
        var prefixes: [String: String] = [:]
        var bindings = [
            XMLNamespaceBinding(prefix: "a", namespace: WSDiscoveryNames.addressing), XMLNamespaceBinding(prefix: "d", namespace: WSDiscoveryNames.discovery),
        ]
        for name in types where !name.namespace.isEmpty && prefixes[name.namespace] == nil {
            let prefix = WSDiscoveryNames.wellKnownPrefixes[name.namespace] ?? "t\(prefixes.count)"
            prefixes[name.namespace] = prefix
            bindings.append(XMLNamespaceBinding(prefix: prefix, namespace: name.namespace))
        }
        return SOAPEnvelopeWriter.envelope(version: .soap12, namespaces: bindings, headers: headers) { writer in body(&writer, prefixes) }
    }
}
