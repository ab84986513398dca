/// An HTTP request as a server transport hands it to a SOAP service.
public struct SOAPServerRequest: Sendable {
    public var contentType: String?
    /// The `SOAPAction` header (SOAP 1.1).
    public var soapActionHeader: String?
    public var body: [UInt8]
    /// Other header fields, for services that need them (names in lowercase; `:path` is the
    /// request target, path and query).
    public var headerFields: [String: String]

    public init(contentType: String?, soapActionHeader: String? = nil, body: [UInt8], headerFields: [String: String] = [:]) {
        self.contentType = contentType
        self.soapActionHeader = soapActionHeader
        self.body = body
        self.headerFields = headerFields
    }
}

/// What a SOAP service answers.
public struct SOAPServerResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Header fields besides `Content-Type`, in order (a name may repeat: one
    /// `WWW-Authenticate` per challenge on a 401).
    public var headerFields: [(name: String, value: String)]

    public init(status: Int, contentType: String, body: [UInt8], headerFields: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headerFields = headerFields
    }
}

/// Anything that answers SOAP requests: generated dispatchers; server transports mount it.
public protocol SOAPRequestHandler: Sendable {
    func handle(_ request: SOAPServerRequest) async -> SOAPServerResponse
}

/// What a service method knows about the request it serves.
public struct SOAPRequestContext: Sendable {
    /// The operation's name, e.g. `GetAppsInfo`.
    public var operation: String
    /// The authenticated user, `nil` for an anonymous request.
    public var user: String?
    public var headers: [SOAPHeaderBlock]
    public var version: SOAPVersion
    /// The transport's header fields the server passed on (`SOAPServerRequest.headerFields`,
    /// names in lowercase: e.g. `host`, and `:path`, the request target).
    public var httpHeaders: [String: String]

    public init(operation: String, user: String?, headers: [SOAPHeaderBlock], version: SOAPVersion, httpHeaders: [String: String] = [:]) {
        self.operation = operation
        self.user = user
        self.headers = headers
        self.version = version
        self.httpHeaders = httpHeaders
    }
}

/// Authenticates requests from their header blocks (see `WSSecurity`).
public protocol SOAPServerSecurity: Sendable {
    /// The header blocks this policy processes, so `mustUnderstand` on them is honoured.
    var understoodHeaders: Set<XMLName> { get }
    /// The authenticated user, `nil` for anonymous; throws a fault for bad credentials.
    func authenticate(_ headers: [SOAPHeaderBlock]) async throws(SOAPFault) -> String?
    /// ``authenticate(_:)`` with the HTTP request at hand, for credentials that travel in
    /// HTTP (Digest's `Authorization`, which transports pass as `headerFields["authorization"]`).
    /// By default, the header blocks alone decide.
    func authenticate(_ headers: [SOAPHeaderBlock], request: SOAPServerRequest) async throws(SOAPFault) -> String?
    /// The HTTP authentication challenges for a request refused with `fault` (by this policy
    /// or by the service): when not `nil`, the fault goes out with HTTP 401 and these header
    /// fields (`WWW-Authenticate`). By default `nil`: faults keep their SOAP status.
    func challenge(refusing fault: SOAPFault, user: String?, headers: [SOAPHeaderBlock], request: SOAPServerRequest) async -> [(name: String, value: String)]?
}

extension SOAPServerSecurity {
    public func authenticate(_ headers: [SOAPHeaderBlock], request: SOAPServerRequest) async throws(SOAPFault) -> String? {
        try await authenticate(headers)
    }

    public func challenge(refusing fault: SOAPFault, user: String?, headers: [SOAPHeaderBlock], request: SOAPServerRequest) async -> [(name: String, value: String)]? {
        nil
    }
}

/// One operation of a service as the dispatcher sees it.
@_spi(Generated)
public struct SOAPOperation<Service: Sendable>: Sendable {
    /// Decodes the request, calls the service, and returns the response's header blocks and
    /// what writes its body, or `nil` for a one-way operation (answered with HTTP 202, no body).
    public typealias Handler = @Sendable (Service, SOAPEnvelopeReader, SOAPRequestContext) async throws -> Output?
    /// A response: header blocks and the body's writer.
    public typealias Output = (headers: [XMLAnyElement], body: (inout XMLWriter) -> Void)

