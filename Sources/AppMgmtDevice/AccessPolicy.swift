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

    /// HTTP endpoints beside SOAP.
    public static let upload = AccessClass.writeSystem
    public static let configurationBackup = AccessClass.readSystemSecret
    public static let configurationRestore = AccessClass.writeSystem
}
