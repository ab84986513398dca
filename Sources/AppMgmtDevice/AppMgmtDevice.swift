import AppMgmtServer
import Foundation
import HTTPDigestAuth
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ONVIFDevice
import ONVIFEvents
import ONVIFSupport
import SOAPHummingbird
import SOAPRuntime
import Synchronization
import WSDiscovery
import WSSecurity

/// A complete ONVIF Application Management device: the SOAP service, the upload path and the
/// per-app configuration URIs on one Hummingbird server, over a persistent registry of real
/// apps run as child processes.
public final class AppMgmtDevice: Sendable {
    public let configuration: DeviceConfiguration
    public let registry: AppRegistry
    public let users: UserStore
    /// Every `AppMgmt/State` change, in process.
    public let events: EventHub
    /// The Event service's subscriptions.
    let eventBroker: EventBroker
    /// Sends push subscriptions' Notify messages.
    let notifier: NotifySender
    /// The WS-Discovery responder while the device runs with discovery on.
    private let discovery = Mutex<DiscoveryResponder?>(nil)
    /// The administrator created on this start because there was no account yet (print it once).
    public let createdAdministrator: DeviceUser?
    let logger: Logger

    public init(configuration: DeviceConfiguration, logger: Logger = Logger(label: "appmgmt-device")) throws {
        self.configuration = configuration
        self.logger = logger
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let (users, created) = try UserStore.open(in: configuration.dataDirectory, realm: configuration.realm)
        self.users = users
        self.createdAdministrator = created
        self.events = EventHub()
        self.registry = try AppRegistry(configuration: configuration, events: events, logger: logger)
        let notifier = NotifySender(timeout: configuration.notifyTimeout)
        self.notifier = notifier
        self.eventBroker = EventBroker(
            registry: registry,
            limits: EventBroker.Limits(
                maxSubscriptions: configuration.maxEventSubscriptions, maxQueuedMessages: configuration.maxQueuedEventsPerSubscription,
                pushRetryDelays: configuration.notifyRetryDelays),
            sender: { consumer, messages in try await notifier.notify(consumer, messages) }, logger: logger)
    }

    /// A subscription to state events; subscribe before `run()` to see recovery events too.
    public func stateEvents() -> AsyncStream<AppStateEvent> { events.subscribe() }

