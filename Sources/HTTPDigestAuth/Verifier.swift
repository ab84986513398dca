import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Server side: issues challenges and verifies answers.
///
/// Nonces are stateless: `hex(timestamp-ms ‖ 8 random bytes ‖ HMAC-SHA256(key, timestamp ‖
/// random ‖ realm)[0..<16])`, so any nonce this verifier (or one sharing its key) issued within
/// `nonceLifetime` is accepted without server state. An expired nonce with an otherwise correct
/// response yields ``Outcome/stale`` so the server can answer with `stale=true` and the client
/// retries without asking the user again. Being stateless, nonce counts are not tracked: a
/// captured request can be replayed until its nonce expires (keep `nonceLifetime` short; TLS
/// prevents capture).
public struct DigestVerifier: Sendable {
    public let realm: String
    public let algorithm: DigestAlgorithm
    public let nonceLifetime: Duration
    private let key: SymmetricKey

    /// - Parameter key: the HMAC key for nonces; 32 random bytes (per process) when nil. Pass
    ///   the same key to verifiers that must accept each other's nonces.
    public init(realm: String, algorithm: DigestAlgorithm = .md5, nonceLifetime: Duration = .seconds(300), key: [UInt8]? = nil) {
        self.realm = realm
        self.algorithm = algorithm
        self.nonceLifetime = nonceLifetime
        self.key = key.map { SymmetricKey(data: $0) } ?? SymmetricKey(size: .bits256)
    }

    /// A fresh challenge (qop `auth`, a new nonce, this verifier's realm and algorithm).
    public func challenge(stale: Bool = false, now: Date = Date()) -> DigestChallenge {
        DigestChallenge(realm: realm, nonce: makeNonce(now: now), opaque: nil, algorithm: algorithm, qop: ["auth"], stale: stale)
    }

    public enum Outcome: Sendable, Hashable {
        case authenticated(username: String)
        /// No Digest credentials (no header, or another scheme): send a challenge.
        case missing
        /// Malformed, wrong realm/algorithm/uri, forged nonce, unknown user or wrong response.
        case invalid
        /// Correct response for a nonce that has expired: send a challenge with `stale=true`.
        case stale
    }

    /// Verifies an `Authorization` header.
    /// - Parameters:
    ///   - authorization: the Authorization header (nil when absent).
    ///   - method: the request method (`POST`, `GET`).
    ///   - requestURI: the request-target of the request line (path and query); when given,
    ///     the credentials' `uri` must name the same resource.
    ///   - password: the user's plaintext password, or nil for an unknown user.
    public func verify(
        authorization: String?, method: String, requestURI: String? = nil, password: (String) async -> String?,
        now: Date = Date()
    ) async -> Outcome {
        guard let authorization else { return .missing }
        guard let scheme = AuthHeaderParser.parse(authorization).first?.scheme, scheme.lowercased() == "digest" else { return .missing }
        guard let credentials = DigestCredentials(header: authorization) else { return .invalid }
        guard credentials.realm == realm, credentials.algorithm == algorithm else { return .invalid }
        if let qop = credentials.qop {
            guard qop.lowercased() == "auth", let nc = credentials.nc, nc.utf8.count == 8, unhex(nc) != nil,
                  let cnonce = credentials.cnonce, !cnonce.isEmpty else { return .invalid }
        }
        if let requestURI, !Self.sameResource(credentials.uri, requestURI) { return .invalid }
        guard let issued = checkNonce(credentials.nonce) else { return .invalid }
        guard let userPassword = await password(credentials.username) else { return .invalid }
        let expected = credentials.expectedResponse(password: userPassword, method: method)
        guard constantTimeEquals(Array(expected.utf8), Array(credentials.response.lowercased().utf8)) else { return .invalid }
        let age = now.timeIntervalSince(issued)
        let lifetime = Double(nonceLifetime.components.seconds) + Double(nonceLifetime.components.attoseconds) / 1e18
        // A nonce from the future (beyond clock jitter) was not issued by this clock.
        if age < -60 { return .invalid }
        if age > lifetime { return .stale }
        return .authenticated(username: credentials.username)
    }

    /// Whether the digest `uri` names the request-target: equal, or an absolute URI whose
    /// path and query equal it.
    static func sameResource(_ digestURI: String, _ requestURI: String) -> Bool {
        if digestURI == requestURI { return true }
        guard let schemeEnd = digestURI.firstRange(of: "://") else { return false }
        let afterAuthority = digestURI[schemeEnd.upperBound...].drop(while: { $0 != "/" && $0 != "?" })
        let path = afterAuthority.isEmpty ? "/" : String(afterAuthority)
        return path == requestURI
    }

    // MARK: Nonces

    private func mac(_ body: [UInt8]) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: body)
        hmac.update(data: Array(realm.utf8))
        return Array(Array(hmac.finalize()).prefix(16))
    }

    func makeNonce(now: Date) -> String {
        let ms = UInt64(max(0, (now.timeIntervalSince1970 * 1000).rounded(.down)))
        var body: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: ms >> (56 - 8 * UInt64($0))) }
        body += (0..<8).map { _ in UInt8.random(in: 0...255) }
        return hex(body + mac(body))
    }

    /// The issue time of a nonce this verifier made; nil when forged or malformed.
    func checkNonce(_ nonce: String) -> Date? {
        guard let bytes = unhex(nonce), bytes.count == 32 else { return nil }
        let body = Array(bytes[0..<16])
        guard constantTimeEquals(mac(body), Array(bytes[16..<32])) else { return nil }
        let ms = body[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}
