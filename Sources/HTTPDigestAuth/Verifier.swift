import Crypto
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Server side: issues challenges and verifies answers.
///
/// Nonces are `hex(timestamp-ms ‖ 8 random bytes ‖ HMAC-SHA256(key, timestamp ‖ random ‖
/// realm)[0..<16])`, so any nonce this verifier (or one sharing its key) issued within
/// `nonceLifetime` is recognised without storing it. An expired nonce with an otherwise correct
/// response yields ``Outcome/stale`` so the server can answer with `stale=true` and the client
/// retries without asking the user again.
///
/// Replays: only `qop=auth` answers are accepted (RFC 2069's answers without a nonce count are
/// refused), and each nonce's count must grow: a captured `Authorization` sent again, or with
/// a count already used, is ``Outcome/stale`` (a fresh challenge; a client sending requests
/// out of order just retries). Counts are recorded only for answers that were otherwise right,
/// for the `nonceCountCapacity` most recently authenticated nonces; copies of a verifier share
/// them.
public struct DigestVerifier: Sendable {
    public let realm: String
    /// The algorithms offered, most preferred first (RFC 7616 §3.7: one challenge each).
    public let algorithms: [DigestAlgorithm]
    /// The most preferred algorithm.
    public var algorithm: DigestAlgorithm { algorithms.first ?? .md5 }
    public let nonceLifetime: Duration
    private let key: SymmetricKey
    private let nonceCounts: NonceCounts

    /// - Parameters:
    ///   - key: the HMAC key for nonces; 32 random bytes (per process) when nil. Pass the same
    ///     key to verifiers that must accept each other's nonces.
    ///   - nonceCountCapacity: how many authenticated nonces' counts are remembered.
    public init(
        realm: String, algorithm: DigestAlgorithm = .md5, nonceLifetime: Duration = .seconds(300), key: [UInt8]? = nil,
        nonceCountCapacity: Int = 10_000
    ) {
        self.init(realm: realm, algorithms: [algorithm], nonceLifetime: nonceLifetime, key: key, nonceCountCapacity: nonceCountCapacity)
    }

    /// A verifier offering several algorithms. Put MD5 last when clients built on Python's
    /// `requests` (zeep, onvif-zeep) must get in: it merges the `WWW-Authenticate` headers
    /// and answers the algorithm of the last one.
    public init(
        realm: String, algorithms: [DigestAlgorithm], nonceLifetime: Duration = .seconds(300), key: [UInt8]? = nil,
        nonceCountCapacity: Int = 10_000
    ) {
        self.realm = realm
        self.algorithms = algorithms.isEmpty ? [.md5] : algorithms
        self.nonceLifetime = nonceLifetime
        self.key = key.map { SymmetricKey(data: $0) } ?? SymmetricKey(size: .bits256)
        self.nonceCounts = NonceCounts(capacity: nonceCountCapacity)
    }

    /// A fresh challenge (qop `auth`, a new nonce, this verifier's realm and preferred algorithm).
    public func challenge(stale: Bool = false, now: Date = Date()) -> DigestChallenge {
        DigestChallenge(realm: realm, nonce: makeNonce(now: now), opaque: nil, algorithm: algorithm, qop: ["auth"], stale: stale)
    }

    /// One challenge per algorithm offered, in preference order, sharing one fresh nonce:
    /// each is a `WWW-Authenticate` header of its own.
    public func challenges(stale: Bool = false, now: Date = Date()) -> [DigestChallenge] {
        let nonce = makeNonce(now: now)
        return algorithms.map { DigestChallenge(realm: realm, nonce: nonce, opaque: nil, algorithm: $0, qop: ["auth"], stale: stale) }
    }

    public enum Outcome: Sendable, Hashable {
        case authenticated(username: String)
        /// No Digest credentials (no header, or another scheme): send a challenge.
        case missing
        /// Malformed, wrong realm/algorithm/uri, forged nonce, unknown user or wrong response.
        case invalid
        /// Correct response for a nonce that has expired, or whose count was already used (a
        /// replay): send a challenge with `stale=true`.
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
        await verify(authorization: authorization, method: method, requestURI: requestURI, singleUse: false, now: now) { username, algorithm in
            guard let secret = await password(username) else { return nil }
            return algorithm.hexDigest("\(username):\(realm):\(secret)")
        }
    }