    /// The device's routes, to run with ``run(onServerRunning:)`` or to mount in another server.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let service = AppManagementHandler(registry: registry, users: users, configuration: configuration)
        // Every service speaks WS-Addressing: WCF-based ONVIF clients (ONVIF Device Manager)
        // send wsa:Action with mustUnderstand to all of them, and the Event service needs it.
        // ONVIF Core's fault subcodes (ter:) on the faults the dispatcher and the security raise.
        // PasswordText carries the password in clear: over TLS only, unless allowed.
        // HTTP Digest as well: one verifier for SOAP and the upload path, so either's nonce
        // serves both.
        let digest = DigestVerifier(realm: configuration.realm, algorithms: configuration.digestAlgorithms)
        let security = DeviceSOAPSecurity(
            usernameToken: UsernameTokenAuthentication(
                verifier: UsernameTokenVerifier(
                    store: users, window: configuration.securityWindow,
                    acceptsPasswordText: configuration.usesTLS || configuration.allowPlaintextPasswords),
                failureSubcodes: SOAPFaultPolicy.onvifNotAuthorized),
            digest: digest, users: users)
        let logger = self.logger
        let dispatcher = AppManagementDispatcher(
            service: service, security: security,
            logger: { operation, error in logger.error("\(operation) failed: \(error)") },
            faultPolicy: .onvif, addressing: true)
        router.addSOAPService(dispatcher, at: configuration.servicePath, options: .init(maxRequestBodyBytes: configuration.maxSOAPRequestBytes))
        let deviceDispatcher = DeviceDispatcher(
            service: ONVIFDeviceHandler(registry: registry, users: users, configuration: configuration, eventLimits: eventBroker.limits), security: security,
            logger: { operation, error in logger.error("Device service \(operation) failed: \(error)") },
            faultPolicy: .onvif, addressing: true)
        router.addSOAPService(deviceDispatcher, at: DeviceConfiguration.deviceServicePath, options: .init(maxRequestBodyBytes: configuration.maxSOAPRequestBytes))
        let registry = self.registry
        let configuration = self.configuration
        let eventDispatcher = ONVIFEventServiceDispatcher(
            handler: ONVIFEventHandler(
                broker: eventBroker, users: users, configuration: configuration,
                baseURL: { context in await ONVIFDeviceHandler.baseURL(configuration: configuration, registry: registry, context: context) }),
            security: security, logger: { operation, error in logger.error("Event service \(operation) failed: \(error)") })
        router.addSOAPService(eventDispatcher, at: DeviceConfiguration.eventServicePath, options: .init(maxRequestBodyBytes: configuration.maxSOAPRequestBytes))
        router.addSOAPService(
            ONVIFSubscriptionDispatcher(
                handler: ONVIFSubscriptionHandler(broker: eventBroker, users: users), security: security,
                logger: { operation, error in logger.error("subscription \(operation) failed: \(error)") }),
            at: ONVIFEventHandler.subscriptionsPath + "/:id", options: .init(maxRequestBodyBytes: configuration.maxSOAPRequestBytes))
        HTTPEndpoints(configuration: configuration, registry: registry, users: users, digest: digest, logger: logger)
            .register(on: router)
        return router
    }

    /// Recovers the registry, starts autostart apps and serves until the task is cancelled or
    /// the process gets SIGTERM/SIGINT; stops every app on the way out.
    public func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout / .nanoseconds(1)))))
        let server = try configuration.tlsCertificatePath.map { _ in try HTTPServerBuilder.tls(http1, tlsConfiguration: try tlsConfiguration()) } ?? http1
        await eventBroker.start(events.subscribe())
        await registry.start()
        let app = Application(
            router: makeRouter(),
            // Closes connections whose client stops sending mid-request (or idles between
            // requests); slow but moving bodies are bounded by the SOAP and upload timeouts.
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "appmgmt-device"),
            onServerRunning: { [registry, configuration] channel in
                let port = channel.localAddress?.port ?? configuration.port
                if configuration.publicBaseURL == nil {
                    await registry.setBaseURL(configuration.baseURL(port: port))
                }
                await self.startDiscovery(port: port)
                await onServerRunning(port)
            },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            await stopDiscovery()
            await eventBroker.stop()
            await notifier.shutdown()
            await registry.shutdown()
            throw error
        }
        await stopDiscovery()
        await eventBroker.stop()
        await notifier.shutdown()
        await registry.shutdown()
    }

    /// Starts WS-Discovery when the configuration enables it: Probes answered with the Device
    /// service's address on the interface each came from, and a Hello. A failure (the port
    /// taken, no multicast) is logged; the device serves on without it.
    func startDiscovery(port: Int) async {
        guard configuration.discoveryEnabled else { return }
        let configuration = self.configuration
        let scheme = configuration.usesTLS ? "https" : "http"
        let responder = DiscoveryResponder(
            configuration: .init(
                address: "urn:uuid:" + registry.deviceID, types: DeviceConfiguration.discoveryTypes, scopes: configuration.scopes,
                xAddrs: { interface in
                    [(configuration.publicBaseURL ?? "\(scheme)://\(interface):\(port)") + DeviceConfiguration.deviceServicePath]
                },
                interfaceAddresses: configuration.discoveryInterfaces),
            logger: logger)
        do {
            try await responder.start()
            discovery.withLock { $0 = responder }
        } catch {
            logger.error("WS-Discovery not started: \(error)")
        }
    }

    /// Sends Bye and stops answering Probes.
    func stopDiscovery() async {
        let responder = discovery.withLock { responder in
            defer { responder = nil }
            return responder
        }
        await responder?.stop()
    }

    /// The server's TLS configuration from the PEM files.
    func tlsConfiguration() throws -> TLSConfiguration {
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath else {
            throw DeviceError.invalidConfiguration("TLS needs both a certificate chain and a private key")
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            tls.minimumTLSVersion = .tlsv12
            return tls
        } catch {
            throw DeviceError.invalidConfiguration("cannot load the TLS certificate \(certificatePath) or key \(keyPath): \(error)")
        }
    }
}
