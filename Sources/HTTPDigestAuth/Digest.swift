import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The digest algorithms supported (the `-sess` variants are not).
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable {
    case md5 = "MD5"
    case sha256 = "SHA-256"

    /// Parses an `algorithm` parameter (case-insensitive); nil for unsupported ones.
    public init?(parameter: String) {
        switch parameter.uppercased() {
        case "MD5": self = .md5
        case "SHA-256": self = .sha256
        default: return nil
        }
    }

    /// Lowercase hex of the hash of `string`'s UTF-8 bytes.
    public func hexDigest(_ string: String) -> String {
        switch self {
        case .md5: return hex(Insecure.MD5.hash(data: Array(string.utf8)))
        case .sha256: return hex(SHA256.hash(data: Array(string.utf8)))
        }
    }
}

/// A parsed `WWW-Authenticate: Digest ...` challenge.
public struct DigestChallenge: Sendable, Hashable {
    public var realm: String
    public var nonce: String
    public var opaque: String?
    public var algorithm: DigestAlgorithm
    /// The offered qop values (`auth`, `auth-int`); empty for a legacy RFC 2069 challenge.
    public var qop: [String]
    public var stale: Bool

    public init(realm: String, nonce: String, opaque: String? = nil, algorithm: DigestAlgorithm = .md5, qop: [String] = ["auth"], stale: Bool = false) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.qop = qop
        self.stale = stale
    }

    /// Parses the first Digest challenge with a supported algorithm in a `WWW-Authenticate`
    /// value (which may list several challenges, e.g. `Basic realm="x", Digest realm=...`).
    /// Scheme and parameter names are case-insensitive; quoted strings may contain escapes and
    /// commas. Nil when there is no usable Digest challenge.
    public init?(header: String) {
        guard let first = Self.all(in: header).first else { return nil }
        self = first
    }

    /// Every usable Digest challenge in a `WWW-Authenticate` value, in order.
    public static func all(in header: String) -> [DigestChallenge] {
        AuthHeaderParser.parse(header).compactMap { Self(parsed: $0) }
    }

    /// The preferred challenge among several `WWW-Authenticate` values: SHA-256 before MD5,
    /// otherwise the server's order.
    public static func preferred(in headers: [String]) -> DigestChallenge? {
        let challenges = headers.flatMap { Self.all(in: $0) }
        return challenges.first(where: { $0.algorithm == .sha256 }) ?? challenges.first
    }

    init?(parsed: AuthHeaderParser.Challenge) {
        guard parsed.scheme.lowercased() == "digest", !parsed.malformed,
              let realm = parsed.params["realm"], let nonce = parsed.params["nonce"] else { return nil }
        let algorithm: DigestAlgorithm
        if let name = parsed.params["algorithm"] {
            guard let known = DigestAlgorithm(parameter: name) else { return nil }
            algorithm = known
        } else {
            algorithm = .md5
        }
        let qop = (parsed.params["qop"] ?? "").split(separator: ",")
            .map { $0.trimmingSpaces().lowercased() }
            .filter { !$0.isEmpty }
        self.init(
            realm: realm, nonce: nonce, opaque: parsed.params["opaque"], algorithm: algorithm, qop: qop,
            stale: parsed.params["stale"]?.lowercased() == "true")
    }

    /// The `WWW-Authenticate` header value: `Digest realm="...", qop="auth", ...`.
    public var headerValue: String {
        var parts = ["realm=\(quoted(realm))"]
        if !qop.isEmpty { parts.append("qop=\(quoted(qop.joined(separator: ", ")))") }
        parts.append("algorithm=\(algorithm.rawValue)")
        parts.append("nonce=\(quoted(nonce))")
        if let opaque { parts.append("opaque=\(quoted(opaque))") }
        if stale { parts.append("stale=true") }
        return "Digest " + parts.joined(separator: ", ")
    }
}

/// A parsed `Authorization: Digest ...` header.
public struct DigestCredentials: Sendable, Hashable {
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var response: String
    public var algorithm: DigestAlgorithm
    public var qop: String?
    public var nc: String?
    public var cnonce: String?
    public var opaque: String?

