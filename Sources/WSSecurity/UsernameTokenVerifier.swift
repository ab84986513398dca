import Crypto
import Foundation
import SOAPRuntime

/// Verifies UsernameTokens on a server: the password (digest or text) against a
/// ``CredentialStore``, `wsu:Created` within ±`window` of the server clock, and the nonce not
/// seen before while its token could still be accepted.
///
/// Every token must carry `wsse:Nonce` and `wsu:Created`, `PasswordText` ones too: without
/// them nothing tells a replay from a new request, and a captured clear-text token would open
/// the device for ever. Nonces enter the replay cache
/// only once their token is authenticated, so unauthenticated callers cannot fill it. The
/// cache forgets a nonce when its `Created + window` has passed (a replay would be stale), and
/// holds at most `maxCachedNonces`. When it is full (sustained load: 100,000 tokens within
/// the window is 333 requests/s for 5 minutes), the nonce with the oldest `Created` is
/// forgotten early and from then on tokens created at or before it are refused as stale: a
/// replay of a forgotten nonce carries its old `Created`, so it can never pass, while fresh
/// tokens keep working. Under that pressure the accepted clock skew into the past shrinks to
/// what the cache covers.
public actor UsernameTokenVerifier {
    private let store: any CredentialStore
    private let window: TimeInterval
    private let maxCachedNonces: Int
    /// Whether `PasswordText` tokens are accepted at all (the password travels in clear:
    /// servers without TLS should refuse them).
    public nonisolated let acceptsPasswordText: Bool
    /// A remembered nonce: the first 128 bits of its SHA-256. Fixed size, so an entry costs no
    /// allocation of its own (100,000 entries take a few MB, not tens); a collision between two
    /// nonces within one window is as likely as guessing a 128-bit value.
    struct NonceKey: Hashable {
        var high: UInt64
        var low: UInt64

        init(_ nonce: [UInt8]) {
            var high: UInt64 = 0
            var low: UInt64 = 0
            SHA256.hash(data: nonce).withUnsafeBytes { digest in
                high = digest.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
                low = digest.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            }
            self.high = high
            self.low = low
        }
    }

    /// Nonce → the time after which it can be forgotten (its `Created` + window).
    private var seenNonces: [NonceKey: Date] = [:]
    /// The same entries ordered by expiry (a binary min-heap).
    private var expiryHeap: [(expiry: Date, nonce: NonceKey)] = []
    /// Tokens created at or before this are refused: nonces this old were forgotten early.
    private var staleBefore: Date?

    /// Creates a verifier; `window` is the accepted clock difference either way (5 minutes by
    /// default), `maxCachedNonces` bounds the replay cache.
    public init(store: any CredentialStore, window: Duration = .seconds(300), maxCachedNonces: Int = 100_000, acceptsPasswordText: Bool = true) {
        self.store = store
        self.acceptsPasswordText = acceptsPasswordText
        self.window = Swift.max(0, WSSecurityUtilities.seconds(window))
        self.maxCachedNonces = Swift.max(0, maxCachedNonces)
    }

    /// The number of nonces currently remembered (for monitoring and tests).
    public var cachedNonceCount: Int { seenNonces.count }

    /// Parses the UsernameToken in a `wsse:Security` header block and verifies it; returns the
    /// authenticated user name.
    public func verify(securityHeader: XMLAnyElement, now: Date = Date()) async throws(WSSecurityError) -> String {
        try await verify(try WSSecurityHeader.parseUsernameToken(securityHeader), now: now)
    }

    /// Verifies a token; returns the authenticated user name.
    public func verify(_ token: UsernameToken, now: Date = Date()) async throws(WSSecurityError) -> String {
        // 1. Shape and freshness, before touching the store.
        var createdDate: Date?
        if token.nonce == nil || token.created == nil { throw .missingNonceOrCreated }
        if case .text = token.password, !acceptsPasswordText { throw .passwordTextRefused }
        if let nonce = token.nonce, nonce.isEmpty { throw .malformed("wsse:Nonce is empty") }
        if let created = token.created {
            guard let date = WSSecurityUtilities.parseCreated(WSSecurityUtilities.trimmed(created)) else {
                throw .malformed("wsu:Created '\(created)' is not an xs:dateTime")
            }
            guard abs(date.timeIntervalSince(now)) <= window else { throw .staleCreated(created) }
            createdDate = date
        }

        // 2. The password. An unknown user costs the same hashing as a known one.
        let stored = await store.password(for: token.username)
        let matches: Bool
        switch token.password {
        case .digest(let received):
            let expected = UsernameToken.digestBytes(
                nonce: token.nonce ?? [], created: token.created ?? "", password: stored ?? "")
            let receivedBytes = WSSecurityUtilities.decodeBase64(WSSecurityUtilities.trimmed(received)) ?? []
            matches = WSSecurityUtilities.constantTimeEquals(expected, receivedBytes)
        case .text(let received):
            matches = WSSecurityUtilities.constantTimeEquals(stored ?? "", received)
        }
        guard stored != nil else { throw .unknownUser(token.username) }
        guard matches else { throw .wrongPassword(token.username) }

        // 3. Replay: check and remember atomically (no suspension point from here on).
        if let nonceBytes = token.nonce {
            let nonce = NonceKey(nonceBytes)
            evictExpired(now: now)
            if let staleBefore, staleBefore.addingTimeInterval(window) < now { self.staleBefore = nil }
            // Nonces created up to `staleBefore` may have been forgotten early.
            if let staleBefore, let createdDate, createdDate <= staleBefore { throw .staleCreated(token.created ?? "") }
            if seenNonces[nonce] != nil { throw .replayedNonce }
            let expiry = (createdDate ?? now).addingTimeInterval(window)
            if seenNonces.count >= maxCachedNonces {
                // Full: forget the oldest, unless this token is older still.
                guard let oldest = expiryHeap.first, oldest.expiry < expiry, maxCachedNonces > 0 else {
                    throw .staleCreated(token.created ?? "")
                }
                heapPopMin()
                seenNonces[oldest.nonce] = nil
                staleBefore = oldest.expiry.addingTimeInterval(-window)
            }
            seenNonces[nonce] = expiry
            heapPush((expiry, nonce))
        }
        return token.username
    }

    // MARK: Replay cache

    private func evictExpired(now: Date) {
        while let top = expiryHeap.first, top.expiry < now {
            heapPopMin()
            if seenNonces[top.nonce] == top.expiry { seenNonces[top.nonce] = nil }
        }
    }

    private func heapPush(_ entry: (expiry: Date, nonce: NonceKey)) {
        expiryHeap.append(entry)
        var child = expiryHeap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard expiryHeap[child].expiry < expiryHeap[parent].expiry else { break }
            expiryHeap.swapAt(child, parent)
            child = parent
        }
    }

    private func heapPopMin() {
        guard !expiryHeap.isEmpty else { return }
        expiryHeap.swapAt(0, expiryHeap.count - 1)
        expiryHeap.removeLast()
        var parent = 0
        let count = expiryHeap.count
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < count, expiryHeap[left].expiry < expiryHeap[smallest].expiry { smallest = left }
            if right < count, expiryHeap[right].expiry < expiryHeap[smallest].expiry { smallest = right }
            if smallest == parent { return }
            expiryHeap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
