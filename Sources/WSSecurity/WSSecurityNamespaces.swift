/// The URIs of the OASIS WSS 1.0 UsernameToken Profile: the `wsse` and `wsu` namespaces and the
/// `Type` / `EncodingType` attribute values.
public enum WSSecurityNamespaces: Sendable {
    /// The WSS 1.0 secext namespace (`wsse:`).
    public static let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
    /// The WSS 1.0 utility namespace (`wsu:`), home of `wsu:Created`.
    public static let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    /// `wsse:Password/@Type` for Base64(SHA-1(nonce + created + password)).
    public static let passwordDigest =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest"
    /// `wsse:Password/@Type` for a clear-text password (the default when `Type` is absent).
    public static let passwordText =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"
    /// `wsse:Nonce/@EncodingType` for base64 (the default when `EncodingType` is absent).
    public static let base64Binary =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
}
