import Crypto
import Foundation

/// A parsed `wsse:UsernameToken`.
public struct UsernameToken: Sendable, Hashable {
    /// The password as it came on the wire.
    public enum Password: Sendable, Hashable {
        /// `PasswordDigest`: base64 of SHA-1(nonce + created + password).
        case digest(String)
        /// `PasswordText`: the password in clear.
        case text(String)
    }

    /// `wsse:Username`.
    public var username: String
    /// `wsse:Password` with its type.
    public var password: Password
    /// The decoded `wsse:Nonce`, if present.
    public var nonce: [UInt8]?
    /// The `wsu:Created` text exactly as used in the digest, if present.
    public var created: String?

    /// Creates a token, e.g. one built by hand for a test.
    public init(username: String, password: Password, nonce: [UInt8]? = nil, created: String? = nil) {
        self.username = username
        self.password = password
        self.nonce = nonce
        self.created = created
    }

    /// Base64(SHA-1(nonce + created + password)), per the UsernameToken Profile 1.0.
    public static func digest(nonce: [UInt8], created: String, password: String) -> String {
        Data(digestBytes(nonce: nonce, created: created, password: password)).base64EncodedString()
    }

    /// SHA-1(nonce + UTF-8(created) + UTF-8(password)).
    static func digestBytes(nonce: [UInt8], created: String, password: String) -> [UInt8] {
        var hasher = Insecure.SHA1()
        hasher.update(data: nonce)
        hasher.update(data: Array(created.utf8))
        hasher.update(data: Array(password.utf8))
        return Array(hasher.finalize())
    }
}

extension UsernameToken: CustomStringConvertible {
    /// The token with its password redacted.
    public var description: String {
        let kind: String
        switch password {
        case .digest: kind = "digest"
        case .text: kind = "text"
        }
        let nonceText = nonce.map { Data($0).base64EncodedString() } ?? "nil"
        return "UsernameToken(username: \(username), password: <\(kind), redacted>, nonce: \(nonceText), created: \(created ?? "nil"))"
    }
}

// MARK: - Helpers

enum WSSecurityUtilities {
    /// Whether two byte strings are equal, in time that depends only on their lengths' maximum.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt = a.count == b.count ? 0 : 1
        let count = Swift.max(a.count, b.count)
        for i in 0..<count {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }

    /// Whether two strings are equal, comparing SHA-256 hashes of their UTF-8 so that the time
    /// taken reveals neither contents nor length.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let ha = Array(SHA256.hash(data: Array(a.utf8)))
        let hb = Array(SHA256.hash(data: Array(b.utf8)))
        return constantTimeEquals(ha, hb)
    }

    /// Strict base64 decoding (padding required, no foreign characters); `nil` when invalid.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        return Array(data)
    }

    /// `text` without leading and trailing XML whitespace (space, tab, CR, LF).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
              let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(Substring(utf8[first...last]))
    }

    /// The instant a `wsu:Created` value denotes; `nil` when it is not an `xs:dateTime`.
    /// A value without time zone is taken as UTC.
    static func parseCreated(_ text: String) -> Date? {
        try? XSDDateTimeBridge.parse(text)
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> TimeInterval {
        let c = duration.components
        return TimeInterval(c.seconds) + TimeInterval(c.attoseconds) / 1e18
    }
}
