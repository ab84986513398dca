import AsyncHTTPClient
@_spi(Generated) import ONVIFEvents
import SOAPAsyncHTTPClient
import SOAPRuntime
import Synchronization

/// Posts push subscriptions' `wsnt:Notify` messages (WS-Addressing on, as WS-BaseNotification
/// requires) over an HTTP client of its own that follows no redirects, gives a consumer 5 s
/// to answer (``timeout``, 5 s on the device) and reads at most 64 KiB of its reply: a consumer address comes from a client,
/// so it must not steer the device elsewhere or hold it up. The client is made on the first
/// Notify and shut down with the device.
final class NotifySender: Sendable {
    private let client = Mutex<HTTPClient?>(nil)
    let timeout: Duration

    init(timeout: Duration) {
        self.timeout = timeout
    }

    func notify(_ consumer: String, _ messages: [NotificationMessageHolderType]) async throws {
        let http = client.withLock { client in
            if let client { return client }
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            configuration.timeout = .init(connect: .nanoseconds(Int64(timeout / .nanoseconds(1))), read: .nanoseconds(Int64(timeout / .nanoseconds(1))))
            let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            client = made
            return made
        }
        let consumerClient = NotificationConsumerClient(
            endpoint: consumer, transport: AsyncHTTPClientTransport(client: http, timeout: .nanoseconds(Int64(timeout / .nanoseconds(1))), maxResponseBytes: 64 << 10))
        try await consumerClient.notify(Notify(notificationMessage: messages))
    }

    func shutdown() async {
        let made = client.withLock { client in
            defer { client = nil }
            return client
        }
        try? await made?.shutdown()
    }
}
