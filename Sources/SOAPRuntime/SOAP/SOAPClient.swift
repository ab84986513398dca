/// An HTTP request carrying a SOAP message, as a client transport sends it.
public struct SOAPHTTPRequest: Sendable, Hashable {
    /// The service address (`http://host:port/path`).
    public var endpoint: String
    /// Header fields besides `Content-Type` (e.g. `SOAPAction` for SOAP 1.1).
    public var headerFields: [String: String]
    public var contentType: String
    public var body: [UInt8]

    public init(endpoint: String, headerFields: [String: String] = [:], contentType: String, body: [UInt8]) {
        self.endpoint = endpoint
        self.headerFields = headerFields
        self.contentType = contentType
        self.body = body
    }
}

/// The HTTP response to a ``SOAPHTTPRequest``.
public struct SOAPHTTPResponse: Sendable, Hashable {
    public var status: Int
    public var contentType: String?
    public var headerFields: [String: String]
    public var body: [UInt8]

    public init(status: Int, contentType: String?, headerFields: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headerFields = headerFields
        self.body = body
    }
}

/// Sends SOAP requests over some HTTP client (see the `SOAPAsyncHTTPClient` module).
public protocol SOAPClientTransport: Sendable {
    func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse
}

/// Adds header blocks to every request, e.g. a WS-Security UsernameToken (see `WSSecurity`).
public protocol SOAPClientSecurity: Sendable {
    func headerBlocks() async throws -> [XMLAnyElement]
}

/// What went wrong in a call other than a SOAP fault (which is thrown as ``SOAPFault``).
public enum SOAPClientError: Error, Sendable, CustomStringConvertible {
    /// The transport failed (connection refused, timeout, ...).
    case transport(any Error & Sendable)
    /// The peer answered with something that is not a SOAP response.
    case unexpectedResponse(status: Int, contentType: String?, bodyPrefix: String)
    /// The response envelope or body did not decode.
    case invalidResponse(XMLDecodingError)

    public var description: String {
        switch self {
        case .transport(let error): return "transport error: \(error)"
        case .unexpectedResponse(let status, let contentType, let prefix):
            return "unexpected HTTP \(status) response (\(contentType ?? "no content type")): \(prefix)"
        case .invalidResponse(let error): return "invalid SOAP response: \(error)"
        }
    }
}

/// The machinery behind generated clients: builds the envelope, adds security headers, sends,
/// and decodes the response or throws its fault.
public struct SOAPClient: Sendable {
    public var endpoint: String
    public var transport: any SOAPClientTransport
    public var security: (any SOAPClientSecurity)?
    public var version: SOAPVersion
    public var limits: XMLReaderLimits
    /// Refuse response elements the schema does not declare (`false`, the default, skips them:
    /// cameras add vendor elements and send newer ones than an older schema knows).
    public var strictDecoding = false
    /// Told about each deviation from the schema that lenient decoding tolerated in a response
    /// (an unknown element skipped is not one; a missing required value filled with a
    /// placeholder is). Set it to log or count what a device gets wrong.
    public var deviationHandler: XMLDeviationHandler?
    /// WS-Addressing 1.0 headers on every request: `wsa:Action` (the operation's addressing
    /// action), a fresh `wsa:MessageID` and `wsa:To` (``endpoint``). Generated clients turn it
    /// on for services whose WSDL declares addressing actions (WS-Notification, ONVIF's Event
    /// service: cameras route subscription requests by them).
    public var addressing = false

    public init(endpoint: String, transport: any SOAPClientTransport, security: (any SOAPClientSecurity)? = nil, version: SOAPVersion = .soap12, limits: XMLReaderLimits = .default) {
        self.endpoint = endpoint
        self.transport = transport
        self.security = security
        self.version = version
        self.limits = limits
    }

    /// Calls one operation. Throws ``SOAPFault`` when the peer answers with a fault and
    /// ``SOAPClientError`` for everything else.
    @_spi(Generated)
    public func call<Request: XMLRootElement, Response: XMLRootElement>(action: String?, addressingAction: String? = nil, request: Request, responseType: Response.Type) async throws -> Response {
        try await call(action: action, addressingAction: addressingAction, request: request, as: Request.messageElement, response: Response.messageElement)
    }

    /// Calls one operation whose input is the message element `requestElement` and whose output
    /// is `responseElement`.
    /// - Parameters:
    ///   - action: the SOAP action (the binding's `soapAction`), sent in HTTP.
    ///   - addressingAction: the `wsa:Action` with ``addressing`` when it is not `action`.
    ///   - headers: header blocks the binding declares (`soap:header` parts), sent after the
    ///     security policy's.
    @_spi(Generated)
    public func call<Request, Response>(
        action: String?, addressingAction: String? = nil, request: Request, as requestElement: SOAPMessageElement<Request>,
        response responseElement: SOAPMessageElement<Response>, headers: [XMLAnyElement] = []
    ) async throws -> Response {
        try await callWithHeaders(
            action: action, addressingAction: addressingAction, request: request, as: requestElement, response: responseElement, headers: headers,
            keepingHeaders: false
        ).body
    }

    /// ``call(action:request:as:response:headers:)`` that also returns the response's header
    /// blocks (an operation whose binding declares output headers).
    @_spi(Generated)
    public func callWithHeaders<Request, Response>(
        action: String?, addressingAction: String? = nil, request: Request, as requestElement: SOAPMessageElement<Request>,
        response responseElement: SOAPMessageElement<Response>, headers: [XMLAnyElement] = []
    ) async throws -> SOAPResponse<Response> {
        try await callWithHeaders(
            action: action, addressingAction: addressingAction, request: request, as: requestElement, response: responseElement, headers: headers,
            keepingHeaders: true)
    }

