import Foundation
import SOAPRuntime

/// The license format this device accepts in `InstallLicense`:
///
///     APPMGMT-LICENSE-1:<base64 of a JSON object>
///
/// where the JSON object is `{"app": "com.example.hello", "name": "Commercial",
/// "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z"}`; `app`,
/// `validFrom` and `validUntil` are optional, dates are xs:dateTime. Anything else is refused
/// with `ter:InvalidFormat`. (Signature checking is the business of a real vendor's format;
/// this one proves the plumbing end to end.)
public enum LicenseFormat {
    public static let prefix = "APPMGMT-LICENSE-1:"

    /// A decoded license.
    public struct License: Sendable, Hashable, Codable {
        public var appID: String?
        public var name: String
        public var validFrom: String?
        public var validUntil: String?

        enum CodingKeys: String, CodingKey {
            case appID = "app", name, validFrom, validUntil
        }

        public init(appID: String?, name: String, validFrom: String? = nil, validUntil: String? = nil) {
            self.appID = appID
            self.name = name
            self.validFrom = validFrom
            self.validUntil = validUntil
        }
    }

    /// Why a license string was refused.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func decode(_ text: String) throws(FormatError) -> License {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix) else { throw FormatError(description: "expected a license starting with '\(prefix)'") }
        let payload = String(trimmed.dropFirst(prefix.count))
        guard let bytes = try? XSDBase64Binary(xsdLexical: payload).bytes else { throw FormatError(description: "the payload is not base64") }
        let license: License
        do {
            license = try JSONDecoder().decode(License.self, from: Data(bytes))
        } catch {
            throw FormatError(description: "the payload is not a license object")
        }
        guard !license.name.isEmpty else { throw FormatError(description: "the license has no name") }
        for date in [license.validFrom, license.validUntil].compactMap({ $0 }) {
            guard (try? XSDDateTime(xsdLexical: date)) != nil else { throw FormatError(description: "'\(date)' is not an xs:dateTime") }
        }
        if let app = license.appID, !AppManifest.isValidID(app) { throw FormatError(description: "'\(app)' is not a valid AppID") }
        return license
    }

    public static func encode(_ license: License) -> String {
        let json = (try? JSONEncoder().encode(license)) ?? Data()
        return prefix + XSDBase64Binary(bytes: Array(json)).xsdLexical
    }
}
