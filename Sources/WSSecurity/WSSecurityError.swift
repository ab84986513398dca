/// Why a WS-Security UsernameToken was not accepted.
public enum WSSecurityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `wsse:Security` header is present but does not hold a valid UsernameToken (the reason).
    case malformed(String)
    /// The user name is not in the credential store.
    case unknownUser(String)
    /// The password or digest does not match for this user name.
    case wrongPassword(String)
    /// `wsu:Created` (this value) is outside the accepted window around the server's clock.
    case staleCreated(String)
    /// The nonce was seen before within the window (or the replay cache is full).
    case replayedNonce
    /// A `PasswordDigest` token without `wsse:Nonce` or `wsu:Created`.
    case missingNonceOrCreated
    /// A `PasswordText` token where only `PasswordDigest` is accepted (no TLS).
    case passwordTextRefused

    /// One sentence; never includes a password.
    public var description: String {
        switch self {
        case .malformed(let reason):
            return "The WS-Security header is not a valid UsernameToken: \(reason)."
        case .unknownUser(let username):
            return "The WS-Security user '\(username)' is unknown."
        case .wrongPassword(let username):
            return "The WS-Security password for user '\(username)' is wrong."
        case .staleCreated(let created):
            return "The WS-Security Created time '\(created)' is outside the accepted window around the server's clock."
        case .replayedNonce:
            return "The WS-Security nonce was already used (the request may be a replay)."
        case .passwordTextRefused:
            return "The WS-Security UsernameToken carries its password in clear (PasswordText), which this server accepts only over TLS: use PasswordDigest."
        case .missingNonceOrCreated:
            return "The WS-Security UsernameToken lacks a Nonce or a Created time (both are required, with PasswordText too: without them a captured token could be replayed)."
        }
    }
}
