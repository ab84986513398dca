import AppMgmt
import Foundation
import SOAPRuntime

/// JSON shapes of the CLI's output (the generated types stay free of Codable).
public struct LicenseDTO: Codable, Sendable, Hashable {
    public var name: String
    public var validFrom: String?
    public var validUntil: String?

    public init(_ license: LicenseInfo) {
        name = license.name
        validFrom = license.validFrom?.xsdLexical
        validUntil = license.validUntil?.xsdLexical
    }
}

public struct AppInfoDTO: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var version: String
    public var state: String
    public var status: String
    public var autostart: Bool
    public var installationDate: String
    public var lastUpdate: String
    public var website: String
    public var openSource: String?
    public var configuration: String?
    public var interfaceDescription: [String]
    public var privileges: [String]
    public var licenses: [LicenseDTO]

    public init(_ info: AppInfo) {
        id = info.appID
        name = info.name
        version = info.version
        state = info.state.description
        status = info.status
        autostart = info.autostart
        installationDate = info.installationDate.xsdLexical
        lastUpdate = info.lastUpdate.xsdLexical
        website = info.website
        openSource = info.openSource
        configuration = info.configuration
        interfaceDescription = info.interfaceDescription
        privileges = info.privileges
        licenses = info.licenses.map(LicenseDTO.init)
    }
}

public struct AppSummaryDTO: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    /// Nil when GetAppsInfo did not report the app.
    public var state: String?

    public init(id: String, name: String, state: String?) {
        self.id = id
        self.name = name
        self.state = state
    }
}

public struct CapabilitiesDTO: Codable, Sendable, Hashable {
    public var formatsSupported: [String]?
    public var licensing: Bool?
    public var uploadPath: String?
    public var eventTopicPrefix: String?

    public init(_ capabilities: Capabilities) {
        formatsSupported = capabilities.formatsSupported
        licensing = capabilities.licensing
        uploadPath = capabilities.uploadPath
        eventTopicPrefix = capabilities.eventTopicPrefix
    }
}

/// The result of a command that changes something (activate, upload, restore, ...).
public struct ActionResultDTO: Codable, Sendable, Hashable {
    public var action: String
    public var appID: String?
    public var ok: Bool
    public var httpStatus: Int?
    public var message: String?
    public var bytes: Int64?
    public var url: String?

    public init(action: String, appID: String? = nil, ok: Bool = true, httpStatus: Int? = nil, message: String? = nil, bytes: Int64? = nil, url: String? = nil) {
        self.action = action
        self.appID = appID
        self.ok = ok
        self.httpStatus = httpStatus
        self.message = message
        self.bytes = bytes
        self.url = url
    }
}

/// Renders results as text or JSON.
public enum Render {
    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// One JSON object on one line (JSON Lines, for streams).
    public static func jsonLine<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func appList(_ apps: [AppSummaryDTO]) -> String {
        if apps.isEmpty { return "no applications installed" }
        return TextFormat.table(headers: ["ID", "NAME", "STATE"], rows: apps.map { [$0.id, $0.name, $0.state ?? "-"] })
    }

    public static func appInfo(_ app: AppInfoDTO) -> String {
        var pairs: [(String, String)] = [
            ("ID", app.id), ("Name", app.name), ("Version", app.version), ("State", app.state),
            ("Status", app.status.isEmpty ? "-" : app.status), ("Autostart", app.autostart ? "yes" : "no"),
            ("Installed", app.installationDate), ("Last update", app.lastUpdate),
            ("Website", app.website.isEmpty ? "-" : app.website),
        ]
        if let openSource = app.openSource { pairs.append(("Open source", openSource)) }
        pairs.append(("Configuration", app.configuration ?? "- (no backup/restore)"))
        if !app.interfaceDescription.isEmpty { pairs.append(("Interface", app.interfaceDescription.joined(separator: "\n"))) }
        pairs.append(("Privileges", app.privileges.isEmpty ? "-" : app.privileges.joined(separator: ", ")))
        if app.licenses.isEmpty {
            pairs.append(("Licenses", "-"))
        } else {
            pairs.append(("Licenses", app.licenses.map(license).joined(separator: "\n")))
        }
        return TextFormat.keyValues(pairs)
    }

    static func license(_ license: LicenseDTO) -> String {
        switch (license.validFrom, license.validUntil) {
        case (nil, nil): return license.name
        case (let from?, nil): return "\(license.name) (valid from \(from))"
        case (nil, let until?): return "\(license.name) (valid until \(until))"
        case (let from?, let until?): return "\(license.name) (valid \(from) .. \(until))"
        }
    }

    public static func capabilities(_ caps: CapabilitiesDTO) -> String {
        TextFormat.keyValues([
            ("Formats supported", caps.formatsSupported.map { $0.isEmpty ? "-" : $0.joined(separator: " ") } ?? "-"),
            ("Licensing", caps.licensing.map { $0 ? "yes" : "no" } ?? "-"),
            ("Upload path", caps.uploadPath ?? "-"),
            ("Event topic prefix", caps.eventTopicPrefix ?? "-"),
        ])
    }
}
