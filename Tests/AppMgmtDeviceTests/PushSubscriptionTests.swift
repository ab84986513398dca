import AppMgmtDevice
import Foundation
import Hummingbird
@_spi(Generated) import ONVIFEvents
import SOAPHummingbird
import SOAPRuntime
import Synchronization
import Testing
import WSSecurity

/// A notification consumer on 127.0.0.1: the generated `NotificationConsumer` server behind
/// a handler that keeps every request's bytes, so the test reads the wire as the device sent it.
final class RecordingConsumer: NotificationConsumerService, SOAPRequestHandler {
    let received = Mutex<[(body: String, notify: Notify)]>([])
    let bodies = Mutex<[String]>([])
    /// Answers every request with HTTP 503 (a consumer that has gone bad).
    let refusing = Mutex(false)
    let refusals = Mutex(0)

    func notify(_ request: Notify, context: SOAPRequestContext) async throws {
        let body = bodies.withLock { $0.last ?? "" }
        received.withLock { $0.append((body, request)) }
    }

    func handle(_ request: SOAPServerRequest) async -> SOAPServerResponse {
        if refusing.withLock({ $0 }) {
            refusals.withLock { $0 += 1 }
            return SOAPServerResponse(status: 503, contentType: "text/plain", body: Array("gone\n".utf8))
        }
        bodies.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
        return await NotificationConsumerDispatcher(service: self).handle(request)
    }

    /// `(AppID, State, PropertyOperation)` of every message received so far.
    var messages: [(appID: String, state: String, operation: String)] {
        received.withLock { $0.flatMap { appStateMessages($0.body) } }
    }
}

/// Runs `body` with a consumer listening at the URL it is given; the consumer stops when
/// `body` returns.
func withConsumer(_ consumer: RecordingConsumer, _ body: @Sendable (_ url: String) async throws -> Void) async throws {
    let router = Router()
    router.addSOAPService(consumer, at: "/consumer")
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    do {
        let server = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body("http://127.0.0.1:\(port)/consumer")
        server.cancel()
        _ = await server.result
    }
}

@Suite("ONVIF Event service: WS-BaseNotification push subscriptions (Subscribe, Notify)", .serialized)
struct PushSubscriptionTests {
    static let subscribeAction = "http://docs.oasis-open.org/wsn/bw-2/NotificationProducer/SubscribeRequest"

