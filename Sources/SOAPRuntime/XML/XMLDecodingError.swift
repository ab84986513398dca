/// Why a document could not be decoded, with the element or attribute concerned and the
/// position in the input.
public struct XMLDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in categories a server can map to faults.
    public enum Kind: String, Sendable, Hashable {
        /// Not well-formed XML, invalid UTF-8, truncated input.
        case malformed
        /// A construct refused for security (DOCTYPE, entities).
        case forbidden
        /// Depth, size, attribute count or name length over the configured limit.
        case limitExceeded
        /// The root element is not the one expected.
        case unexpectedRoot
        /// A child element the schema does not allow here.
        case unexpectedElement
        /// Text inside element-only content, or an element inside simple content.
        case unexpectedContent
        /// A required element or attribute is absent.
        case missingValue
        /// A single-valued element appears more than once.
        case duplicateElement
        /// A value that is not valid for its type.
        case invalidValue
    }

    public var kind: Kind
    public var message: String
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, _ message: String, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "\(line):\(column): \(message)" : message
    }
}
