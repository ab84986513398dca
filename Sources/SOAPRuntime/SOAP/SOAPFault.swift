/// A SOAP fault, thrown by service implementations and by clients when a peer answers with one.
/// Encoded and decoded exactly: code, the subcode chain, reasons with `xml:lang`, node, role,
/// detail entries.
public struct SOAPFault: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SOAP 1.2 fault codes (SOAP 1.1's Client/Server map to Sender/Receiver).
    public enum Code: String, Sendable, Hashable {
        case versionMismatch = "VersionMismatch"
        case mustUnderstand = "MustUnderstand"
        case dataEncodingUnknown = "DataEncodingUnknown"
        case sender = "Sender"
        case receiver = "Receiver"

        /// The SOAP 1.1 `faultcode` local name.
        var soap11LocalName: String {
            switch self {
            case .sender: return "Client"
            case .receiver: return "Server"
            default: return rawValue
            }
        }

        init?(soap11LocalName: String) {
            switch soap11LocalName {
            case "Client": self = .sender
            case "Server": self = .receiver
            default: self.init(rawValue: soap11LocalName)
            }
        }
    }

    /// One `env:Text` of `env:Reason`.
    public struct Reason: Sendable, Hashable {
        public var text: String
        public var language: String

        public init(_ text: String, language: String = "en") {
            self.text = text
            self.language = language
        }
    }

    public var code: Code
    /// The subcode chain, outermost first (e.g. `ter:InvalidArgVal`, `ter:UnknownId`).
    public var subcodes: [XMLName]
    public var reasons: [Reason]
    public var node: String?
    public var role: String?
    /// The entries of `env:Detail`.
    public var detail: [XMLAnyElement]
    /// The code as the peer sent it when it is none of SOAP's (`env:Reveiver`, a vendor code) or
    /// missing (then empty): such a fault is still a fault, with `code` `.receiver`.
    public var unrecognizedCode: XMLName?

    public init(code: Code, subcodes: [XMLName] = [], reason: String, language: String = "en", node: String? = nil, role: String? = nil, detail: [XMLAnyElement] = []) {
        self.code = code
        self.subcodes = subcodes
        self.reasons = [Reason(reason, language: language)]
        self.node = node
        self.role = role
        self.detail = detail
    }

    public init(code: Code, subcodes: [XMLName], reasons: [Reason], node: String? = nil, role: String? = nil, detail: [XMLAnyElement] = []) {
        self.code = code
        self.subcodes = subcodes
        self.reasons = reasons
        self.node = node
        self.role = role
        self.detail = detail
    }

    /// The first reason text.
    public var reason: String { reasons.first?.text ?? "" }

    /// Whether `name` is anywhere in the subcode chain.
    public func hasSubcode(_ name: XMLName) -> Bool { subcodes.contains(name) }

    /// `Sender/ter:InvalidArgVal/ter:UnknownId: reason`.
    public var description: String {
        ([code.rawValue] + subcodes.map(\.localName)).joined(separator: "/") + ": " + reason
    }

    /// The HTTP status this fault is answered with (SOAP 1.2 HTTP binding: Sender → 400,
    /// everything else → 500; SOAP 1.1: always 500).
    public func httpStatus(for version: SOAPVersion) -> Int {
        version == .soap12 && code == .sender ? 400 : 500
    }

    // MARK: Coding

    /// Writes `env:Fault` for `version` (the envelope namespace must be in scope).
    public func encode(to writer: inout XMLWriter, version: SOAPVersion) {
        let env = version.envelopeNamespace
        let fault = XMLName(env, "Fault")
        writer.startElement(fault)
        switch version {
        case .soap12:
            writer.startElement(XMLName(env, "Code"))
            writer.element(XMLName(env, "Value"), qname: XMLName(env, code.rawValue))
            writeSubcodes(subcodes[...], to: &writer, env: env)
            writer.endElement(XMLName(env, "Code"))
            writer.startElement(XMLName(env, "Reason"))
            for reason in reasons {
                writer.startElement(XMLName(env, "Text"))
                writer.attribute(XMLName("http://www.w3.org/XML/1998/namespace", "lang"), reason.language)
                writer.text(reason.text)
                writer.endElement(XMLName(env, "Text"))
            }
            writer.endElement(XMLName(env, "Reason"))
            if let node { writer.element(XMLName(env, "Node"), value: node) }
            if let role { writer.element(XMLName(env, "Role"), value: role) }
            if !detail.isEmpty {
                writer.startElement(XMLName(env, "Detail"))
                for entry in detail { writer.write(entry) }
                writer.endElement(XMLName(env, "Detail"))
            }
        case .soap11:
            // SOAP 1.1 has no subcode chain: subcodes travel as `Subcode` entries of `detail`,
            // the convention this runtime reads back.
            writer.element(XMLName("", "faultcode"), qname: XMLName(env, code.soap11LocalName))
            writer.element(XMLName("", "faultstring"), value: reason)
            if let node { writer.element(XMLName("", "faultactor"), value: node) }
            if !detail.isEmpty || !subcodes.isEmpty {
                writer.startElement(XMLName("", "detail"))
                for subcode in subcodes {
                    writer.element(XMLName("", "Subcode"), qname: subcode)
                }
                for entry in detail { writer.write(entry) }
                writer.endElement(XMLName("", "detail"))
            }
        }
        writer.endElement(fault)
    }

    private func writeSubcodes(_ rest: ArraySlice<XMLName>, to writer: inout XMLWriter, env: String) {
        guard let first = rest.first else { return }
        writer.startElement(XMLName(env, "Subcode"))
        writer.element(XMLName(env, "Value"), qname: first)
        writeSubcodes(rest.dropFirst(), to: &writer, env: env)
        writer.endElement(XMLName(env, "Subcode"))
    }

    /// Decodes the `env:Fault` the reader is on.
    public init(from reader: XMLPullReader, version: SOAPVersion) throws(XMLDecodingError) {
        var code: Code?
        var subcodes: [XMLName] = []
        var reasons: [Reason] = []
        var node: String?
        var role: String?
        var detail: [XMLAnyElement] = []
        var unrecognized: XMLName?
        let env = version.envelopeNamespace
        switch version {
        case .soap12:
            try reader.forEachChild { () throws(XMLDecodingError) in
                switch reader.localName {
                case "Code" where reader.namespace == env:
                    try reader.forEachChild { () throws(XMLDecodingError) in
                        if reader.localName == "Value" {
                            let value = try reader.readQName()
                            code = Code(rawValue: value.localName)
                            if code == nil { unrecognized = value }
                        } else if reader.localName == "Subcode" {
                            try Self.readSubcode(reader, into: &subcodes)
                        } else {
                            try reader.skipElement()
                        }
                    }
                case "Reason" where reader.namespace == env:
                    try reader.forEachChild { () throws(XMLDecodingError) in
                        var language = "en"
                        try reader.forEachAttribute { () throws(XMLDecodingError) in
                            if reader.localName == "lang" { language = reader.attributeValue }
                        }
                        reasons.append(Reason(try reader.readText(), language: language))
                    }
                case "Node" where reader.namespace == env: node = try reader.readText()
                case "Role" where reader.namespace == env: role = try reader.readText()
                case "Detail" where reader.namespace == env:
                    try reader.forEachChild(allowText: true) { () throws(XMLDecodingError) in detail.append(try reader.readAnyElement()) }
                default:
                    try reader.skipElement()
                }
            }
        case .soap11:
            try reader.forEachChild { () throws(XMLDecodingError) in
                switch reader.localName {
                case "faultcode":
                    let value = try reader.readQName()
                    code = Code(soap11LocalName: value.localName.split(separator: ".").first.map(String.init) ?? value.localName)
                    if code == nil { unrecognized = value }
                case "faultstring": reasons.append(Reason(try reader.readText()))
                case "faultactor": node = try reader.readText()
                case "detail":
                    try reader.forEachChild(allowText: true) { () throws(XMLDecodingError) in
                        if reader.localName == "Subcode", reader.namespace.isEmpty {
                            subcodes.append(try reader.readQName())
                        } else {
                            detail.append(try reader.readAnyElement())
                        }
                    }
                default:
                    try reader.skipElement()
                }
            }
        }
        // A code that is none of SOAP's, or none at all, still makes a fault the caller can see.
        self.init(code: code ?? .receiver, subcodes: subcodes, reasons: reasons, node: node, role: role, detail: detail)
        if code == nil { self.unrecognizedCode = unrecognized ?? XMLName("", "") }
    }

    private static func readSubcode(_ reader: XMLPullReader, into subcodes: inout [XMLName]) throws(XMLDecodingError) {
        try reader.forEachChild { () throws(XMLDecodingError) in
            if reader.localName == "Value" {
                subcodes.append(try reader.readQName())
            } else if reader.localName == "Subcode" {
                try readSubcode(reader, into: &subcodes)
            } else {
                try reader.skipElement()
            }
        }
    }
}

extension XMLPullReader {
    /// Reads the current element's text as a QName resolved against the namespaces in scope.
    /// An undeclared prefix keeps its prefix as the namespace, so a fault from a sloppy peer
    /// still decodes (its subcode then compares by local name only through `localName`).
    public func readQName() throws(XMLDecodingError) -> XMLName {
        let text = try readText().trimmingWhitespace()
        if let colon = text.firstIndex(of: ":") {
            let prefix = String(text[..<colon])
            let local = String(text[text.index(after: colon)...])
            return XMLName(lookupNamespace(prefix: prefix) ?? prefix, local)
        }
        return XMLName(lookupNamespace(prefix: nil) ?? "", text)
    }
}

extension XMLWriter {
    /// Writes `<name>prefix:local</name>` for a QName value, declaring its namespace.
    public mutating func element(_ name: XMLName, qname value: XMLName) {
        startElement(name)
        if value.namespace.isEmpty {
            text(value.localName)
        } else {
            let prefix = prefixDeclaringIfNeeded(value.namespace)
            text("\(prefix):\(value.localName)")
        }
        endElement(name)
    }
}