    @Test("Subscribe: the consumer gets Initialized then each change by Notify, with WS-Addressing and the subscription's reference; Renew and Unsubscribe work at its address; a dead consumer is dropped after the retries")
    func pushDelivery() async throws {
        let dir = try temporaryDirectory("events-push")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data"), configure: {
            $0.notifyRetryDelays = [.milliseconds(100), .milliseconds(200)]
            $0.notifyTimeout = .seconds(1)
        }) { device, events in
            let credentials = WSSecurityCredentials(username: device.admin.username, password: device.admin.password)
            let service = device.base + "/onvif/event_service"
            let capabilities = try await eventRequest(service, action: tev + "/EventPortType/GetServiceCapabilitiesRequest", body: "<tev:GetServiceCapabilities/>", credentials: nil)
            #expect(capabilities.text.contains("MaxNotificationProducers=\"128\""), "Subscribe is supported: \(capabilities.text)")
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let consumer = RecordingConsumer()
            try await withConsumer(consumer) { url in
                let subscribed = try await eventRequest(
                    service, action: Self.subscribeAction,
                    body: """
                        <wsnt:Subscribe><wsnt:ConsumerReference><a:Address>\(url)</a:Address></wsnt:ConsumerReference>\
                        <wsnt:Filter><wsnt:TopicExpression Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:AppMgmt/State</wsnt:TopicExpression></wsnt:Filter>\
                        <wsnt:InitialTerminationTime>PT60S</wsnt:InitialTerminationTime></wsnt:Subscribe>
                        """, credentials: credentials, messageID: "urn:uuid:subscribe-1")
                #expect(subscribed.status == 200, "\(subscribed.text)")
                #expect(subscribed.text.contains(">http://docs.oasis-open.org/wsn/bw-2/NotificationProducer/SubscribeResponse</wsa:Action>"))
                #expect(subscribed.text.contains(">urn:uuid:subscribe-1</wsa:RelatesTo>"))
                let address = try #require(elementText(subscribed.text, "Address"))
                #expect(address.hasPrefix(service + "/subscriptions/"), "\(address)")

                try await waitUntil { consumer.messages.count >= 1 }
                #expect(consumer.messages.map { "\($0.appID) \($0.state) \($0.operation)" } == ["\(helloID) Inactive Initialized"])
                _ = try await device.adminClient.activate(appID: helloID)
                try await waitUntil { consumer.messages.count >= 2 }
                #expect(consumer.messages.last.map { "\($0.state) \($0.operation)" } == "Active Changed")
                let wire = try #require(consumer.received.withLock { $0.last?.body })
                #expect(wire.contains(">http://docs.oasis-open.org/wsn/bw-2/NotificationConsumer/Notify</wsa:Action>"), "\(wire)")
                #expect(wire.contains(">\(url)</wsa:To>") && wire.contains("<wsa:MessageID>urn:uuid:"), "\(wire)")
                let notified = try #require(consumer.received.withLock { $0.last?.notify })
                #expect(notified.notificationMessage.first?.subscriptionReference?.address.value == address)
                #expect(notified.notificationMessage.first?.topic?.value == "tns1:AppMgmt/State")

                // A push subscription is not a pull point.
                let pulled = try await eventRequest(address, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
                #expect(pulled.status == 400 && pulled.text.contains("Notify"), "\(pulled.text)")
                let renewed = try await eventRequest(
                    address, action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest",
                    body: "<wsnt:Renew><wsnt:TerminationTime>PT120S</wsnt:TerminationTime></wsnt:Renew>", credentials: credentials)
                #expect(renewed.status == 200, "\(renewed.text)")

                // The consumer stops taking messages: the device retries, then ends the subscription.
                consumer.refusing.withLock { $0 = true }
                _ = try await device.adminClient.deactivate(appID: helloID)
                #expect(try await subscriptionEnds(address, credentials), "the subscription of a dead consumer ends")
                #expect(consumer.refusals.withLock { $0 } == 3, "one attempt and two retries")
            }

            // Unsubscribe ends a push subscription at once; a consumer address that is not
            // http(s) is refused.
            let second = RecordingConsumer()
            try await withConsumer(second) { url in
                let subscribed = try await eventRequest(
                    service, action: Self.subscribeAction, body: "<wsnt:Subscribe><wsnt:ConsumerReference><a:Address>\(url)</a:Address></wsnt:ConsumerReference></wsnt:Subscribe>",
                    credentials: credentials)
                let address = try #require(elementText(subscribed.text, "Address"))
                try await waitUntil { second.messages.count >= 1 }
                let unsubscribed = try await eventRequest(
                    address, action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest", body: "<wsnt:Unsubscribe/>", credentials: credentials)
                #expect(unsubscribed.status == 200, "\(unsubscribed.text)")
                _ = try await device.adminClient.activate(appID: helloID)
                _ = try await awaitEvents(events) { states($0).contains(.active) }
                try await Task.sleep(for: .milliseconds(300))
                #expect(second.messages.count == 1, "nothing after Unsubscribe: \(second.messages)")
            }
            let refused = try await eventRequest(
                service, action: Self.subscribeAction, body: "<wsnt:Subscribe><wsnt:ConsumerReference><a:Address>file:///etc/passwd</a:Address></wsnt:ConsumerReference></wsnt:Subscribe>",
                credentials: credentials)
            #expect(refused.status == 400 && refused.text.contains("SubscribeCreationFailedFault"), "\(refused.text)")
            // A consumer nobody listens at: the first Notify (the app's Initialized) fails, and
            // after the retries the subscription ends.
            let unreachable = try await eventRequest(
                service, action: Self.subscribeAction, body: "<wsnt:Subscribe><wsnt:ConsumerReference><a:Address>http://127.0.0.1:9/consumer</a:Address></wsnt:ConsumerReference></wsnt:Subscribe>",
                credentials: credentials)
            let unreachableAddress = try #require(elementText(unreachable.text, "Address"))
            #expect(try await subscriptionEnds(unreachableAddress, credentials), "a consumer that cannot be reached is dropped")
            let anonymous = try await eventRequest(
                service, action: Self.subscribeAction, body: "<wsnt:Subscribe><wsnt:ConsumerReference><a:Address>http://127.0.0.1:9/</a:Address></wsnt:ConsumerReference></wsnt:Subscribe>",
                credentials: nil)
            #expect(anonymous.status == 401, "Subscribe is READ_MEDIA")
        }
    }
}

/// Whether the subscription at `address` ends within 10 s: Renew, every 100 ms, until the
/// device answers `ResourceUnknownFault`.
func subscriptionEnds(_ address: String, _ credentials: WSSecurityCredentials) async throws -> Bool {
    for _ in 0..<100 {
        try await Task.sleep(for: .milliseconds(100))
        let renew = try await eventRequest(
            address, action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest",
            body: "<wsnt:Renew><wsnt:TerminationTime>PT120S</wsnt:TerminationTime></wsnt:Renew>", credentials: credentials)
        if renew.text.contains("ResourceUnknownFault") { return true }
    }
    return false
}

/// Polls `condition` every 50 ms for up to 10 s.
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
    for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
    try #require(condition(), "timed out waiting")
}
