import Foundation
@_spi(Generated) import ONVIFEvents
import ONVIFSupport
@_spi(Generated) import SOAPRuntime

/// The ONVIF Event service (`event.wsdl`, at `/onvif/event_service`): the topic set,
/// pull-point subscriptions and WS-BaseNotification push subscriptions (Subscribe, its
/// `NotificationProducer` binding at the same address) for `tns1:AppMgmt/State`. Every reply carries WS-Addressing headers
/// (the dispatchers are made with `addressing: true`); subscriptions are identified by their
/// own address (`/onvif/event_service/subscriptions/ID`), never by `wsa:To`, which some
/// clients omit. Access classes: GetServiceCapabilities PRE_AUTH, the rest READ_MEDIA.
public struct ONVIFEventHandler: ONVIFEvents.EventService, NotificationProducerService {
    let broker: EventBroker
    let users: UserStore
    let configuration: DeviceConfiguration
    let baseURL: @Sendable (SOAPRequestContext) async -> String

    static let subscriptionsPath = DeviceConfiguration.eventServicePath + "/subscriptions"

    func authorize(_ context: SOAPRequestContext) async throws {
        try await AccessPolicy.authorize(context, in: AccessPolicy.eventOperations, users: users)
    }

    public func getServiceCapabilities(_ request: ONVIFEvents.GetServiceCapabilities, context: SOAPRequestContext) async throws -> ONVIFEvents.GetServiceCapabilitiesResponse {
        try await authorize(context)
        return .init(capabilities: Self.capabilities(broker.limits))
    }

    /// Pull points and push subscriptions share one pool of ``EventBroker/Limits/maxSubscriptions``.
    static func capabilities(_ limits: EventBroker.Limits) -> ONVIFEvents.Capabilities {
        ONVIFEvents.Capabilities(
            wsSubscriptionPolicySupport: false, wsPausableSubscriptionManagerInterfaceSupport: false, maxNotificationProducers: Int32(limits.maxSubscriptions),
            maxPullPoints: Int32(limits.maxSubscriptions), persistentNotificationStorage: false)
    }

    public func getEventProperties(_ request: GetEventProperties, context: SOAPRequestContext) async throws -> GetEventPropertiesResponse {
        try await authorize(context)
        return GetEventPropertiesResponse(
            topicNamespaceLocation: ["http://www.onvif.org/onvif/ver10/topics/topicns.xml"], fixedTopicSet: true, topicSet: AppStateTopic.topicSet(),
            topicExpressionDialect: [AppStateTopic.concreteSet, AppStateTopic.concrete],
            messageContentFilterDialect: [AppStateTopic.itemFilter],
            messageContentSchemaLocation: ["http://www.onvif.org/onvif/ver10/schema/onvif.xsd"])
    }

    public func createPullPointSubscription(_ request: CreatePullPointSubscription, context: SOAPRequestContext) async throws -> CreatePullPointSubscriptionResponse {
        try await authorize(context)
        let now = Date()
        try Self.checkFilter(request.filter, now: now)
        let termination = try Self.termination(request.initialTerminationTime?.value, now: now, limits: broker.limits, fault: "UnacceptableInitialTerminationTimeFault")
        let id = try await broker.create(termination: termination, now: now)
        let address = await baseURL(context) + Self.subscriptionsPath + "/" + id
        return CreatePullPointSubscriptionResponse(
            subscriptionReference: EndpointReferenceType(address: AttributedURIType(value: address)),
            currentTime: XSDDateTime(date: now), terminationTime: .value(XSDDateTime(date: termination)))
    }

