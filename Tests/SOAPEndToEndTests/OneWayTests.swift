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
        }
    }
}
