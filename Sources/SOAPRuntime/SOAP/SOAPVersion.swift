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

    /// Parses `type/subtype; name=value; name="quoted value"` (over UTF-8 bytes: this runs for
    /// every request).
    public init?(_ header: String) {
        var header = header
        var parsed: (String, [String: String])?
        header.withUTF8 { bytes in
            // Segments separated by ';' outside quotes.
            var segments: [Range<Int>] = []
            var start = 0
            var quoted = false
            for i in 0..<bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == UInt8(ascii: ";"), !quoted {
                    segments.append(start..<i)
                    start = i + 1
                }
            }
            segments.append(start..<bytes.count)
            let type = Self.string(bytes, Self.trimmed(bytes, segments[0]), lowercased: true)
            guard !type.isEmpty, type.utf8.contains(UInt8(ascii: "/")) else { return }
            var parameters: [String: String] = [:]
            for segment in segments.dropFirst() {
                guard let eq = segment.first(where: { bytes[$0] == UInt8(ascii: "=") }) else { continue }
                let name = Self.string(bytes, Self.trimmed(bytes, segment.lowerBound..<eq), lowercased: true)
                var value = Self.trimmed(bytes, (eq + 1)..<segment.upperBound)
                if value.count >= 2, bytes[value.lowerBound] == UInt8(ascii: "\""), bytes[value.upperBound - 1] == UInt8(ascii: "\"") {
                    value = (value.lowerBound + 1)..<(value.upperBound - 1)
                }
                parameters[name] = Self.string(bytes, value, lowercased: false)
            }
            parsed = (type, parameters)
        }
        guard let parsed else { return nil }
        mediaType = parsed.0
        parameters = parsed.1
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, XSDWhitespace.isXMLWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, XSDWhitespace.isXMLWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lowercased: Bool) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard lowercased, slice.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return String(decoding: slice, as: UTF8.self)
        }
        return String(decoding: slice.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
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
