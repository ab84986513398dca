import Foundation
import HTTPDigestAuth
import SOAPRuntime
import WSDiscovery

#if canImport(Glibc)
import Glibc
#endif

/// Everything a device needs to start: where it keeps its state, where it listens, its limits.
/// The defaults are the embedded default `swift run appmgmt-device` uses.
public struct DeviceConfiguration: Sendable {
    /// Where registry, users, device id, uploads and installed apps live.
    public var dataDirectory: URL
    public var host: String
    public var port: Int
    /// The scheme, host and port clients use to reach the device, for the URIs it hands out
    /// (app configuration URIs). Defaults to `http://host:port`.
    public var publicBaseURL: String?
    /// Path of the SOAP service.
    public var servicePath: String
    /// Path apps are uploaded to (the `UploadPath` capability).
    public var uploadPath: String
    /// Largest app package accepted (HTTP 413 above).
    public var maxUploadBytes: Int
    /// Time an upload may take before it is refused with HTTP 408.
    public var uploadTimeout: Duration
    /// Largest SOAP request accepted.
    public var maxSOAPRequestBytes: Int
    /// Time a connection may stay silent while a request is being read, or between requests,
    /// before the device closes it (clients that stop sending mid-request).
    public var idleTimeout: Duration
    /// Time a deactivated app gets between SIGTERM and SIGKILL.
    public var stopTimeout: Duration
    /// Size at which an app's log (its standard output and error) is rotated to `app.log.1`.
    public var maxAppLogBytes: Int
    /// What an app package may unpack to (checked from the archive's listing before
    /// anything is written) and the free space that must remain after it.
    public var maxUnpackedBytes: Int
    public var maxPackageEntries: Int
    public var freeSpaceReserveBytes: Int
    /// Largest configuration a restore accepts (compressed), and what it may unpack to.
    public var maxRestoreBytes: Int
    /// Uploads received at once, and acknowledged uploads waiting to be installed (one is
    /// installed at a time); more get HTTP 503 with Retry-After.
    public var maxConcurrentUploads: Int
    public var maxQueuedInstalls: Int
    /// Licenses kept per app.
    public var maxLicensesPerApp: Int
    /// User (and group) ids for apps when the device runs as root: each app gets one of its
    /// own and sees only its own folder. `nil` runs apps as the device's user.
    public var appUserIDs: ClosedRange<UInt32>?
    /// Accepted clock difference for WS-Security `Created`.
    public var securityWindow: Duration
    /// The HTTP Digest realm.
    public var realm: String
    /// PEM certificate chain and private key: every endpoint is served over HTTPS.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Accept WS-Security PasswordText (the password in clear) over plain HTTP. Off: without
    /// TLS only PasswordDigest is accepted.
    public var allowPlaintextPasswords = false
    /// HTTP Digest algorithms offered, one challenge each, most preferred first. MD5 last:
    /// clients on Python's `requests` (zeep) answer the last challenge they see.
    public var digestAlgorithms: [DigestAlgorithm] = [.sha256, .md5]
    /// Value of the `EventTopicPrefix` capability.
    public var eventTopicPrefix: String
    /// What the Device service's GetDeviceInformation says (the firmware is this project's
    /// version, the serial number the device id).
    public var manufacturer = "wsdl2swift"
    public var model = "AppMgmt device"
    public var hardwareID = "appmgmt-device"
    /// Event service pull points held at once, and notifications queued per pull point (a
    /// consumer that does not pull loses its oldest ones, never the device's memory).
    public var maxEventSubscriptions = 128
    public var maxQueuedEventsPerSubscription = 100
    /// The pauses before each new attempt at a push subscription's Notify that its consumer
    /// did not take; when the last attempt fails too, the consumer counts as dead and its
    /// subscription ends.
    public var notifyRetryDelays: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2)]
    /// Time a consumer has to take one Notify (connection included: an address nobody
    /// answers at costs this much per attempt).
    public var notifyTimeout: Duration = .seconds(5)
    /// The device's scopes (GetScopes, and WS-Discovery's Probe matching), all fixed.
    public var scopes: [String] = [
        "onvif://www.onvif.org/type/Device", "onvif://www.onvif.org/name/AppMgmt_device", "onvif://www.onvif.org/hardware/appmgmt-device",
    ]

    /// WS-Discovery: whether the device answers Probes and sends Hello/Bye.
    public enum Discovery: String, Sendable, CaseIterable {
        /// On unless the device listens on a loopback address only.
        case auto
        case on
        case off
    }

    public var discovery = Discovery.auto
    /// The WS-Discovery types (`tds:Device`, `dn:NetworkVideoTransmitter`, what ONVIF clients probe for).
    public static let discoveryTypes = [WSDiscoveryNames.device, WSDiscoveryNames.networkVideoTransmitter]

    /// Whether WS-Discovery runs: `on`, or `auto` with a host that is not loopback.
    public var discoveryEnabled: Bool {
        switch discovery {
        case .on: return true
        case .off: return false
        case .auto: return !(host.hasPrefix("127.") || host == "localhost" || host == "::1")
        }
    }

    /// The interfaces WS-Discovery works on: the host's when it is one address, all for a
    /// wildcard (`0.0.0.0`, `::`).
    var discoveryInterfaces: [String] {
        host == "0.0.0.0" || host == "::" || host.isEmpty ? [] : [host]
    }

    public init(
        dataDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("appmgmt-data"),
        host: String = "127.0.0.1", port: Int = DeviceConfiguration.defaultPort, publicBaseURL: String? = nil,
        servicePath: String = "/onvif/app_management", uploadPath: String = "/onvif/app_upload",
        maxUploadBytes: Int = 1 << 30, uploadTimeout: Duration = .seconds(300), maxSOAPRequestBytes: Int = 1 << 20,
        stopTimeout: Duration = .seconds(5), securityWindow: Duration = .seconds(300), realm: String = "AppMgmt device",
        eventTopicPrefix: String = "AppMgmt/App", idleTimeout: Duration = .seconds(30), maxAppLogBytes: Int = 4 << 20,
        maxUnpackedBytes: Int = 2 << 30, maxPackageEntries: Int = 20_000, freeSpaceReserveBytes: Int = 64 << 20, maxRestoreBytes: Int = 16 << 20,
        maxConcurrentUploads: Int = 2, maxQueuedInstalls: Int = 4, maxLicensesPerApp: Int = 64, appUserIDs: ClosedRange<UInt32>? = 61_000...61_999
    ) {
        self.maxAppLogBytes = maxAppLogBytes
        self.maxUnpackedBytes = maxUnpackedBytes
        self.maxPackageEntries = maxPackageEntries
        self.freeSpaceReserveBytes = freeSpaceReserveBytes
        self.maxRestoreBytes = maxRestoreBytes
        self.maxConcurrentUploads = maxConcurrentUploads
        self.maxQueuedInstalls = maxQueuedInstalls
        self.maxLicensesPerApp = maxLicensesPerApp
        self.appUserIDs = appUserIDs
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.publicBaseURL = publicBaseURL
        self.servicePath = servicePath
        self.uploadPath = uploadPath
        self.maxUploadBytes = maxUploadBytes
        self.uploadTimeout = uploadTimeout
        self.maxSOAPRequestBytes = maxSOAPRequestBytes
        self.stopTimeout = stopTimeout
        self.securityWindow = securityWindow
        self.realm = realm
        self.eventTopicPrefix = eventTopicPrefix
        self.idleTimeout = idleTimeout
    }

    /// Whether apps run as users of their own: the device is root and ids are configured.
    public var runsAppsAsSeparateUsers: Bool { appUserIDs != nil && geteuid() == 0 }

    var packageLimits: ArchiveLimits {
        ArchiveLimits(maxUnpackedBytes: maxUnpackedBytes, maxEntries: maxPackageEntries, reserveBytes: freeSpaceReserveBytes)
    }

    /// A restore unpacks to at most 16× its limit, in at most 10,000 entries.
    var restoreLimits: ArchiveLimits {
        ArchiveLimits(maxUnpackedBytes: maxRestoreBytes * 16, maxEntries: 10_000, reserveBytes: freeSpaceReserveBytes)
    }

    /// Where the ONVIF Device service answers: exactly this path, which ONVIF clients assume
    /// (they ignore advertised Device XAddrs).
    public static let deviceServicePath = "/onvif/device_service"

    /// Where the ONVIF Event service answers; subscriptions live below it.
    public static let eventServicePath = "/onvif/event_service"

    /// The firmware version the Device service reports: this project's version.
    public static let firmwareVersion = "0.1.0"

    /// Whether `host` is a wildcard bind address, which no client can connect to.
    static func isWildcard(_ host: String) -> Bool {
        host.isEmpty || host == "0.0.0.0" || host == "::" || host == "[::]" || host == "*"
    }

    /// The port `appmgmt-device` listens on by default.
    public static let defaultPort = 8080

    /// The package formats this device installs (the `FormatsSupported` capability): an app
    /// package is a gzip-compressed tar archive (see `AppPackage`).
    public static let formatsSupported = ["application/gzip", "application/x-gzip"]

    /// Whether the device serves HTTPS.
    public var usesTLS: Bool { tlsCertificatePath != nil }

    /// `http://host:port` (`https` with TLS) unless configured otherwise.
    public var baseURL: String { publicBaseURL ?? baseURL(port: port) }

    func baseURL(port: Int) -> String { "\(usesTLS ? "https" : "http")://\(host):\(port)" }

    /// Path of an app's configuration (backup/restore) URI.
    public static func configurationPath(appID: String) -> String {
        "/onvif/apps/\(appID)/configuration"
    }
}
