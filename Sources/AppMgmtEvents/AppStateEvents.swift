import AppMgmt
import Foundation
import ONVIFEvents
import SOAPRuntime

/// One `tns1:AppMgmt/State` message as a value: which app, its state and status, when, and
/// whether it reports the state found at subscribe time (`initialized`), a transition
/// (`changed`) or a removal (`deleted`).
public struct AppStateChange: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable {
        case initialized = "Initialized"
        case changed = "Changed"
        case deleted = "Deleted"
    }

    public var appID: String
    public var state: AppState
    public var status: String?
    public var time: Date
    public var operation: Operation

    public init(appID: String, state: AppState, status: String?, time: Date, operation: Operation) {
        self.appID = appID
        self.state = state
        self.status = status
        self.time = time
        self.operation = operation
    }

    /// The change a notification carries, or `nil` for another topic or a malformed message.
    public init?(_ notification: NotificationMessageHolderType) {
        guard notification.topic.map({ $0.value.hasSuffix("AppMgmt/State") }) ?? true,
            let message = notification.message.otherElements.first(where: { $0.name.localName == "Message" })
        else { return nil }
        func attribute(_ element: XMLAnyElement, _ name: String) -> String? { element.attributes.first { $0.name.localName == name }?.value }
        func items(_ group: String) -> [String: String] {
            guard let container = message.child(named: group) else { return [:] }
            var values: [String: String] = [:]
            for case .element(let item) in container.children where item.name.localName == "SimpleItem" {
                if let name = attribute(item, "Name") { values[name] = attribute(item, "Value") ?? "" }
            }
            return values
        }
        let source = items("Source")
        let data = items("Data")
        guard let appID = source["AppID"], let stateText = data["State"], let state = try? AppState(xsdLexical: stateText) else { return nil }
        let time = attribute(message, "UtcTime").flatMap { try? XSDDateTime(xsdLexical: $0) }?.date ?? Date()
        let status = data["Status"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            appID: appID, state: state, status: status, time: time,
            operation: Operation(rawValue: attribute(message, "PropertyOperation") ?? "") ?? .changed)
    }
}

/// Follows an ONVIF device's `tns1:AppMgmt/State` events over a pull point: creates one with
/// a topic filter, keeps a PullMessages waiting, renews before the termination time, and
/// subscribes again when the device has forgotten the pull point (`ResourceUnknownFault`, a
/// device restart). The first messages report every installed app (`initialized`).
public struct AppStateEvents: Sendable {
    public let eventService: String
    let transport: any SOAPClientTransport
    let security: (any SOAPClientSecurity)?
    /// The pull point's lease, and how long one PullMessages may wait.
    public var termination: Duration = .seconds(60)
    public var pullTimeout: Duration = .seconds(10)

    /// - Parameter eventService: the Event service's address (`GetServices`' XAddr for
    ///   `http://www.onvif.org/ver10/events/wsdl`, e.g. `http://camera/onvif/event_service`).
    public init(eventService: String, transport: any SOAPClientTransport, security: (any SOAPClientSecurity)?) {
        self.eventService = eventService
        self.transport = transport
        self.security = security
    }

    static let topicFilter = FilterType(otherElements: [
        XMLAnyElement(
            name: XMLName("http://docs.oasis-open.org/wsn/b-2", "TopicExpression"), prefix: "wsnt",
            attributes: [XMLAnyAttribute(name: XMLName("", "Dialect"), value: "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet")],
            children: [.text("tns1:AppMgmt/State")],
            valueNamespaces: [XMLNamespaceBinding(prefix: "tns1", namespace: "http://www.onvif.org/ver10/topics")])
    ])

    /// Every change from now on (after the current state of each app), until the task is
    /// cancelled or the device cannot be reached; the pull point is ended on the way out.
    public func changes() -> AsyncThrowingStream<AppStateChange, any Error> {
        stream(startingAt: nil)
    }

    /// The same, once the pull point exists: every change after this returns is in the
    /// stream (for a caller that is about to cause one, such as an upload).
    public func subscribedChanges() async throws -> AsyncThrowingStream<AppStateChange, any Error> {
        stream(startingAt: try await subscribe())
    }

    private func stream(startingAt subscription: (address: String, termination: Date)?) -> AsyncThrowingStream<AppStateChange, any Error> {
        let (stream, continuation) = AsyncThrowingStream<AppStateChange, any Error>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let task = Task {
            do {
                try await follow(from: subscription) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// One pull: the current state of every app (the `initialized` messages of a new pull
    /// point), then the pull point is ended.
    public func snapshot() async throws -> [AppStateChange] {
        let (address, _) = try await subscribe()
        let pullPoint = PullPointSubscriptionClient(endpoint: address, transport: transport, security: security)
        defer { Task { [pullPoint] in _ = try? await pullPoint.unsubscribe(Unsubscribe()) } }
        let pulled = try await pullPoint.pullMessages(PullMessages(timeout: XSDDuration(timeInterval: 1), messageLimit: 1_000))
        return pulled.notificationMessage.compactMap(AppStateChange.init)
    }

    private func subscribe() async throws -> (address: String, termination: Date) {
        let events = EventClient(endpoint: eventService, transport: transport, security: security)
        let created = try await events.createPullPointSubscription(
            CreatePullPointSubscription(filter: Self.topicFilter, initialTerminationTime: .value(.duration(XSDDuration(timeInterval: Self.seconds(termination))))))
        let address = created.subscriptionReference.address.value.trimmingCharacters(in: .whitespacesAndNewlines)
        return (address, created.terminationTime.value?.date ?? Date().addingTimeInterval(Self.seconds(termination)))
    }

    private func follow(from subscription: (address: String, termination: Date)?, _ yield: (AppStateChange) -> Void) async throws {
        var (address, ends) = if let subscription { subscription } else { try await subscribe() }
        var pullPoint = PullPointSubscriptionClient(endpoint: address, transport: transport, security: security)
        defer {
            let last = pullPoint
            Task { _ = try? await last.unsubscribe(Unsubscribe()) }
        }
        while !Task.isCancelled {
            // Renew when a third of the lease is left (a device whose pulls do not extend it).
            if ends.timeIntervalSinceNow < Self.seconds(termination) / 3 {
                let manager = SubscriptionManagerClient(endpoint: address, transport: transport, security: security)
                if let renewed = try? await manager.renew(Renew(terminationTime: .value(.duration(XSDDuration(timeInterval: Self.seconds(termination)))))) {
                    ends = renewed.terminationTime.value?.date ?? ends
                }
            }
            do {
                let pulled = try await pullPoint.pullMessages(PullMessages(timeout: XSDDuration(timeInterval: Self.seconds(pullTimeout)), messageLimit: 100))
                ends = max(ends, pulled.terminationTime.date)
                for notification in pulled.notificationMessage {
                    if let change = AppStateChange(notification) { yield(change) }
                }
            } catch let fault as SOAPFault where fault.subcodes.contains(where: { $0.localName == "ResourceUnknownFault" }) || fault.detail.contains(where: { $0.name.localName == "ResourceUnknownFault" }) {
                // The device forgot the pull point (it restarted, or the lease ran out): again.
                (address, ends) = try await subscribe()
                pullPoint = PullPointSubscriptionClient(endpoint: address, transport: transport, security: security)
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
