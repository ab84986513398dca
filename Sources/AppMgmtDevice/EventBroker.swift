import AppMgmt
import Foundation
import Logging
import ONVIFEvents
import SOAPRuntime

/// Sends a push subscription's messages to its consumer (`wsnt:Notify`); throws when the
/// consumer did not take them.
typealias NotificationSender = @Sendable (_ consumer: String, _ messages: [NotificationMessageHolderType]) async throws -> Void

/// The device's subscriptions: pull points (CreatePullPointSubscription) and push
/// subscriptions (WS-BaseNotification Subscribe). Each has its own bounded queue of
/// `tns1:AppMgmt/State` notifications (a consumer that does not pull, or does not take its
/// Notify, loses its oldest, never the device's memory), and a termination time after which
/// it is forgotten. A pull point has at most one waiting PullMessages; a push subscription
/// has one delivery at a time, retried after ``Limits/pushRetryDelays``, after which the
/// consumer counts as dead and its subscription ends. Fed from the registry's ``EventHub``.
actor EventBroker {
    struct Limits: Sendable {
        var maxSubscriptions = 128
        var maxQueuedMessages = 100
        var maxPullTimeout: Duration = .seconds(300)
        var maxMessageLimit = 1_000
        var defaultTermination: Duration = .seconds(60)
        var maxTermination: Duration = .seconds(24 * 3600)
        /// The pauses before each new attempt at a Notify the consumer did not take.
        var pushRetryDelays: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2)]
        /// The most messages one Notify carries.
        var maxMessagesPerNotify = 100
    }

    private struct Waiter {
        var token: Int
        var continuation: CheckedContinuation<Void, Never>
        var timeout: Task<Void, Never>
    }

    private struct Subscription {
        var queue: [NotificationMessageHolderType] = []
        var dropped = 0
        var termination: Date
        /// What a PullMessages extends the subscription by: the length first asked for.
        var lease: TimeInterval
        var waiter: Waiter?
        /// Where Notify goes, for a push subscription; `nil` for a pull point.
        var consumer: String?
        /// The subscription's own address (its `SubscriptionReference` in each message pushed).
        var address: String?
        /// A push delivery is running.
        var delivering = false
    }

    let limits: Limits
    private let registry: AppRegistry
    private var subscriptions: [String: Subscription] = [:]
    private var nextToken = 0
    private var feed: Task<Void, Never>?
    private var sweeper: Task<Void, Never>?
    private let sender: NotificationSender
    private let logger: Logger

    init(registry: AppRegistry, limits: Limits = Limits(), sender: @escaping NotificationSender = { _, _ in }, logger: Logger = Logger(label: "appmgmt-device.events")) {
        self.registry = registry
        self.limits = limits
        self.sender = sender
        self.logger = logger
    }

    /// Starts taking events from `events` and forgetting expired subscriptions.
    func start(_ events: AsyncStream<AppStateEvent>) {
        feed = Task { [weak self] in
            for await event in events { await self?.deliver(event) }
        }
        sweeper = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await self?.expire(now: Date())
            }
        }
    }

    func stop() {
        feed?.cancel()
        sweeper?.cancel()
        for id in Array(subscriptions.keys) { remove(id) }
    }

    var count: Int { subscriptions.count }
    var subscriptionIDs: [String] { Array(subscriptions.keys) }

    // MARK: Subscriptions

    /// A new subscription with one `Initialized` message per installed app; throws when the
    /// device holds its maximum. With a `consumer`, a push subscription: its messages are
    /// sent there, each naming the subscription's address (`addressPrefix` + its id).
    func create(termination: Date, now: Date, consumer: String? = nil, addressPrefix: String = "") async throws(SOAPFault) -> String {
        expire(now: now)
        guard subscriptions.count < limits.maxSubscriptions else {
            throw SOAPFault(
                code: .receiver, subcodes: [XMLName("http://docs.oasis-open.org/wsn/b-2", "SubscribeCreationFailedFault")],
                reason: "the device holds its maximum of \(limits.maxSubscriptions) subscriptions",
                detail: [EventFaults.baseFault("SubscribeCreationFailedFault", namespace: "http://docs.oasis-open.org/wsn/b-2", now: now)])
        }
        let id = UUID().uuidString.lowercased()
        var subscription = Subscription(termination: termination, lease: max(1, termination.timeIntervalSince(now)))
        subscription.queue = await initialMessages()
        if let consumer {
            subscription.consumer = consumer
            subscription.address = addressPrefix + id
        }
        subscriptions[id] = subscription
        schedulePush(id)
        return id
    }

    private func initialMessages() async -> [NotificationMessageHolderType] {
        let infos = (try? await registry.appInfos(nil)) ?? []
        return infos.map {
            AppStateTopic.notification(AppStateEvent(appID: $0.appID, state: $0.state, status: $0.status.isEmpty ? nil : $0.status), .initialized)
        }
    }

    /// Up to `limit` queued messages, at once when there are some, else as soon as one comes
    /// or `timeout` passes. A pull that arrives while another waits ends the older one. A
    /// successful pull extends the subscription by its lease.
    func pull(_ id: String, timeout: Duration, limit: Int, now: Date) async throws(SOAPFault) -> (messages: [NotificationMessageHolderType], termination: Date) {
        guard subscriptions[id] != nil, !isExpired(id, now: now) else { throw EventFaults.resourceUnknown(id, now: now) }
        if let consumer = subscriptions[id]?.consumer {
            throw SOAPFault(code: .sender, reason: "subscription '\(id)' sends its messages to \(consumer) (Notify); PullMessages is for pull points (CreatePullPointSubscription)")
        }
        if subscriptions[id]?.queue.isEmpty == true {
            nextToken += 1
            let token = nextToken
            if let older = subscriptions[id]?.waiter {
                older.timeout.cancel()
                older.continuation.resume()
                subscriptions[id]?.waiter = nil
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.wake(id, token: token)
                }
                subscriptions[id]?.waiter = Waiter(token: token, continuation: continuation, timeout: timer)
            }
        }
        guard var subscription = subscriptions[id] else { throw EventFaults.resourceUnknown(id, now: Date()) }
        let taken = Array(subscription.queue.prefix(limit))
        subscription.queue.removeFirst(taken.count)
        subscription.termination = max(subscription.termination, Date().addingTimeInterval(subscription.lease))
        subscriptions[id] = subscription
        return (taken, subscription.termination)
    }

    /// Sets a new termination time; returns it.
    func renew(_ id: String, termination: Date, now: Date) throws(SOAPFault) -> Date {
        guard subscriptions[id] != nil, !isExpired(id, now: now) else { throw EventFaults.resourceUnknown(id, now: now) }
        subscriptions[id]?.termination = termination
        subscriptions[id]?.lease = max(1, termination.timeIntervalSince(now))
        return termination
    }

    func unsubscribe(_ id: String, now: Date) throws(SOAPFault) {
        guard subscriptions[id] != nil, !isExpired(id, now: now) else { throw EventFaults.resourceUnknown(id, now: now) }
        remove(id)
    }

    /// Queues every app's current state again, as `Initialized`.
    func synchronize(_ id: String, now: Date) async throws(SOAPFault) {
        guard subscriptions[id] != nil, !isExpired(id, now: now) else { throw EventFaults.resourceUnknown(id, now: now) }
        let messages = await initialMessages()
        for message in messages { enqueue(message, in: id) }
    }

    func termination(of id: String) -> Date? { subscriptions[id]?.termination }

    // MARK: Delivery

    private func deliver(_ event: AppStateEvent) {
        let message = AppStateTopic.notification(event, event.state == .removed ? .deleted : .changed)
        for id in subscriptions.keys { enqueue(message, in: id) }
    }

    private func enqueue(_ message: NotificationMessageHolderType, in id: String) {
        guard var subscription = subscriptions[id] else { return }
        subscription.queue.append(message)
        if subscription.queue.count > limits.maxQueuedMessages {
            subscription.queue.removeFirst(subscription.queue.count - limits.maxQueuedMessages)
            subscription.dropped += 1
        }
        let waiter = subscription.waiter
        subscription.waiter = nil
        subscriptions[id] = subscription
        if let waiter {
            waiter.timeout.cancel()
            waiter.continuation.resume()
        }
        schedulePush(id)
    }

    // MARK: Push

    /// Starts delivering a push subscription's queue unless a delivery runs already.
    private func schedulePush(_ id: String) {
        guard let subscription = subscriptions[id], subscription.consumer != nil, !subscription.delivering, !subscription.queue.isEmpty else { return }
        subscriptions[id]?.delivering = true
        Task { [weak self] in await self?.deliverPushed(id) }
    }

    /// Sends the queue, a batch at a time, until it is empty; a batch the consumer does not
    /// take after every retry ends the subscription (a dead consumer).
    private func deliverPushed(_ id: String) async {
        while let (consumer, batch) = nextBatch(id) {
            var lastError: (any Error)?
            for delay in [Duration.zero] + limits.pushRetryDelays {
                if delay > .zero { try? await Task.sleep(for: delay) }
                guard subscriptions[id] != nil else { return }
                do {
                    try await sender(consumer, batch)
                    lastError = nil
                    break
                } catch {
                    lastError = error
                }
            }
            if let lastError {
                logger.warning("push subscription \(id): \(consumer) did not take \(batch.count) message(s) after \(limits.pushRetryDelays.count + 1) attempts (\(lastError)); the subscription ends")
                remove(id)
                return
            }
        }
    }

    /// The next messages to push, each naming its subscription; `nil` (and the delivery
    /// over) when the queue is empty or the subscription gone.
    private func nextBatch(_ id: String) -> (String, [NotificationMessageHolderType])? {
        guard var subscription = subscriptions[id], let consumer = subscription.consumer, !subscription.queue.isEmpty else {
            subscriptions[id]?.delivering = false
            return nil
        }
        var batch = Array(subscription.queue.prefix(limits.maxMessagesPerNotify))
        subscription.queue.removeFirst(batch.count)
        subscriptions[id] = subscription
        if let address = subscription.address {
            for index in batch.indices { batch[index].subscriptionReference = EndpointReferenceType(address: AttributedURIType(value: address)) }
        }
        return (consumer, batch)
    }

    private func wake(_ id: String, token: Int) {
        guard let waiter = subscriptions[id]?.waiter, waiter.token == token else { return }
        subscriptions[id]?.waiter = nil
        waiter.continuation.resume()
    }

    private func isExpired(_ id: String, now: Date) -> Bool {
        guard let subscription = subscriptions[id] else { return true }
        return subscription.termination < now
    }

    private func expire(now: Date) {
        for (id, subscription) in subscriptions where subscription.termination < now && subscription.waiter == nil { remove(id) }
    }

    private func remove(_ id: String) {
        guard let subscription = subscriptions.removeValue(forKey: id) else { return }
        if let waiter = subscription.waiter {
            waiter.timeout.cancel()
            waiter.continuation.resume()
        }
    }
}