    /// Verifies an `Authorization` header against stored `H(username:realm:password)`
    /// values (HA1), so the password itself need not be kept.
    /// - Parameters:
    ///   - singleUse: the nonce must never have been used before (for requests that change
    ///     state, such as uploads: the body is not covered by `qop=auth`, so a captured
    ///     header must not carry another body; the client gets a fresh challenge instead).
    ///   - ha1: the user's HA1 for an algorithm (lowercase hex), or nil for an unknown user.
    public func verify(
        authorization: String?, method: String, requestURI: String? = nil, singleUse: Bool, now: Date = Date(),
        ha1: (_ username: String, _ algorithm: DigestAlgorithm) async -> String?
    ) async -> Outcome {
        guard let authorization else { return .missing }
        guard let scheme = AuthHeaderParser.parse(authorization).first?.scheme, scheme.lowercased() == "digest" else { return .missing }
        guard let credentials = DigestCredentials(header: authorization) else { return .invalid }
        guard credentials.realm == realm, algorithms.contains(credentials.algorithm) else { return .invalid }
        // qop=auth only: without it (RFC 2069) there is no nonce count to stop a replay.
        guard let qop = credentials.qop, qop.lowercased() == "auth", let nc = credentials.nc, nc.utf8.count == 8,
            let count = UInt32(nc, radix: 16), let cnonce = credentials.cnonce, !cnonce.isEmpty
        else { return .invalid }
        if let requestURI, !Self.sameResource(credentials.uri, requestURI) { return .invalid }
        guard let issued = checkNonce(credentials.nonce) else { return .invalid }
        guard let userHA1 = await ha1(credentials.username, credentials.algorithm) else { return .invalid }
        let expected = credentials.expectedResponse(ha1: userHA1, method: method)
        guard constantTimeEquals(Array(expected.utf8), Array(credentials.response.lowercased().utf8)) else { return .invalid }
        let age = now.timeIntervalSince(issued)
        let lifetime = Double(nonceLifetime.components.seconds) + Double(nonceLifetime.components.attoseconds) / 1e18
        // A nonce from the future (beyond clock jitter) was not issued by this clock.
        if age < -60 { return .invalid }
        if age > lifetime { return .stale }
        guard nonceCounts.advance(credentials.nonce, to: count, issued: issued, firstUseOnly: singleUse) else { return .stale }
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

/// The highest nonce count seen for each recently authenticated nonce, bounded: the oldest
/// nonce is forgotten first. A forgotten nonce must not become new again (a single-use nonce
/// would be reusable after enough others), so every nonce issued no later than the newest one
/// forgotten counts as used: its client gets a fresh challenge (`stale=true`).
final class NonceCounts: Sendable {
    private struct State {
        var highest: [String: (count: UInt32, issued: Date)] = [:]
        var order: [String] = []
        var head = 0
        /// The latest issue time among forgotten nonces.
        var forgottenThrough = Date.distantPast
    }
    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Records `count` for `nonce` (issued at `issued`) when it is higher than every count
    /// used with it before; false for a count already used (a replay), or a nonce that may
    /// have been used and forgotten. With `firstUseOnly`, any earlier use of the nonce makes
    /// this one a replay.
    func advance(_ nonce: String, to count: UInt32, issued: Date, firstUseOnly: Bool = false) -> Bool {
        state.withLock { state in
            if let known = state.highest[nonce] {
                guard count > known.count, !firstUseOnly else { return false }
                state.highest[nonce] = (count, known.issued)
                return true
            }
            guard issued > state.forgottenThrough else { return false }
            state.highest[nonce] = (count, issued)
            state.order.append(nonce)
            while state.highest.count > capacity, state.head < state.order.count {
                let oldest = state.order[state.head]
                if let forgotten = state.highest.removeValue(forKey: oldest) {
                    state.forgottenThrough = max(state.forgottenThrough, forgotten.issued)
                }
                state.head += 1
            }
            if state.head > capacity {
                state.order.removeFirst(state.head)
                state.head = 0
            }
            return true
        }
    }
}