    public var name: String
    public var action: String?
    /// The WS-Addressing action of the response (what a dispatcher with
    /// ``SOAPDispatcher/addressing`` sends as `wsa:Action`).
    public var responseAction: String?
    public var requestElement: XMLName
    /// Namespaces declared on the response envelope.
    public var responseNamespaces: [XMLNamespaceBinding]
    /// The header blocks the binding declares for this operation's input (`soap:header`): a
    /// `mustUnderstand` block of these names is understood (read through
    /// ``SOAPRequestContext/header(_:)``), not refused.
    public var understoodHeaders: Set<XMLName>
    /// The `encodingStyle` of an rpc/encoded operation's messages (`nil`: literal): its
    /// request's `href` references are resolved before decoding, its response's Body says it.
    public var encodingStyle: String?
    public var handler: Handler

    public init(
        name: String, action: String?, requestElement: XMLName, responseNamespaces: [XMLNamespaceBinding], understoodHeaders: Set<XMLName> = [],
        handler: @escaping Handler
    ) {
        self.name = name
        self.action = action
        self.requestElement = requestElement
        self.responseNamespaces = responseNamespaces
        self.understoodHeaders = understoodHeaders
        self.handler = handler
    }

    /// An operation that decodes `Request`, calls `method` and encodes its `Response`.
    public static func make<Request: XMLRootElement, Response: XMLRootElement>(
        name: String, action: String?, request: Request.Type, response: Response.Type, responseAction: String? = nil,
        method: @escaping @Sendable (Service, Request, SOAPRequestContext) async throws -> Response
    ) -> SOAPOperation {
        make(name: name, action: action, request: Request.messageElement, response: Response.messageElement, responseAction: responseAction, method: method)
    }

    /// An operation that decodes the message element `request`, calls `method` and encodes its
    /// result as the message element `response`.
    public static func make<Request, Response>(
        name: String, action: String?, request: SOAPMessageElement<Request>, response: SOAPMessageElement<Response>, responseAction: String? = nil,
        headers: Set<XMLName> = [],
        method: @escaping @Sendable (Service, Request, SOAPRequestContext) async throws -> Response
    ) -> SOAPOperation {
        makeWithHeaders(name: name, action: action, request: request, response: response, responseAction: responseAction, headers: headers) { service, value, context in
            SOAPResponse(try await method(service, value, context))
        }
    }

    /// An operation whose binding declares output headers: `method` returns the body with the
    /// header blocks to send beside it.
    public static func makeWithHeaders<Request, Response>(
        name: String, action: String?, request: SOAPMessageElement<Request>, response: SOAPMessageElement<Response>, responseAction: String? = nil,
        headers: Set<XMLName> = [],
        method: @escaping @Sendable (Service, Request, SOAPRequestContext) async throws -> SOAPResponse<Response>
    ) -> SOAPOperation {
        let responseName = response.name
        var operation = SOAPOperation(name: name, action: action, requestElement: request.name, responseNamespaces: response.namespaces, understoodHeaders: headers) {
            service, envelope, context in
            let value = try envelope.decodeBody(Request.self)
            try envelope.finish()
            let result = try await method(service, value, context)
            return (result.headers, { writer in result.body.encode(to: &writer, as: responseName) })
        }
        operation.encodingStyle = request.encodingStyle ?? response.encodingStyle
        operation.responseAction = responseAction
        return operation
    }

    /// A one-way operation (no output message): decodes `request` and calls `method`; the
    /// dispatcher answers HTTP 202 with no body once `method` returns.
    public static func makeOneWay<Request>(
        name: String, action: String?, request: SOAPMessageElement<Request>, headers: Set<XMLName> = [],
        method: @escaping @Sendable (Service, Request, SOAPRequestContext) async throws -> Void
    ) -> SOAPOperation {
        var operation = SOAPOperation(name: name, action: action, requestElement: request.name, responseNamespaces: [], understoodHeaders: headers) { service, envelope, context in
            let value = try envelope.decodeBody(Request.self)
            try envelope.finish()
            try await method(service, value, context)
            return nil
        }
        operation.encodingStyle = request.encodingStyle
        return operation
    }
}

