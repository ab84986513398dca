// What a client tolerates in what devices send: required values that are missing. Cameras omit
// elements the schema requires (a token, a Configuration, an Encoding); a lenient reader hands
// the caller what did arrive, with a placeholder for what did not, and reports each deviation.

/// Reports a deviation a lenient reader tolerated, e.g. "missing element Name in <Profile>
/// (decoded as a placeholder)".
public typealias XMLDeviationHandler = @Sendable (String) -> Void

extension XMLPullReader {
    // Generated decoders take a required value through `require(_:_:)` (GeneratedCodingHooks):
    // the value, or, when it is missing and the reader ``toleratesMissingValues``, a
    // placeholder (the value an empty element decodes to: `""`, `0`, `false`, the epoch, an
    // empty list, a struct of placeholders), reported to ``deviationHandler``; a strict
    // reader throws `missingValue`.

    /// A placeholder of a simple type when tolerated, else `nil`.
    @usableFromInline
    func placeholder<T: XSDSimpleValue>(_ type: T.Type, _ what: StaticString) -> T? {
        guard toleratesMissingValues else { return nil }
        for lexical in Self.placeholderLexicals {
            if let placeholder = try? T(xsdLexical: lexical) {
                deviationHandler?("missing \(what) (decoded as \"\(lexical)\")")
                return placeholder
            }
        }
        return nil
    }

    /// Whether a missing list may be taken as empty (tolerated and reported).
    @usableFromInline
    func emptyListPlaceholder(_ what: StaticString) -> Bool {
        guard toleratesMissingValues else { return false }
        deviationHandler?("missing \(what) (decoded as an empty list)")
        return true
    }

    /// A placeholder of a generated type (what an empty element decodes to) when tolerated.
    @usableFromInline
    func placeholder<T: XMLElementDecodable>(_ type: T.Type, _ what: StaticString) -> T? {
        guard toleratesMissingValues, placeholderDepth < 16 else { return nil }
        guard let reader = try? XMLPullReader(bytes: Array("<placeholder/>".utf8)) else { return nil }
        reader.toleratesMissingValues = true
        reader.skipsUnknownElements = true
        reader.placeholderDepth = placeholderDepth + 1
        guard (try? reader.moveToRootElement()) != nil, let placeholder = try? T(from: reader) else { return nil }
        deviationHandler?("missing \(what) (decoded as an empty element)")
        return placeholder
    }

    /// Lexical forms tried, in order, for a placeholder of a simple type.
    static let placeholderLexicals = ["", "0", "false", "1970-01-01T00:00:00Z", "1970-01-01", "00:00:00", "PT0S", "x"]
}
