/// The value of a `nillable` element: `xsi:nil="true"` (``nil``), or a value. A nillable
/// element that may also be absent is an optional `XMLNillable`, so absent and nil stay apart.
public enum XMLNillable<Wrapped: Sendable & Hashable>: Sendable, Hashable {
    /// `<element xsi:nil="true"/>`.
    case `nil`
    case value(Wrapped)

    /// The value, `nil` for `xsi:nil`.
    public var value: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }
}

extension XMLPullReader {
    /// Whether the current element says `xsi:nil="true"` (or `"1"`).
    public var isNil: Bool {
        var result = false
        try? forEachAttribute { () throws(XMLDecodingError) in
            if matchesExactly("nil", "http://www.w3.org/2001/XMLSchema-instance") {
                let value = attributeValue
                result = value == "true" || value == "1"
            }
        }
        return result
    }
}

extension XMLWriter {
    /// Writes `<name xsi:nil="true"/>`.
    public mutating func nilElement(_ name: XMLName) {
        startElement(name)
        attribute(XMLName("http://www.w3.org/2001/XMLSchema-instance", "nil"), "true", preferredPrefix: "xsi")
        endElement(name)
    }
}