    /// WS-BaseNotification Subscribe: the device POSTs `wsnt:Notify` to the consumer's
    /// address (an `http` or `https` URL) with the messages a pull point would queue,
    /// starting with one `Initialized` per app; Renew and Unsubscribe at the subscription's
    /// address, and a consumer that stops taking them is dropped.
    public func subscribe(_ request: Subscribe, context: SOAPRequestContext) async throws -> SubscribeResponse {
        try await authorize(context)
        let now = Date()
        let consumer = request.consumerReference.address.value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: consumer), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host?.isEmpty == false else {
            throw SOAPFault(
                code: .sender, subcodes: [XMLName("http://docs.oasis-open.org/wsn/bw-2", "SubscribeCreationFailedFault")],
                reason: "the ConsumerReference address '\(consumer.prefix(200))' is not an http or https URL the device can send Notify to",
                detail: [EventFaults.baseFault("SubscribeCreationFailedFault", namespace: "http://docs.oasis-open.org/wsn/b-2", now: now)])
        }
        try Self.checkFilter(request.filter, now: now)
        let termination = try Self.termination(request.initialTerminationTime?.value, now: now, limits: broker.limits, fault: "UnacceptableInitialTerminationTimeFault")
        let prefix = await baseURL(context) + Self.subscriptionsPath + "/"
        let id = try await broker.create(termination: termination, now: now, consumer: consumer, addressPrefix: prefix)
        return SubscribeResponse(
            subscriptionReference: EndpointReferenceType(address: AttributedURIType(value: prefix + id)),
            currentTime: XSDDateTime(date: now), terminationTime: .value(XSDDateTime(date: termination)))
    }

    /// Refuses a filter the device cannot evaluate or that matches none of its topics.
    static func checkFilter(_ filter: FilterType?, now: Date) throws(SOAPFault) {
        guard let accepted = AppStateTopic.accepts(filter) else {
            throw EventFaults.invalidFilter("the filter names a dialect or element this device does not evaluate (topic expressions: ConcreteSet, Concrete, Simple)", now: now)
        }
        guard accepted else {
            throw EventFaults.invalidFilter("the device publishes only \(AppStateTopic.expression); the filter matches none of its topics", now: now)
        }
    }

    /// A requested termination: relative (`PT60S`) from now, or absolute; the default when
    /// absent; refused when in the past or beyond the maximum.
    static func termination(_ requested: AbsoluteOrRelativeTimeType?, now: Date, limits: EventBroker.Limits, fault: String) throws(SOAPFault) -> Date {
        let termination: Date
        switch requested {
        case nil: termination = now.addingTimeInterval(Double(limits.defaultTermination.components.seconds))
        case .duration(let duration)?:
            guard let seconds = duration.timeInterval, seconds > 0 else {
                throw EventFaults.unacceptableTermination(fault, "a termination of \(duration.xsdLexical) is not a positive length of time", now: now)
            }
            termination = now.addingTimeInterval(seconds)
        case .dateTime(let time)?: termination = time.date
        }
        guard termination > now else {
            throw EventFaults.unacceptableTermination(fault, "the termination time \(XSDDateTime(date: termination).xsdLexical) is not in the future", now: now)
        }
        let latest = now.addingTimeInterval(Double(limits.maxTermination.components.seconds))
        guard termination <= latest else {
            throw EventFaults.unacceptableTermination(fault, "the termination time is beyond the device's maximum of \(Int(limits.maxTermination.components.seconds)) s", now: now)
        }
        return termination
    }
}

/// One pull-point subscription's address: PullMessages, SetSynchronizationPoint,
/// Unsubscribe (its `PullPointSubscription` binding) and Renew (`SubscriptionManager`), the
/// subscription named by the last component of the request's path.
public struct ONVIFSubscriptionHandler: PullPointSubscriptionService, SubscriptionManagerService {
    let broker: EventBroker
    let users: UserStore

    func authorize(_ context: SOAPRequestContext) async throws -> String {
        try await AccessPolicy.authorize(context, in: AccessPolicy.eventOperations, users: users)
        let path = context.httpHeaders[":path"] ?? ""
        let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        return withoutQuery.split(separator: "/").last.map(String.init) ?? ""
    }

