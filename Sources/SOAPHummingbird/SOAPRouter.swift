import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SOAPRuntime

/// Limits and behaviour of a SOAP endpoint mounted on a Hummingbird router.
public struct SOAPEndpointOptions: Sendable {
    /// Largest request body accepted; larger requests get HTTP 413 without being read.
    public var maxRequestBodyBytes: Int
    /// Time allowed to receive the whole request body: a client still sending when it has
    /// passed (a slow drip) gets HTTP 408. It is checked as the body's bytes arrive, with no
    /// timer per request; a client that stops sending altogether is closed by the server's
    /// idle timeout (`.http1(configuration: .init(idleTimeout:))`, which Hummingbird applies
    /// while a request is being read). Set one on servers that face untrusted clients, as
    /// `appmgmt-device` does.
    public var bodyReadTimeout: Duration

    public init(maxRequestBodyBytes: Int = 4 << 20, bodyReadTimeout: Duration = .seconds(30)) {
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.bodyReadTimeout = bodyReadTimeout
    }
}

extension RouterMethods {
    /// Mounts a SOAP service (a generated dispatcher) on `path` of an existing router, so a team
    /// adds SOAP to a server it already runs.
    @discardableResult
    public func addSOAPService(_ handler: some SOAPRequestHandler, at path: String, options: SOAPEndpointOptions = .init()) -> Self {
        post(RouterPath(path)) { request, context -> Response in
            try await SOAPRouting.respond(to: request, context: context, handler: handler, options: options)
        }
    }
}

/// The Hummingbird side of a SOAP exchange.
enum SOAPRouting {
    static let soapActionField = HTTPField.Name("SOAPAction")

    static func respond(to request: Request, context: some RequestContext, handler: some SOAPRequestHandler, options: SOAPEndpointOptions) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > options.maxRequestBodyBytes {
            context.logger.notice("SOAP request refused: Content-Length \(length) exceeds \(options.maxRequestBodyBytes)")
            return plain(.contentTooLarge, "request body larger than \(options.maxRequestBodyBytes) bytes")
        }
        // The body, with the deadline checked as its parts arrive: a task group racing a timer
        // per request (the previous design) cost as much as the whole SOAP exchange under load.
        let deadline = ContinuousClock.now.advanced(by: options.bodyReadTimeout)
        var body = ByteBuffer()
        var parts = 0
        for try await part in request.body {
            guard body.readableBytes + part.readableBytes <= options.maxRequestBodyBytes else {
                return plain(.contentTooLarge, "request body larger than \(options.maxRequestBodyBytes) bytes")
            }
            if parts == 0 {
                body = part
            } else {
                var part = part
                body.writeBuffer(&part)
            }
            parts += 1
            if ContinuousClock.now > deadline {
                context.logger.notice("SOAP request refused: body not received within \(options.bodyReadTimeout)")
                return plain(.requestTimeout, "request body not received in time")
            }
        }
        var fields: [String: String] = [":path": request.uri.description]
        if let host = request.head.authority { fields["host"] = host }
        // For services that take HTTP Digest besides WS-Security.
        if let authorization = request.headers[.authorization] { fields["authorization"] = authorization }
        let soapRequest = SOAPServerRequest(
            contentType: request.headers[.contentType],
            soapActionHeader: soapActionField.flatMap { request.headers[$0] },
            body: Array(buffer: body), headerFields: fields)
        let response = await handler.handle(soapRequest)
        if response.status >= 500 {
            context.logger.notice("SOAP request answered with HTTP \(response.status)")
        }
        var headers = HTTPFields()
        headers[.contentType] = response.contentType
        for field in response.headerFields {
            if let name = HTTPField.Name(field.name) { headers.append(HTTPField(name: name, value: field.value)) }
        }
        return Response(status: .init(code: response.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

/// Thrown by ``withTimeout(_:_:)`` when the operation took too long.
public struct SOAPTimeout: Error, Sendable {}

/// Runs `operation`, throwing ``SOAPTimeout`` when it takes longer than `timeout` (used to
/// answer slow uploads with HTTP 408).
public func withTimeout<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw SOAPTimeout()
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else { throw SOAPTimeout() }
        return result
    }
}
