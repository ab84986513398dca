/// A header block of an incoming envelope, kept as open content with its SOAP attributes.
public struct SOAPHeaderBlock: Sendable, Hashable {
    public var element: XMLAnyElement
    /// `env:mustUnderstand="true"` (or `1`).
    public var mustUnderstand: Bool
    /// `env:role` (SOAP 1.2) or `soapenv:actor` (SOAP 1.1).
    public var role: String?

    public init(element: XMLAnyElement, mustUnderstand: Bool = false, role: String? = nil) {
        self.element = element
        self.mustUnderstand = mustUnderstand
        self.role = role
    }

    public var name: XMLName { element.name }
}

/// Writes SOAP envelopes: headers, then one body element or a fault, with the body's module
/// namespaces declared once on `Envelope`.
public enum SOAPEnvelopeWriter {
    /// An envelope whose body is `body`.
    public static func message<Body: XMLRootElement>(_ body: Body, version: SOAPVersion, headers: [XMLAnyElement] = []) -> [UInt8] {
        message(body, as: Body.messageElement, version: version, headers: headers)
    }

    /// An envelope whose body is `body`, written as the message element `element`.
    public static func message<Body>(_ body: Body, as element: SOAPMessageElement<Body>, version: SOAPVersion, headers: [XMLAnyElement] = []) -> [UInt8] {
        envelope(version: version, namespaces: element.namespaces, headers: headers, encodingStyle: element.encodingStyle) { writer in
            body.encode(to: &writer, as: element.name)
        }
    }

    /// An envelope whose body is `fault`.
    public static func fault(_ fault: SOAPFault, version: SOAPVersion, headers: [XMLAnyElement] = []) -> [UInt8] {
        var namespaces: [XMLNamespaceBinding] = []
        for subcode in fault.subcodes where !subcode.namespace.isEmpty && !namespaces.contains(where: { $0.namespace == subcode.namespace }) {
            let prefix = XMLWriter.wellKnownPrefixes[subcode.namespace] ?? "ns\(namespaces.count + 1)"
            namespaces.append(XMLNamespaceBinding(prefix: prefix, namespace: subcode.namespace))
        }
        return envelope(version: version, namespaces: namespaces, headers: headers) { writer in
            fault.encode(to: &writer, version: version)
        }
    }

    /// An envelope with `body` written by a closure.
    /// - Parameter encodingStyle: written on the Body of a SOAP 1.1 envelope (as .NET and
    ///   gSOAP do for rpc/encoded messages); SOAP 1.2 allows it only below the Body.
    public static func envelope(
        version: SOAPVersion, namespaces: [XMLNamespaceBinding], headers: [XMLAnyElement], encodingStyle: String? = nil, body: (inout XMLWriter) -> Void
    ) -> [UInt8] {
        var writer = XMLWriter()
        writer.writeDeclaration()
        let env = version.envelopeNamespace
        let envelope = XMLName(env, "Envelope")
        var declarations = [XMLNamespaceBinding(prefix: version.envelopePrefix, namespace: env)]
        for binding in namespaces where binding.prefix != version.envelopePrefix && !declarations.contains(binding) {
            declarations.append(binding)
        }
        writer.declareOnNextElement(declarations)
        writer.startElement(envelope)
        if !headers.isEmpty {
            writer.startElement(XMLName(env, "Header"))
            for header in headers { writer.write(header) }
            writer.endElement(XMLName(env, "Header"))
        }
        writer.startElement(XMLName(env, "Body"))
        if let encodingStyle, version == .soap11 { writer.attribute(XMLName(env, "encodingStyle"), encodingStyle) }
        body(&writer)
        writer.endElement(XMLName(env, "Body"))
        writer.endElement(envelope)
        return writer.bytes
    }
}

/// Reads a SOAP envelope as a stream: the version, every header block, then the body's element,
/// leaving the reader on it for the generated decoder. Use ``decodeBody(_:)`` or
/// ``decodeFault()``, then ``finish()``.
public final class SOAPEnvelopeReader {
    public let reader: XMLPullReader
    public let version: SOAPVersion
    public private(set) var headers: [SOAPHeaderBlock] = []
    /// The name of the body's element, `nil` when the body is empty.
    public private(set) var bodyElement: XMLName?
    private let bodyDepth: Int
    private var consumedBody = false