    private func callWithHeaders<Request, Response>(
        action: String?, addressingAction: String?, request: Request, as requestElement: SOAPMessageElement<Request>,
        response responseElement: SOAPMessageElement<Response>, headers: [XMLAnyElement], keepingHeaders: Bool
    ) async throws -> SOAPResponse<Response> {
        let blocks = try await requestHeaders(headers, action: addressingAction ?? action)
        let response = try await exchange(action: action, body: SOAPEnvelopeWriter.message(request, as: requestElement, version: version, headers: blocks))
        // An output message with no parts: 202, or 200 with nothing, is as good as an empty Body.
        if responseElement.isEmptyBody, (200..<300).contains(response.status), Self.isBlank(response.body), let empty = SOAPEmptyBody() as? Response {
            return SOAPResponse(empty, headers: [])
        }
        guard let contentType = response.contentType.flatMap(SOAPContentType.init), contentType.isXML, !response.body.isEmpty else {
            throw SOAPClientError.unexpectedResponse(status: response.status, contentType: response.contentType, bodyPrefix: String(decoding: response.body.prefix(200), as: UTF8.self))
        }
        var body = response.body
        if responseElement.encodingStyle != nil, SOAPMultiReferences.mayHoldReferences(body) {
            do {
                body = try SOAPMultiReferences.inline(body, limits: limits)
            } catch {
                throw SOAPClientError.invalidResponse(error)
            }
        }
        return try decodeEnvelope(body) { envelope throws(XMLDecodingError) in
            let expected = responseElement.name
            guard envelope.bodyElement.map({ $0.localName == expected.localName }) ?? responseElement.isEmptyBody else {
                throw XMLDecodingError(.unexpectedElement, "expected <\(expected.localName)> in the response body, found \(envelope.bodyElement.map { "<\($0.localName)>" } ?? "nothing")")
            }
            return SOAPResponse(try envelope.decodeBody(Response.self), headers: keepingHeaders ? envelope.headers.map(\.element) : [])
        }
    }

    private func requestHeaders(_ headers: [XMLAnyElement], action: String?) async throws -> [XMLAnyElement] {
        var blocks = try await security?.headerBlocks() ?? []
        if addressing { blocks += WSAddressing.requestHeaders(action: action ?? "", to: endpoint) }
        return blocks.isEmpty ? headers : blocks + headers
    }

    /// Sends a one-way operation's message. Accepts HTTP 202, or 200 with an empty body or an
    /// envelope with an empty Body; throws ``SOAPFault`` when the peer answers with a fault.
    @_spi(Generated)
    public func send<Request>(
        action: String?, addressingAction: String? = nil, request: Request, as requestElement: SOAPMessageElement<Request>, headers: [XMLAnyElement] = []
    ) async throws {
        let blocks = try await requestHeaders(headers, action: addressingAction ?? action)
        let response = try await exchange(action: action, body: SOAPEnvelopeWriter.message(request, as: requestElement, version: version, headers: blocks))
        let isXML = response.contentType.flatMap(SOAPContentType.init)?.isXML == true
        if (200..<300).contains(response.status), Self.isBlank(response.body) { return }
        guard isXML else {
            throw SOAPClientError.unexpectedResponse(status: response.status, contentType: response.contentType, bodyPrefix: String(decoding: response.body.prefix(200), as: UTF8.self))
        }
        try decodeEnvelope(response.body) { envelope throws(XMLDecodingError) in
            if envelope.bodyElement != nil {
                throw XMLDecodingError(.unexpectedElement, "a one-way operation was answered with <\(envelope.bodyElement?.localName ?? "")>")
            }
        }
    }

    private static func isBlank(_ body: [UInt8]) -> Bool {
        body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    private func exchange(action: String?, body: [UInt8]) async throws -> SOAPHTTPResponse {
        var fields: [String: String] = [:]
        if version == .soap11 { fields["SOAPAction"] = "\"\(action ?? "")\"" }
        let httpRequest = SOAPHTTPRequest(endpoint: endpoint, headerFields: fields, contentType: version.contentType(action: action), body: body)
        do {
            return try await transport.send(httpRequest)
        } catch {
            throw SOAPClientError.transport(error)
        }
    }

    /// Reads a response envelope: throws its fault, or hands it to `body` and checks that
    /// nothing follows.
    private func decodeEnvelope<T>(_ bytes: [UInt8], _ body: (SOAPEnvelopeReader) throws(XMLDecodingError) -> T) throws -> T {
        do {
            let envelope = try SOAPEnvelopeReader(bytes: bytes, limits: limits)
            envelope.reader.skipsUnknownElements = !strictDecoding
            envelope.reader.toleratesMissingValues = !strictDecoding
            envelope.reader.deviationHandler = deviationHandler
            if envelope.isFault {
                let fault = try envelope.decodeFault()
                try envelope.finish()
                throw fault
            }
            let value = try body(envelope)
            try envelope.finish()
            return value
        } catch let error as XMLDecodingError {
            throw SOAPClientError.invalidResponse(error)
        } catch let error as SOAPEnvelopeReader.EnvelopeError {
            throw SOAPClientError.invalidResponse(XMLDecodingError(.unexpectedRoot, "\(error)"))
        }
    }
}