    public init(username: String, realm: String, nonce: String, uri: String, response: String, algorithm: DigestAlgorithm = .md5, qop: String? = nil, nc: String? = nil, cnonce: String? = nil, opaque: String? = nil) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.qop = qop
        self.nc = nc
        self.cnonce = cnonce
        self.opaque = opaque
    }

    /// Parses an `Authorization` value; nil when it is not Digest, is malformed, lacks a
    /// required parameter or names an unsupported algorithm. `username*` (RFC 7616 §3.4.4,
    /// RFC 8187 encoding) is accepted; `userhash=true` is not supported (nil).
    public init?(header: String) {
        guard let parsed = AuthHeaderParser.parse(header).first,
              parsed.scheme.lowercased() == "digest", !parsed.malformed else { return nil }
        let p = parsed.params
        let username: String
        if let plain = p["username"] {
            guard p["username*"] == nil else { return nil }
            username = plain
        } else if let ext = p["username*"], let decoded = decodeExtValue(ext) {
            username = decoded
        } else {
            return nil
        }
        if let userhash = p["userhash"], userhash.lowercased() == "true" { return nil }
        guard let realm = p["realm"], let nonce = p["nonce"], let uri = p["uri"], let response = p["response"] else { return nil }
        var algorithm = DigestAlgorithm.md5
        if let name = p["algorithm"] {
            guard let known = DigestAlgorithm(parameter: name) else { return nil }
            algorithm = known
        }
        self.init(
            username: username, realm: realm, nonce: nonce, uri: uri, response: response, algorithm: algorithm,
            qop: p["qop"], nc: p["nc"], cnonce: p["cnonce"], opaque: p["opaque"])
    }

    /// The `Authorization` header value.
    public var headerValue: String {
        var parts: [String] = []
        if username.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            parts.append("username=\(quoted(username))")
        } else {
            parts.append("username*=\(encodeExtValue(username))")
        }
        parts.append("realm=\(quoted(realm))")
        parts.append("nonce=\(quoted(nonce))")
        parts.append("uri=\(quoted(uri))")
        parts.append("algorithm=\(algorithm.rawValue)")
        if let qop {
            parts.append("qop=\(qop)")
            if let nc { parts.append("nc=\(nc)") }
            if let cnonce { parts.append("cnonce=\(quoted(cnonce))") }
        }
        parts.append("response=\(quoted(response))")
        if let opaque { parts.append("opaque=\(quoted(opaque))") }
        return "Digest " + parts.joined(separator: ", ")
    }

    /// The response digest these parameters call for, given the password and request method.
    public func expectedResponse(password: String, method: String) -> String {
        DigestComputation.response(
            algorithm: algorithm, username: username, realm: realm, password: password, method: method, uri: uri,
            nonce: nonce, qop: qop, nc: nc, cnonce: cnonce)
    }

    /// The response digest for a stored HA1, `H(username:realm:password)`.
    public func expectedResponse(ha1: String, method: String) -> String {
        DigestComputation.response(algorithm: algorithm, ha1: ha1, method: method, uri: uri, nonce: nonce, qop: qop, nc: nc, cnonce: cnonce)
    }
}

/// The RFC 2617 / RFC 7616 digest formulas (qop=auth, or none).
public enum DigestComputation {
    /// `H(H(user:realm:password):nonce:nc:cnonce:qop:H(method:uri))`, or for no qop
    /// `H(H(user:realm:password):nonce:H(method:uri))`.
    public static func response(
        algorithm: DigestAlgorithm, username: String, realm: String, password: String, method: String, uri: String,
        nonce: String, qop: String?, nc: String?, cnonce: String?
    ) -> String {
        response(
            algorithm: algorithm, ha1: algorithm.hexDigest("\(username):\(realm):\(password)"), method: method, uri: uri, nonce: nonce,
            qop: qop, nc: nc, cnonce: cnonce)
    }

    /// The same from HA1 = `H(username:realm:password)`, what a server stores.
    public static func response(
        algorithm: DigestAlgorithm, ha1: String, method: String, uri: String, nonce: String, qop: String?, nc: String?, cnonce: String?
    ) -> String {
        let ha2 = algorithm.hexDigest("\(method):\(uri)")
        if let qop {
            return algorithm.hexDigest("\(ha1):\(nonce):\(nc ?? ""):\(cnonce ?? ""):\(qop):\(ha2)")
        }
        return algorithm.hexDigest("\(ha1):\(nonce):\(ha2)")
    }
}

/// Client side: answers a challenge.
public enum DigestClient {
    /// The `Authorization` header value answering `challenge` for a request.
    ///
    /// Uses `qop=auth` when the challenge offers it and the legacy RFC 2069 form when it offers
    /// no qop (a challenge offering only `auth-int` is answered without qop too, which such a
    /// server may reject: bodies are not hashed here).
    /// - Parameters:
    ///   - uri: the request-target exactly as sent in the request line (path and query).
    ///   - cnonce: the client nonce; 16 random bytes in hex when nil.
    ///   - nc: how many times this nonce has been used, this request included.
    public static func authorization(
        for challenge: DigestChallenge, method: String, uri: String, username: String, password: String,
        cnonce: String? = nil, nc: Int = 1
    ) -> String {
        let useQop = challenge.qop.contains("auth")
        let ncHex = String(UInt32(truncatingIfNeeded: nc), radix: 16)
        let ncString = String(repeating: "0", count: max(0, 8 - ncHex.count)) + ncHex
        let clientNonce = cnonce ?? hex((0..<16).map { _ in UInt8.random(in: 0...255) })
        var credentials = DigestCredentials(
            username: username, realm: challenge.realm, nonce: challenge.nonce, uri: uri, response: "",
            algorithm: challenge.algorithm, qop: useQop ? "auth" : nil, nc: useQop ? ncString : nil,
            cnonce: useQop ? clientNonce : nil, opaque: challenge.opaque)
        credentials.response = credentials.expectedResponse(password: password, method: method)
        return credentials.headerValue
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
