import HTTPDigestAuth
import ONVIFSupport
import SOAPRuntime
import WSSecurity

/// How the device's SOAP endpoints authenticate a request, as ONVIF Core allows: a
/// WS-Security UsernameToken, or HTTP Digest. A request with neither runs as anonymous; when
/// it is then refused for want of an access class, the answer is HTTP 401 with one Digest
/// challenge per algorithm (ONVIF Core: a client that sends no credentials is taken to use
/// Digest), its body the `ter:NotAuthorized` fault, so Digest-only clients retry with
/// credentials and UsernameToken clients still read why. Bad Digest credentials get a fresh
/// challenge too (`stale=true` for an expired or replayed nonce), and so does an empty
/// request without credentials (how curl asks for one); bad UsernameTokens, and
/// users lacking the access class, get the fault with HTTP 400.
struct DeviceSOAPSecurity: SOAPServerSecurity {
    let usernameToken: UsernameTokenAuthentication
    let digest: DigestVerifier
    let users: UserStore

    var understoodHeaders: Set<XMLName> { usernameToken.understoodHeaders }

    func authenticate(_ headers: [SOAPHeaderBlock]) async throws(SOAPFault) -> String? {
        try await usernameToken.authenticate(headers)
    }

    func authenticate(_ headers: [SOAPHeaderBlock], request: SOAPServerRequest) async throws(SOAPFault) -> String? {
        if Self.hasSecurityHeader(headers) { return try await usernameToken.authenticate(headers) }
        switch await verifyDigest(request) {
        case .authenticated(let username): return username
        case .missing: return nil
        case .stale:
            throw SOAPFault(code: .sender, subcodes: [.notAuthorized], reason: "Sender not authorized: the HTTP Digest nonce has expired or was used already")
        case .invalid:
            throw SOAPFault(code: .sender, subcodes: [.notAuthorized], reason: "Sender not authorized: invalid HTTP Digest credentials")
        }
    }

    func challenge(refusing fault: SOAPFault, user: String?, headers: [SOAPHeaderBlock], request: SOAPServerRequest) async -> [(name: String, value: String)]? {
        // A refusal of an anonymous (or badly authenticated) caller, or an empty request: some
        // Digest clients (curl) send the body only once challenged.
        guard user == nil, fault.subcodes.contains(.notAuthorized) || request.body.isEmpty, !Self.hasSecurityHeader(headers) else { return nil }
        let stale = await verifyDigest(request) == .stale
        return digest.challenges(stale: stale).map { (name: "WWW-Authenticate", value: $0.headerValue) }
    }

    private func verifyDigest(_ request: SOAPServerRequest) async -> DigestVerifier.Outcome {
        guard let authorization = request.headerFields["authorization"] else { return .missing }
        let users = self.users
        return await digest.verify(
            authorization: authorization, method: "POST", requestURI: request.headerFields[":path"], singleUse: false,
            ha1: { await users.ha1(for: $0, algorithm: $1) })
    }

    private static func hasSecurityHeader(_ headers: [SOAPHeaderBlock]) -> Bool {
        headers.contains { WSSecurityHeader.isSecurityHeader($0.element) }
    }
}