/// The WS-BaseNotification and WS-ResourceFramework faults of the Event service, each with
/// its WS-BaseFaults detail (`Timestamp` first, as bf-2.xsd orders it).
enum EventFaults {
    static let baseFaultsNamespace = "http://docs.oasis-open.org/wsrf/bf-2"

    static func baseFault(_ local: String, namespace: String, now: Date, description: String? = nil) -> XMLAnyElement {
        var children: [XMLAnyNode] = [
            .element(XMLAnyElement(name: XMLName(baseFaultsNamespace, "Timestamp"), prefix: "wsrf-bf", children: [.text(XSDDateTime(date: now).xsdLexical)]))
        ]
        if let description {
            children.append(.element(XMLAnyElement(name: XMLName(baseFaultsNamespace, "Description"), prefix: "wsrf-bf", children: [.text(description)])))
        }
        return XMLAnyElement(name: XMLName(namespace, local), children: children)
    }

    /// `wsrf-rw:ResourceUnknownFault`: no such subscription (never made, expired, or ended).
    static func resourceUnknown(_ id: String, now: Date) -> SOAPFault {
        let reason = "no subscription \(id.isEmpty ? "at this address" : "'\(id)'"): it expired, was unsubscribed, or never existed"
        return SOAPFault(
            code: .sender, subcodes: [XMLName("http://docs.oasis-open.org/wsrf/rw-2", "ResourceUnknownFault")], reason: reason,
            detail: [baseFault("ResourceUnknownFault", namespace: "http://docs.oasis-open.org/wsrf/r-2", now: now, description: reason)])
    }

    /// `wsntw:UnacceptableTerminationTimeFault` (Subscribe, Renew) or its
    /// `UnacceptableInitialTerminationTimeFault` (CreatePullPointSubscription).
    static func unacceptableTermination(_ local: String, _ reason: String, now: Date) -> SOAPFault {
        SOAPFault(
            code: .sender, subcodes: [XMLName("http://docs.oasis-open.org/wsn/bw-2", local)], reason: reason,
            detail: [baseFault(local, namespace: "http://docs.oasis-open.org/wsn/b-2", now: now, description: reason)])
    }

    static func invalidFilter(_ reason: String, now: Date) -> SOAPFault {
        SOAPFault(
            code: .sender, subcodes: [XMLName("http://docs.oasis-open.org/wsn/bw-2", "InvalidFilterFault")], reason: reason,
            detail: [baseFault("InvalidFilterFault", namespace: "http://docs.oasis-open.org/wsn/b-2", now: now, description: reason)])
    }
}
