import ONVIFSupport
import SOAPRuntime

/// ONVIF access classes (ONVIF Core, default access policy).
public enum AccessClass: String, Sendable, Hashable, CaseIterable {
    case preAuth = "PRE_AUTH"
    case readSystem = "READ_SYSTEM"
    case readSystemSensitive = "READ_SYSTEM_SENSITIVE"
    case readSystemSecret = "READ_SYSTEM_SECRET"
    case writeSystem = "WRITE_SYSTEM"
    case readMedia = "READ_MEDIA"
    case actuate = "ACTUATE"
    case unrecoverable = "UNRECOVERABLE"
}

/// ONVIF user levels.
public enum UserLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case administrator = "Administrator"
    case `operator` = "Operator"
    case user = "User"

    /// Parses `Administrator`, `admin`, `Operator`, `User` (case-insensitive).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "administrator", "admin": self = .administrator
        case "operator": self = .operator
        case "user": self = .user
        default: return nil
        }
    }
}

/// ONVIF's default access policy: anonymous → PRE_AUTH only; User → + READ_SYSTEM, READ_MEDIA;
/// Operator → + ACTUATE; Administrator → everything.
public enum AccessPolicy {
    public static func allows(_ level: UserLevel?, _ accessClass: AccessClass) -> Bool {
        switch accessClass {
        case .preAuth: return true
        case .readSystem, .readMedia: return level != nil
        case .actuate: return level == .operator || level == .administrator
        case .readSystemSensitive, .readSystemSecret, .writeSystem, .unrecoverable: return level == .administrator
        }
    }

    /// The access class of each AppMgmt operation (facts sheet).
    public static let operations: [String: AccessClass] = [
        "GetServiceCapabilities": .preAuth,
        "GetInstalledApps": .readSystem,
        "GetAppsInfo": .readSystem,
        "GetDeviceId": .readSystem,
        "Uninstall": .writeSystem,
        "Activate": .writeSystem,
        "Deactivate": .writeSystem,
        "InstallLicense": .writeSystem,
    ]

    /// The access class of each Device service operation (ONVIF Core's default policy).
    public static let deviceOperations: [String: AccessClass] = [
        "GetServices": .preAuth,
        "GetServiceCapabilities": .preAuth,
        "GetCapabilities": .preAuth,
        "GetSystemDateAndTime": .preAuth,
        "GetHostname": .preAuth,
        "GetDeviceInformation": .readSystem,
        "GetScopes": .readSystem,
        "GetNetworkInterfaces": .readSystem,
        "GetUsers": .readSystemSecret,
    ]

    /// The access class of each Event service operation (ONVIF Core's default policy).
    public static let eventOperations: [String: AccessClass] = [
        "GetServiceCapabilities": .preAuth,
        "GetEventProperties": .readMedia,
        "CreatePullPointSubscription": .readMedia,
        "Subscribe": .readMedia,
        "PullMessages": .readMedia,
        "SetSynchronizationPoint": .readMedia,
        "Renew": .readMedia,
        "Unsubscribe": .readMedia,
    ]

    /// Refuses the call unless the caller's level grants the operation's access class in
    /// `table` (an operation missing from it needs UNRECOVERABLE: administrators only).
    static func authorize(_ context: SOAPRequestContext, in table: [String: AccessClass], users: UserStore) async throws(SOAPFault) {
        let accessClass = table[context.operation] ?? .unrecoverable
        let level: UserLevel? = if let user = context.user { await users.level(of: user) } else { nil }
        guard allows(level, accessClass) else {
            throw SOAPFault(
                code: .sender, subcodes: [.notAuthorized],
                reason: "Sender not authorized: \(context.operation) needs access class \(accessClass.rawValue)"
                    + (context.user.map { " (user \($0) is \(level?.rawValue ?? "unknown"))" } ?? " (anonymous)"))
        }
    }

    /// HTTP endpoints beside SOAP.
    public static let upload = AccessClass.writeSystem
    public static let configurationBackup = AccessClass.readSystemSecret
    public static let configurationRestore = AccessClass.writeSystem
}
