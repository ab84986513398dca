import Constructs
import Foundation
import Hummingbird
import SOAPAsyncHTTPClient
import SOAPHummingbird
import SOAPRuntime
import Testing

/// Receives the one-way `Notify` of Tests/Constructs over real HTTP.
actor NotificationInbox {
    var received: [[String]] = []
    func add(_ messages: [String]) { received.append(messages) }
}

struct NotifyConsumer: ConsumerService {
    let inbox: NotificationInbox

    func notify(_ request: Notify, context: SOAPRequestContext) async throws {
        await inbox.add(request.message)
    }

    func configure(_ request: Configuration, context: SOAPRequestContext) async throws -> Configuration {
        request
    }

    func echo(_ request: Echo, context: SOAPRequestContext) async throws -> EchoResponse {
        EchoResponse(value: request.value.uppercased())
    }

    func ping(_ request: SOAPEmptyBody, context: SOAPRequestContext) async throws -> SOAPEmptyBody {
        await inbox.add(["ping"])
        return SOAPEmptyBody()
    }

    func lastEcho(_ request: SOAPEmptyBody, context: SOAPRequestContext) async throws -> EchoResponse {
        EchoResponse(value: "last")
    }
}

/// The rpc/literal SOAP 1.1 port type of Tests/Constructs.
struct RPCAdder: LegacyService {
    func add(_ request: Add, context: SOAPRequestContext) async throws -> AddResponse {
        guard request.a < Int32.max - request.b else { throw SOAPFault(code: .sender, reason: "overflow") }
        return AddResponse(sum: request.a + request.b)
    }

    func rename(_ request: Rename, context: SOAPRequestContext) async throws -> RenameResponse {
        RenameResponse(names: request.names)
    }

    func reset(_ request: Reset, context: SOAPRequestContext) async throws -> ResetResponse {
        ResetResponse()
    }
}

@Suite("One-way operations over HTTP")
struct OneWayTests {
    @Test("Notify: the generated client posts, the Hummingbird server answers 202 with no body")
    func notifyOverHTTP() async throws {
        let inbox = NotificationInbox()
        let router = Router()
        router.addSOAPService(ConsumerDispatcher(service: NotifyConsumer(inbox: inbox)), at: "/consumer")
        try await withServer(router) { port in
            let client = ConsumerClient(endpoint: "http://127.0.0.1:\(port)/consumer", transport: AsyncHTTPClientTransport())
            try await client.notify(message: ["motion", "tamper"])
            try await client.notify(message: ["again"])
            #expect(await inbox.received == [["motion", "tamper"], ["again"]])

            let raw = try await post(
                port: port, path: "/consumer", contentType: #"application/soap+xml; charset=utf-8; action="urn:example:constructs/Notify""#, headers: [:],
                body: #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:example:constructs"><e:Body><c:Notify><c:Message>raw</c:Message></c:Notify></e:Body></e:Envelope>"#)
            #expect(raw.status == 202)
            #expect(raw.body.isEmpty)

            // Messages with no parts travel as an empty Body.
            try await client.ping()
            #expect(await inbox.received.last == ["ping"])
            #expect(try await client.lastEcho().value == "last")
        }
    }

    @Test("rpc/literal over SOAP 1.1: the generated client and server over HTTP, and zeep's request as sent")
    func rpcOverHTTP() async throws {
        let router = Router()
        router.addSOAPService(LegacyDispatcher(service: RPCAdder()), at: "/legacy")
        try await withServer(router) { port in
            let client = LegacyClient(endpoint: "http://127.0.0.1:\(port)/legacy", transport: AsyncHTTPClientTransport())
            #expect(try await client.add(a: 40, b: 2).sum == 42)
            await #expect(throws: SOAPFault.self) { try await client.add(a: Int32.max, b: 1) }
            _ = try await client.reset()

            // zeep 4.3's request for Add(a=1, b=2), with the SOAPAction header it sends.
            let raw = try await post(
                port: port, path: "/legacy", contentType: "text/xml; charset=utf-8", headers: ["SOAPAction": #""urn:example:legacy#Add""#],
                body: #"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:Add xmlns:ns0="urn:example:legacy"><a>1</a><b>2</b></ns0:Add></soap-env:Body></soap-env:Envelope>"#)
            #expect(raw.status == 200)
            #expect(raw.body.contains("<sum>3</sum>"))
        }
    }
}