    /// Errors specific to the envelope, apart from XML decoding errors.
    public enum EnvelopeError: Error, Sendable, Hashable {
        /// The root is not a SOAP envelope of any version.
        case notAnEnvelope(XMLName)
        /// An envelope of another version than the endpoint's.
        case versionMismatch(found: SOAPVersion)
    }

    /// Reads up to the body's element.
    /// - Parameter expectedVersion: when set, an envelope of the other version is an error.
    public init(bytes: some Collection<UInt8>, limits: XMLReaderLimits = .default, expectedVersion: SOAPVersion? = nil) throws {
        let reader = try XMLPullReader(bytes: bytes, limits: limits)
        self.reader = reader
        try reader.moveToRootElement()
        guard reader.localName == "Envelope", let version = SOAPVersion(envelopeNamespace: reader.namespace) else {
            throw EnvelopeError.notAnEnvelope(reader.name)
        }
        if let expectedVersion, expectedVersion != version {
            throw EnvelopeError.versionMismatch(found: version)
        }
        self.version = version
        let env = version.envelopeNamespace
        let envelopeDepth = reader.depth
        guard !reader.isEmptyElement else { throw reader.error(.missingValue, "SOAP envelope without a Body") }
        var sawBody = false
        var depth = 0
        var headers: [SOAPHeaderBlock] = []
        var bodyElement: XMLName?
        while try reader.nextChildElement(parentDepth: envelopeDepth) {
            if reader.localName == "Header", reader.namespace == env, headers.isEmpty, !sawBody {
                try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
                    let block = try reader.readAnyElement()
                    var mustUnderstand = false
                    var role: String?
                    for attribute in block.attributes where attribute.name.namespace == env {
                        switch attribute.name.localName {
                        case "mustUnderstand": mustUnderstand = attribute.value == "true" || attribute.value == "1"
                        case "role", "actor": role = attribute.value
                        default: break
                        }
                    }
                    headers.append(SOAPHeaderBlock(element: block, mustUnderstand: mustUnderstand, role: role))
                }
            } else if reader.localName == "Body", reader.namespace == env {
                sawBody = true
                depth = reader.depth
                if !reader.isEmptyElement, try reader.nextChildElement(parentDepth: depth) {
                    bodyElement = reader.name
                }
                break
            } else {
                throw reader.error(.unexpectedElement, "unexpected element <\(reader.localName)> in the SOAP envelope")
            }
        }
        guard sawBody else { throw reader.error(.missingValue, "SOAP envelope without a Body") }
        self.headers = headers
        self.bodyElement = bodyElement
        bodyDepth = depth
    }

    /// Whether the body holds a fault.
    public var isFault: Bool {
        bodyElement == XMLName(version.envelopeNamespace, "Fault")
    }

    /// Decodes the body's element as `T`.
    public func decodeBody<T: XMLElementDecodable>(_ type: T.Type) throws(XMLDecodingError) -> T {
        if bodyElement == nil, let empty = SOAPEmptyBody() as? T { return empty }
        guard bodyElement != nil, !consumedBody else { throw XMLDecodingError(.missingValue, "the SOAP Body is empty") }
        consumedBody = true
        return try T(from: reader)
    }

    /// Decodes the body's fault.
    public func decodeFault() throws(XMLDecodingError) -> SOAPFault {
        guard isFault, !consumedBody else { throw XMLDecodingError(.missingValue, "the SOAP Body holds no fault") }
        consumedBody = true
        return try SOAPFault(from: reader, version: version)
    }

    /// Checks that nothing but the end of the envelope follows the body's element.
    public func finish() throws(XMLDecodingError) {
        if bodyElement != nil {
            if !consumedBody { try reader.skipElement() }
            if try reader.nextChildElement(parentDepth: bodyDepth) {
                throw reader.error(.unexpectedElement, "more than one element in the SOAP Body (<\(reader.localName)>)")
            }
        }
        try reader.finish()
    }
}