/// Logs what the dispatcher cannot tell the client (internal errors).
public typealias SOAPErrorLogger = @Sendable (_ operation: String, _ error: any Error) -> Void

/// The machinery behind generated server dispatchers: content type and envelope checks,
/// `mustUnderstand`, authentication, operation selection by action and/or body element,
/// decoding, the call, encoding, and faults with the right HTTP status.
@_spi(Generated)
public struct SOAPDispatcher<Service: Sendable>: SOAPRequestHandler {
    public var service: Service
    public var version: SOAPVersion
    public var security: (any SOAPServerSecurity)?
    public var limits: XMLReaderLimits
    public var logger: SOAPErrorLogger?
    /// The subcodes of the faults the dispatcher raises itself (none by default).
    public var faultPolicy: SOAPFaultPolicy
    /// WS-Addressing 1.0: the request's addressing headers are understood, its `wsa:Action`
    /// selects the operation when the transport names none, and every reply carries
    /// `wsa:Action` (the operation's response action, or the fault action) and `wsa:RelatesTo`.
    public var addressing: Bool
    private let operationsByAction: [String: SOAPOperation<Service>]
    private let operationsByElement: [XMLName: SOAPOperation<Service>]
    private let elementsNeedingAction: Set<XMLName>
    /// Whether some operation is rpc/encoded, whose requests may hold `href` references.
    private let resolvesMultiReferences: Bool

    public init(
        service: Service, operations: [SOAPOperation<Service>], version: SOAPVersion = .soap12,
        security: (any SOAPServerSecurity)? = nil, limits: XMLReaderLimits = .default, logger: SOAPErrorLogger? = nil,
        faultPolicy: SOAPFaultPolicy = .plain, addressing: Bool = false
    ) {
        self.service = service
        self.faultPolicy = faultPolicy
        self.addressing = addressing
        self.version = version
        self.security = security
        self.limits = limits
        self.logger = logger
        var byAction: [String: SOAPOperation<Service>] = [:]
        var byElement: [XMLName: SOAPOperation<Service>] = [:]
        var shared: Set<XMLName> = []
        for operation in operations {
            if let action = operation.action, !action.isEmpty { byAction[action] = operation }
            if byElement.updateValue(operation, forKey: operation.requestElement) != nil { shared.insert(operation.requestElement) }
        }
        // A body element several operations take (an empty Body, a shared type's element)
        // does not say which is meant: such requests need their action.
        for name in shared { byElement[name] = nil }
        operationsByAction = byAction
        operationsByElement = byElement
        elementsNeedingAction = shared
        resolvesMultiReferences = operations.contains { $0.encodingStyle != nil }
    }

