// XSDValueError.swift
// The error every XSD value codec throws when a lexical form is not valid for its type.

/// A lexical form that is not valid for its XML Schema type: which type, the offending text and
/// why it was refused.
public struct XSDValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema type name, such as `xs:int`.
    public var typeName: String
    /// The offending text, truncated to 64 characters followed by `…`.
    public var value: String
    /// Why the text was refused, such as `out of range -2147483648...2147483647`.
    public var reason: String

    /// Creates an error; `value` is truncated to 64 characters (plus `…`).
    public init(typeName: String, value: String, reason: String) {
        self.typeName = typeName
        self.value = XSDValueError.truncated(value)
        self.reason = reason
    }

    /// `invalid xs:int value '99999999999': out of range -2147483648...2147483647`.
    public var description: String {
        "invalid \(typeName) value '\(value)': \(reason)"
    }

    static let maximumValueLength = 64

    static func truncated(_ text: String) -> String {
        // Fewer UTF-8 bytes than the limit implies fewer characters: no need to count them.
        if text.utf8.count <= maximumValueLength { return text }
        var characters = 0
        var index = text.startIndex
        while index < text.endIndex {
            if characters == maximumValueLength { return String(text[..<index]) + "…" }
            characters += 1
            index = text.index(after: index)
        }
        return text
    }
}
