// `default` and `fixed` values of elements and attributes, applied by generated decoders: an
// absent attribute takes its default (or fixed) value; an element that is present but empty
// takes its default; a value other than the fixed one is refused by strict readers (servers)
// and reported by lenient ones (clients).

extension XMLPullReader {
    /// The value of `lexical`, a schema's default, as `T`; `nil` when it does not parse (a
    /// schema error the generator reports, never a crash here).
    public func defaultValue<T: XSDSimpleValue>(_ type: T.Type, _ lexical: String) -> T? {
        try? T(xsdLexical: lexical)
    }

    /// Reads the current element's value; empty content means `emptyMeans` (its default).
    public func readValue<T: XSDSimpleValue>(_ type: T.Type, emptyMeans lexical: String) throws(XMLDecodingError) -> T {
        let element = localName
        let text = try readText()
        do {
            return try T(xsdLexical: text.isEmpty ? lexical : text)
        } catch {
            throw self.error(.invalidValue, "element <\(element)>: \(error)")
        }
    }

    /// Checks a value against the schema's `fixed` one: a strict reader throws, a lenient one
    /// reports the deviation and keeps what arrived.
    public func checkFixed<T: XSDSimpleValue>(_ value: T?, _ lexical: String, _ what: StaticString) throws(XMLDecodingError) {
        guard let value, let fixed = try? T(xsdLexical: lexical), value != fixed else { return }
        let message = "\(what) is '\(value.xsdLexical)', but the schema fixes it to '\(lexical)'"
        if skipsUnknownElements {
            deviationHandler?(message)
            return
        }
        throw error(.invalidValue, message)
    }
}
