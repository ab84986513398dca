/// The `auth-param` grammar shared by `WWW-Authenticate` and `Authorization` (RFC 7235 §2.1):
/// `scheme [ token68 / #auth-param ]`, params `name = ( token / quoted-string )`, names
/// case-insensitive, several challenges possibly in one comma-separated header value.
struct AuthHeaderParser {
    /// One scheme with its parameters (names lowercased, values unquoted).
    struct Challenge {
        var scheme: String
        var params: [String: String]
        /// Set when parsing stopped at a syntax error inside this challenge's parameters.
        var malformed = false
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ header: String) {
        self.bytes = Array(header.utf8)
    }

    /// All challenges (or the one credentials value) in the header, in order.
    static func parse(_ header: String) -> [Challenge] {
        var parser = AuthHeaderParser(header)
        return parser.parseAll()
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }

    private var atEnd: Bool { index >= bytes.count }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
    }

    private mutating func skipSpacesAndCommas() {
        while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ",")].contains(bytes[index]) { index += 1 }
    }

    private mutating func token() -> String? {
        let start = index
        while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// A quoted-string starting at `"`; backslash escapes any byte. Nil when unterminated.
    private mutating func quotedString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { return nil }
                out.append(bytes[index])
            } else if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            } else {
                out.append(b)
            }
            index += 1
        }
        return nil
    }

    /// Whether the next thing is `name = value` (a parameter) rather than a new scheme or a token68.
    private func nextIsParam() -> Bool {
        var i = index
        while i < bytes.count, Self.isTokenByte(bytes[i]) { i += 1 }
        guard i > index else { return false }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return false }
        i += 1
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i < bytes.count && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: ",")
    }

    private mutating func parseAll() -> [Challenge] {
        var result: [Challenge] = []
        skipSpacesAndCommas()
        while !atEnd {
            guard let scheme = token() else { return result }
            var challenge = Challenge(scheme: scheme, params: [:])
            skipSpaces()
            if !atEnd, bytes[index] != UInt8(ascii: ","), !nextIsParam() {
                // A token68 (Basic/Bearer credentials): not used by Digest, skipped.
                while index < bytes.count, bytes[index] != UInt8(ascii: ",") { index += 1 }
            } else {
                while true {
                    skipSpacesAndCommas()
                    if atEnd || !nextIsParam() { break }
                    guard let name = token() else { break }
                    skipSpaces()
                    index += 1  // "=", checked by nextIsParam
                    skipSpaces()
                    let value: String?
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        value = quotedString()
                    } else {
                        value = token()
                    }
                    guard let value else {
                        // Unterminated quote or a value of non-token bytes: malformed, stop here.
                        challenge.malformed = true
                        result.append(challenge)
                        return result
                    }
                    // The first occurrence of a parameter wins (duplicates are malformed anyway).
                    let key = name.lowercased()
                    if challenge.params[key] == nil { challenge.params[key] = value }
                }
            }
            result.append(challenge)
            skipSpacesAndCommas()
        }
        return result
    }
}

/// Writes `"value"` with `"` and `\` escaped.
func quoted(_ value: String) -> String {
    var out = "\""
    for c in value {
        if c == "\"" || c == "\\" { out.append("\\") }
        out.append(c)
    }
    out.append("\"")
    return out
}

/// Decodes an RFC 8187 ext-value (`UTF-8''J%C3%A4s%C3%B8n`); nil when malformed or not UTF-8.
func decodeExtValue(_ value: String) -> String? {
    let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
    var bytes: [UInt8] = []
    var it = Array(parts[2].utf8)[...]
    while let b = it.popFirst() {
        if b == UInt8(ascii: "%") {
            guard it.count >= 2, let hi = hexValue(it[it.startIndex]), let lo = hexValue(it[it.startIndex + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            it = it.dropFirst(2)
        } else {
            bytes.append(b)
        }
    }
    return String(validating: bytes, as: UTF8.self)
}

/// Encodes a string as an RFC 8187 ext-value with charset UTF-8.
func encodeExtValue(_ value: String) -> String {
    let attrChar = Set(Array("!#$&+-.^_`|~".utf8))
    var out = "UTF-8''"
    for b in value.utf8 {
        let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        if alnum || attrChar.contains(b) {
            out.append(Character(Unicode.Scalar(b)))
        } else {
            out += "%" + hexByte(b).uppercased()
        }
    }
    return out
}

func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

func hexByte(_ b: UInt8) -> String {
    String(decoding: [hexDigits[Int(b >> 4)], hexDigits[Int(b & 0x0F)]], as: UTF8.self)
}

/// Lowercase hex of `bytes`.
func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    var out: [UInt8] = []
    for b in bytes {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Bytes of a hex string; nil when not an even number of hex digits.
func unhex(_ string: String) -> [UInt8]? {
    let utf8 = Array(string.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count / 2)
    var i = 0
    while i < utf8.count {
        guard let hi = hexValue(utf8[i]), let lo = hexValue(utf8[i + 1]) else { return nil }
        out.append(hi << 4 | lo)
        i += 2
    }
    return out
}

/// Compares two byte strings in time that depends only on their lengths.
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<a.count { diff |= a[i] ^ b[i] }
    return diff == 0
}
