import SOAPRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clients: credentials add a fresh UsernameToken (new nonce, current Created) to every request.
extension WSSecurityCredentials: SOAPClientSecurity {
    public func headerBlocks() async throws -> [XMLAnyElement] {
        [WSSecurityHeader.make(credentials: self)]
    }
}

/// Servers: authenticates requests that carry a `wsse:Security` UsernameToken; a request
/// without one runs as anonymous (what anonymous may do is the service's decision). A token
/// that fails verification is answered with `env:Sender` and ``failureSubcodes``: WS-Security's
/// `wsse:FailedAuthentication` by default, ONVIF's `ter:NotAuthorized` on an ONVIF device.
public struct UsernameTokenAuthentication: SOAPServerSecurity {
    public let verifier: UsernameTokenVerifier
    /// The subcodes of the fault for a token that fails verification.
    public let failureSubcodes: [XMLName]

    /// WS-Security 1.1's fault code for a token that cannot be authenticated.
    public static let failedAuthentication = XMLName(WSSecurityNamespaces.wsse, "FailedAuthentication")

    public init(verifier: UsernameTokenVerifier, failureSubcodes: [XMLName] = [Self.failedAuthentication]) {
        self.verifier = verifier
        self.failureSubcodes = failureSubcodes
    }

    /// - Parameters:
    ///   - store: where passwords come from.
    ///   - window: how far `Created` may be from the server's clock (default ±5 minutes).
    ///   - failureSubcodes: the subcodes of the fault for a token that fails.
    public init(store: any CredentialStore, window: Duration = .seconds(300), failureSubcodes: [XMLName] = [Self.failedAuthentication]) {
        self.verifier = UsernameTokenVerifier(store: store, window: window)
        self.failureSubcodes = failureSubcodes
    }

    public var understoodHeaders: Set<XMLName> { [XMLName(WSSecurityNamespaces.wsse, "Security")] }

    public func authenticate(_ headers: [SOAPHeaderBlock]) async throws(SOAPFault) -> String? {
        guard let header = headers.first(where: { WSSecurityHeader.isSecurityHeader($0.element) }) else { return nil }
        do {
            return try await verifier.verify(securityHeader: header.element, now: Date())
        } catch {
            let why: String
            switch error {
            case .unknownUser, .wrongPassword: why = "invalid username or password"
            default: why = error.description
            }
            throw SOAPFault(code: .sender, subcodes: failureSubcodes, reason: "Sender not authorized: \(why)")
        }
    }
}
