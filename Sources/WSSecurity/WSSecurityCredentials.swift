/// What a client needs to sign its requests with a UsernameToken.
public struct WSSecurityCredentials: Sendable, Hashable {
    /// How the password goes on the wire.
    public enum PasswordType: String, Sendable, Hashable {
        /// `PasswordDigest`: Base64(SHA-1(nonce + created + password)); the password never travels.
        case digest
        /// `PasswordText`: the password in clear (only over TLS).
        case text
    }

    /// The user name sent in `wsse:Username`.
    public var username: String
    /// The password; never written out by `description`.
    public var password: String
    /// How the password is sent; `.digest` by default.
    public var passwordType: PasswordType
    /// Added to the local clock when creating `wsu:Created` (for cameras whose clock is wrong:
    /// take it from the device's `GetSystemDateAndTime` minus the local time).
    public var clockOffset: Duration

    /// Creates credentials; digest passwords and no clock offset by default.
    public init(username: String, password: String, passwordType: PasswordType = .digest, clockOffset: Duration = .zero) {
        self.username = username
        self.password = password
        self.passwordType = passwordType
        self.clockOffset = clockOffset
    }
}

extension WSSecurityCredentials: CustomStringConvertible {
    /// The user name and settings, with the password redacted.
    public var description: String {
        "WSSecurityCredentials(username: \(username), password: <redacted>, passwordType: \(passwordType), clockOffset: \(clockOffset))"
    }
}
