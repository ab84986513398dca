/// SOAP 1.1 or 1.2: envelope namespace, HTTP content type and how the action travels.
public enum SOAPVersion: String, Sendable, Hashable, CaseIterable {
    case soap11 = "1.1"
    case soap12 = "1.2"

    /// The envelope namespace.
    public var envelopeNamespace: String {
        switch self {
        case .soap11: return "http://schemas.xmlsoap.org/soap/envelope/"
        case .soap12: return "http://www.w3.org/2003/05/soap-envelope"
        }
    }

    /// The prefix this runtime writes for the envelope namespace.
    public var envelopePrefix: String {
        switch self {
        case .soap11: return "soapenv"
        case .soap12: return "env"
        }
    }

    /// The media type of a message.
    public var mediaType: String {
        switch self {
        case .soap11: return "text/xml"
        case .soap12: return "application/soap+xml"
        }
    }

    /// The `Content-Type` of a request: for SOAP 1.2 it carries the action.
    public func contentType(action: String?) -> String {
        switch self {
        case .soap11:
            return "text/xml; charset=utf-8"
        case .soap12:
            guard let action, !action.isEmpty else { return "application/soap+xml; charset=utf-8" }
            return "application/soap+xml; charset=utf-8; action=\"\(action)\""
        }
    }

    /// The version whose envelope namespace is `namespace`.
    public init?(envelopeNamespace namespace: String) {
        guard let version = Self.allCases.first(where: { $0.envelopeNamespace == namespace }) else { return nil }
        self = version
    }
}

/// A parsed `Content-Type` header: media type (lower-cased) and parameters.
public struct SOAPContentType: Sendable, Hashable {
    public var mediaType: String
    public var parameters: [String: String]

    /// Parses `type/subtype; name=value; name="quoted value"`.
    public init?(_ header: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        let type = parts[0].trimmingWhitespace().lowercased()
        guard !type.isEmpty, type.contains("/") else { return nil }
        mediaType = type
        parameters = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let name = part[..<eq].trimmingWhitespace().lowercased()
            var value = part[part.index(after: eq)...].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            parameters[name] = value
        }
    }

    /// The SOAP version this media type announces, if any.
    public var soapVersion: SOAPVersion? {
        switch mediaType {
        case "application/soap+xml": return .soap12
        case "text/xml": return .soap11
        default: return nil
        }
    }

    /// Whether the body is some kind of XML.
    public var isXML: Bool {
        mediaType == "application/soap+xml" || mediaType == "text/xml" || mediaType == "application/xml" || mediaType.hasSuffix("+xml")
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
