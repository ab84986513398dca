import SOAPRuntime

/// Whether a Probe matches a service (WS-Discovery 2005/04 §5.1): it has every type the
/// Probe names, and each of the Probe's scopes matches one of its scopes by the Probe's rule.
public enum ProbeMatching {
    /// RFC 3986 matching, the default: same scheme and authority (case-insensitive), and the
    /// Probe's path segments a prefix of the service's.
    public static let rfc3986 = WSDiscoveryNames.discovery + "/rfc3986"
    /// Exact, case-sensitive string comparison.
    public static let strcmp0 = WSDiscoveryNames.discovery + "/strcmp0"

    public static func matches(types probeTypes: [XMLName], scopes probeScopes: [String], matchBy: String?, service: DiscoveredService) -> Bool {
        // A type whose prefix the Probe left undeclared matches by its local name (lenient).
        let typesMatch = probeTypes.allSatisfy { wanted in
            service.types.contains { $0 == wanted || (wanted.namespace.isEmpty && $0.localName == wanted.localName) }
        }
        guard typesMatch else { return false }
        let rule = matchBy ?? rfc3986
        return probeScopes.allSatisfy { wanted in
            service.scopes.contains { scope in
                switch rule {
                case rfc3986: return rfc3986Matches(wanted, scope)
                case strcmp0: return wanted == scope
                default: return false
                }
            }
        }
    }

    /// `probe` matches `scope` when both have the same scheme and authority and the probe's
    /// path segments are the first segments of the scope's (`onvif://www.onvif.org/type`
    /// matches `onvif://www.onvif.org/type/video_encoder`, not `…/types`).
    static func rfc3986Matches(_ probe: String, _ scope: String) -> Bool {
        guard let wanted = parts(probe), let have = parts(scope) else { return probe == scope }
        guard wanted.scheme == have.scheme, wanted.authority == have.authority, wanted.segments.count <= have.segments.count else { return false }
        return zip(wanted.segments, have.segments).allSatisfy { $0 == $1 }
    }

    private static func parts(_ uri: String) -> (scheme: String, authority: String, segments: [Substring])? {
        guard let colon = uri.firstIndex(of: ":") else { return nil }
        let scheme = uri[..<colon].lowercased()
        var rest = uri[uri.index(after: colon)...]
        var authority = ""
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = rest[..<end].lowercased()
            rest = rest[end...]
        }
        let path = rest.prefix { $0 != "?" && $0 != "#" }
        return (scheme, authority, path.split(separator: "/", omittingEmptySubsequences: true))
    }
}