    public func handle(_ request: SOAPServerRequest) async -> SOAPServerResponse {
        guard let contentTypeHeader = request.contentType, let contentType = SOAPContentType(contentTypeHeader) else {
            return plain(415, "a SOAP request needs a Content-Type of \(version.mediaType)")
        }
        guard contentType.isXML else {
            return plain(415, "unsupported Content-Type '\(contentType.mediaType)'; expected \(version.mediaType)")
        }
        guard !request.body.isEmpty else {
            // An empty POST is also how some HTTP Digest clients (curl) ask for the challenge.
            let empty = SOAPFault(code: .sender, subcodes: faultPolicy.notWellFormed, reason: "empty request body")
            return await challenging(fault(empty), refusing: empty, user: nil, headers: [], request: request)
        }
        let envelope: SOAPEnvelopeReader
        do {
            if resolvesMultiReferences, SOAPMultiReferences.mayHoldReferences(request.body) {
                envelope = try SOAPEnvelopeReader(bytes: SOAPMultiReferences.inline(request.body, limits: limits), limits: limits, expectedVersion: version)
            } else {
                envelope = try SOAPEnvelopeReader(bytes: request.body, limits: limits, expectedVersion: version)
            }
        } catch let error as SOAPEnvelopeReader.EnvelopeError {
            switch error {
            case .versionMismatch(let found):
                return fault(SOAPFault(code: .versionMismatch, reason: "SOAP \(found.rawValue) envelope sent to a SOAP \(version.rawValue) endpoint"))
            case .notAnEnvelope(let name):
                return fault(SOAPFault(code: .sender, reason: "expected a SOAP \(version.rawValue) Envelope, found <\(name.localName)> in namespace '\(name.namespace)'"))
            }
        } catch let error as XMLDecodingError {
            return fault(decodingFault(error))
        } catch {
            return fault(SOAPFault(code: .sender, reason: "unreadable request"))
        }

        // The operation: by action when there is one, checked against the body element.
        var action = version == .soap12 ? contentType.parameters["action"] : request.soapActionHeader.map { $0.trimmingCharacters(of: "\"") }
        // With WS-Addressing, the message names its action itself; one the service does not
        // know falls back to the body element (clients spell actions of imported port types
        // in more than one way).
        if addressing, action?.isEmpty ?? true, let wsaAction = WSAddressing.value("Action", in: envelope.headers), operationsByAction[wsaAction] != nil {
            action = wsaAction
        }
        // An empty Body is the input of an operation whose message has no parts.
        let bodyElement = envelope.bodyElement ?? SOAPEmptyBody.xmlName
        let operation: SOAPOperation<Service>
        if let action, !action.isEmpty {
            guard let byAction = operationsByAction[action] else {
                return fault(replyTo: envelope, SOAPFault(code: .sender, subcodes: faultPolicy.unknownOperation, reason: "unknown operation: no operation has the action '\(action)'"))
            }
            guard byAction.requestElement.localName == bodyElement.localName,
                bodyElement.namespace == byAction.requestElement.namespace || bodyElement.namespace.isEmpty
            else {
                let found = envelope.bodyElement.map { "the body element <\($0.localName)>" } ?? "an empty SOAP Body"
                let expected = byAction.requestElement.localName.isEmpty ? "an empty Body" : "<\(byAction.requestElement.localName)>"
                return fault(replyTo: envelope, SOAPFault(code: .sender, subcodes: faultPolicy.bodyDoesNotMatchAction, reason: "\(found) does not match the action '\(action)', which expects \(expected)"))
            }
            operation = byAction
        } else {
            guard let byElement = operationsByElement[bodyElement] else {
                if elementsNeedingAction.contains(bodyElement) {
                    let what = envelope.bodyElement.map { "<\($0.localName)>" } ?? "an empty Body"
                    return fault(replyTo: envelope, SOAPFault(code: .sender, subcodes: faultPolicy.unknownOperation, reason: "several operations take \(what); the request must name its action"))
                }
                if envelope.bodyElement == nil { return fault(replyTo: envelope, SOAPFault(code: .sender, reason: "the SOAP Body is empty")) }
                return fault(replyTo: envelope, SOAPFault(code: .sender, subcodes: faultPolicy.unknownOperation, reason: "unknown operation: no operation takes <\(bodyElement.localName)> in namespace '\(bodyElement.namespace)'"))
            }
            operation = byElement
        }

        // mustUnderstand: every such header must be one we process (the security policy's, or
        // one the binding declares for this operation).
        // Checked name by name: no set is built per request on this path.
        let understood = security?.understoodHeaders ?? []
        let notUnderstood = envelope.headers.filter {
            $0.mustUnderstand && !understood.contains($0.name) && !(addressing && WSAddressing.understoodHeaders.contains($0.name))
                && !operation.understoodHeaders.contains($0.name) && isTargetedAtUs($0)
        }
        if let first = notUnderstood.first {
            return fault(replyTo: envelope, SOAPFault(code: .mustUnderstand, reason: "header <\(first.name.localName)> in namespace '\(first.name.namespace)' is not understood"))
        }

        let user: String?
        do {
            user = try await security?.authenticate(envelope.headers, request: request) ?? nil
        } catch {
            return await refusal(error, user: nil, envelope: envelope, request: request)
        }
        let context = SOAPRequestContext(operation: operation.name, user: user, headers: envelope.headers, version: version, httpHeaders: request.headerFields)
        do {
            guard let output = try await operation.handler(service, envelope, context) else {
                return SOAPServerResponse(status: 202, contentType: version.contentType(action: nil), body: [])
            }
            let headers = addressing ? output.headers + WSAddressing.replyHeaders(action: operation.responseAction ?? "", request: envelope.headers) : output.headers
            let body = SOAPEnvelopeWriter.envelope(
                version: version, namespaces: operation.responseNamespaces, headers: headers, encodingStyle: operation.encodingStyle, body: output.body)
            return SOAPServerResponse(status: 200, contentType: version.contentType(action: nil), body: body)
        } catch let error as SOAPFault {
            return await refusal(error, user: user, envelope: envelope, request: request)
        } catch let error as XMLDecodingError {
            return fault(replyTo: envelope, decodingFault(error))
        } catch {
            logger?(operation.name, error)
            return fault(replyTo: envelope, SOAPFault(code: .receiver, subcodes: faultPolicy.operationFailed, reason: "the operation \(operation.name) failed on the device"))
        }
    }