    public func pullMessages(_ request: PullMessages, context: SOAPRequestContext) async throws -> PullMessagesResponse {
        let id = try await authorize(context)
        let limits = broker.limits
        let maxTimeout = Double(limits.maxPullTimeout.components.seconds)
        let timeout = request.timeout.timeInterval ?? .infinity
        guard timeout <= maxTimeout, timeout >= 0, Int(request.messageLimit) <= limits.maxMessageLimit, request.messageLimit >= 0 else {
            let detail = PullMessagesFaultResponse(maxTimeout: XSDDuration(timeInterval: maxTimeout), maxMessageLimit: Int32(limits.maxMessageLimit))
            throw SOAPFault(
                code: .receiver, reason: "PullMessages asks for more than the device gives: at most \(Int(maxTimeout)) s and \(limits.maxMessageLimit) messages",
                detail: [try OpenContent.element(detail, as: PullMessagesFaultResponse.xmlName)])
        }
        let now = Date()
        let (messages, termination) = try await broker.pull(id, timeout: .milliseconds(Int64(timeout * 1000)), limit: Int(request.messageLimit), now: now)
        return PullMessagesResponse(currentTime: XSDDateTime(date: Date()), terminationTime: XSDDateTime(date: termination), notificationMessage: messages)
    }

    public func setSynchronizationPoint(_ request: SetSynchronizationPoint, context: SOAPRequestContext) async throws -> SetSynchronizationPointResponse {
        let id = try await authorize(context)
        try await broker.synchronize(id, now: Date())
        return SetSynchronizationPointResponse()
    }

    public func unsubscribe(_ request: Unsubscribe, context: SOAPRequestContext) async throws -> UnsubscribeResponse {
        let id = try await authorize(context)
        try await broker.unsubscribe(id, now: Date())
        return UnsubscribeResponse()
    }

    /// TerminationTime before CurrentTime in the reply, as b-2.xsd orders them.
    public func renew(_ request: Renew, context: SOAPRequestContext) async throws -> RenewResponse {
        let id = try await authorize(context)
        let now = Date()
        let termination = try ONVIFEventHandler.termination(request.terminationTime.value, now: now, limits: broker.limits, fault: "UnacceptableTerminationTimeFault")
        let renewed = try await broker.renew(id, termination: termination, now: now)
        return RenewResponse(terminationTime: .value(XSDDateTime(date: renewed)), currentTime: XSDDateTime(date: now))
    }
}

/// The dispatcher of the Event service's address: `EventPortType`'s operations and
/// `NotificationProducer`'s Subscribe, with WS-Addressing.
struct ONVIFEventServiceDispatcher: SOAPRequestHandler {
    private let dispatcher: SOAPDispatcher<ONVIFEventHandler>

    init(handler: ONVIFEventHandler, security: (any SOAPServerSecurity)?, logger: SOAPErrorLogger?) {
        dispatcher = SOAPDispatcher(
            service: handler, operations: Self.eventOperations(ONVIFEventHandler.self) + Self.producerOperations(ONVIFEventHandler.self), version: .soap12,
            security: security, logger: logger, faultPolicy: .onvif, addressing: true)
    }

    private static func eventOperations<S: ONVIFEvents.EventService>(_ type: S.Type) -> [SOAPOperation<S>] { S.soapOperations }
    private static func producerOperations<S: NotificationProducerService>(_ type: S.Type) -> [SOAPOperation<S>] { S.soapOperations }

    func handle(_ request: SOAPServerRequest) async -> SOAPServerResponse {
        await dispatcher.handle(request)
    }
}

/// The dispatcher of a subscription's address: the pull point's operations and the
/// subscription manager's Renew, with WS-Addressing.
struct ONVIFSubscriptionDispatcher: SOAPRequestHandler {
    private let dispatcher: SOAPDispatcher<ONVIFSubscriptionHandler>

    init(handler: ONVIFSubscriptionHandler, security: (any SOAPServerSecurity)?, logger: SOAPErrorLogger?) {
        let renew = Self.managerOperations(ONVIFSubscriptionHandler.self).filter { $0.name == "Renew" }
        dispatcher = SOAPDispatcher(
            service: handler, operations: Self.pullPointOperations(ONVIFSubscriptionHandler.self) + renew, version: .soap12, security: security,
            logger: logger, faultPolicy: .onvif, addressing: true)
    }

    private static func pullPointOperations<S: PullPointSubscriptionService>(_ type: S.Type) -> [SOAPOperation<S>] { S.soapOperations }
    private static func managerOperations<S: SubscriptionManagerService>(_ type: S.Type) -> [SOAPOperation<S>] { S.soapOperations }

    func handle(_ request: SOAPServerRequest) async -> SOAPServerResponse {
        await dispatcher.handle(request)
    }
}
