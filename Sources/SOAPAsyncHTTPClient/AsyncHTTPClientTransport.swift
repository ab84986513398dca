import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import SOAPRuntime

/// A ``SOAPClientTransport`` over AsyncHTTPClient: POSTs each envelope and collects the response
/// up to a size limit.
public struct AsyncHTTPClientTransport: SOAPClientTransport {
    public var client: HTTPClient
    /// Time allowed for one request, connection and response included.
    public var timeout: TimeAmount
    /// Largest response body accepted.
    public var maxResponseBytes: Int

    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30), maxResponseBytes: Int = 16 << 20) {
        self.client = client
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
        var httpRequest = HTTPClientRequest(url: request.endpoint)
        httpRequest.method = .POST
        httpRequest.headers.add(name: "Content-Type", value: request.contentType)
        for (name, value) in request.headerFields.sorted(by: { $0.key < $1.key }) {
            httpRequest.headers.add(name: name, value: value)
        }
        httpRequest.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await client.execute(httpRequest, timeout: timeout)
        let body = try await response.body.collect(upTo: maxResponseBytes)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return SOAPHTTPResponse(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            headerFields: fields, body: Array(buffer: body))
    }
}