    private func isTargetedAtUs(_ header: SOAPHeaderBlock) -> Bool {
        guard let role = header.role else { return true }
        return role == "http://www.w3.org/2003/05/soap-envelope/role/next"
            || role == "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
            || role == "http://schemas.xmlsoap.org/soap/actor/next"
    }

    private func decodingFault(_ error: XMLDecodingError) -> SOAPFault {
        switch error.kind {
        case .malformed, .forbidden, .limitExceeded:
            return SOAPFault(code: .sender, subcodes: faultPolicy.notWellFormed, reason: "\(error)")
        default:
            return SOAPFault(code: .sender, subcodes: faultPolicy.invalidArguments, reason: "\(error)")
        }
    }

    private func fault(_ fault: SOAPFault) -> SOAPServerResponse {
        SOAPServerResponse(status: fault.httpStatus(for: version), contentType: version.contentType(action: nil), body: SOAPEnvelopeWriter.fault(fault, version: version))
    }

    /// A fault in reply to a request that was read: with WS-Addressing, it says so.
    private func fault(replyTo envelope: SOAPEnvelopeReader, _ fault: SOAPFault) -> SOAPServerResponse {
        guard addressing else { return self.fault(fault) }
        let headers = WSAddressing.replyHeaders(action: WSAddressing.faultAction, request: envelope.headers)
        return SOAPServerResponse(
            status: fault.httpStatus(for: version), contentType: version.contentType(action: nil), body: SOAPEnvelopeWriter.fault(fault, version: version, headers: headers))
    }

    /// A fault from the security policy or the service: HTTP 401 with the policy's
    /// challenges when it has some for this refusal.
    private func refusal(_ fault: SOAPFault, user: String?, envelope: SOAPEnvelopeReader, request: SOAPServerRequest) async -> SOAPServerResponse {
        await challenging(self.fault(replyTo: envelope, fault), refusing: fault, user: user, headers: envelope.headers, request: request)
    }

    /// `response` as HTTP 401 with the security policy's challenges, when it has some.
    private func challenging(
        _ response: SOAPServerResponse, refusing fault: SOAPFault, user: String?, headers: [SOAPHeaderBlock], request: SOAPServerRequest
    ) async -> SOAPServerResponse {
        guard let security, let challenges = await security.challenge(refusing: fault, user: user, headers: headers, request: request) else { return response }
        var response = response
        response.status = 401
        response.headerFields += challenges
        return response
    }

    private func plain(_ status: Int, _ message: String) -> SOAPServerResponse {
        SOAPServerResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array((message + "\n").utf8))
    }
}

extension String {
    func trimmingCharacters(of character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
