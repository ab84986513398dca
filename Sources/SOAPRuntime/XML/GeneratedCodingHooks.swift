// The calls generated decoders make for one field, so that a field costs one line of generated
// code: read one occurrence into its slot (a second is `duplicateElement`), take a required
// value or fail, accept open content by namespace. They are behind `@_spi(Generated)`: the
// contract between the generator and this runtime, not API for hand-written code.

/// The namespaces an `xs:any` or `xs:anyAttribute` accepts (its `namespace=`).
@_spi(Generated)
public enum XMLWildcard: Sendable {
    /// `##any`.
    case any
    /// `##other`: any namespace but this one (the schema's target namespace), and not none.
    case other(StaticString)
    /// A list of namespaces; the empty string stands for no namespace (`##local`).
    case list([StaticString])
}

@_spi(Generated)
extension XMLPullReader {
    /// A single-valued simple element: its value into `slot`, which must still be empty.
    @inlinable
    public func readValue<T: XSDSimpleValue>(into slot: inout T?, in owner: StaticString) throws(XMLDecodingError) {
        guard slot == nil else { throw duplicateElement(in: owner) }
        slot = try readValue(T.self)
    }

    /// A single-valued `xs:QName` element, its prefix resolved in the current scope.
    public func readValue(into slot: inout XSDQName?, in owner: StaticString) throws(XMLDecodingError) {
        guard slot == nil else { throw duplicateElement(in: owner) }
        slot = try readValue(XSDQName.self)
    }

    /// A single-valued simple element with a `default=`: empty content means the default.
    public func readValue<T: XSDSimpleValue>(into slot: inout T?, emptyMeans lexical: String, in owner: StaticString) throws(XMLDecodingError) {
        guard slot == nil else { throw duplicateElement(in: owner) }
        slot = try readValue(T.self, emptyMeans: lexical)
    }

    /// A single-valued list element.
    @inlinable
    public func readList<T: XSDSimpleValue>(into slot: inout [T]?, in owner: StaticString) throws(XMLDecodingError) {
        guard slot == nil else { throw duplicateElement(in: owner) }
        slot = try readList(T.self)
    }

    /// A single-valued element of a generated type.
    @inlinable
    public func readElement<T: XMLElementDecodable>(into slot: inout T?, in owner: StaticString) throws(XMLDecodingError) {
        guard slot == nil else { throw duplicateElement(in: owner) }
        slot = try T(from: self)
    }

    /// A single-valued element of any content (`xs:anyType`).
    public func readAnyElement(into slot: inout XMLAnyElement?, in owner: StaticString) throws(XMLDecodingError) {
        guard slot == nil else { throw duplicateElement(in: owner) }
        slot = try readAnyElement()
    }

    /// The error for a second occurrence of the current single-valued element.
    public func duplicateElement(in owner: StaticString) -> XMLDecodingError {
        error(.duplicateElement, "element <\(localName)> appears more than once in <\(owner)>")
    }

    /// The error for a required value that is absent (`what`: "element Name in <Profile>").
    public func missingValue(_ what: StaticString) -> XMLDecodingError {
        error(.missingValue, "missing \(what)")
    }

    /// A required simple value: the value, a reported placeholder when tolerated, or `missingValue`.
    @inlinable
    public func require<T: XSDSimpleValue>(_ value: T?, _ what: StaticString) throws(XMLDecodingError) -> T {
        if let value { return value }
        guard let placeholder = placeholder(T.self, what) else { throw missingValue(what) }
        return placeholder
    }

    /// A required list: missing is an empty list when tolerated.
    @inlinable
    public func require<T: XSDSimpleValue>(_ value: [T]?, _ what: StaticString) throws(XMLDecodingError) -> [T] {
        if let value { return value }
        guard emptyListPlaceholder(what) else { throw missingValue(what) }
        return []
    }

    /// A required element of a generated type: missing is what an empty element decodes to,
    /// when tolerated.
    @inlinable
    public func require<T: XMLElementDecodable>(_ value: T?, _ what: StaticString) throws(XMLDecodingError) -> T {
        if let value { return value }
        guard let placeholder = placeholder(T.self, what) else { throw missingValue(what) }
        return placeholder
    }

    /// Anything else (a choice, open content, a nillable value): no placeholder.
    @inlinable
    public func require<T>(_ value: T?, _ what: StaticString) throws(XMLDecodingError) -> T {
        guard let value else { throw missingValue(what) }
        return value
    }

    /// Whether the current element's namespace is one `wildcard` accepts.
    public func matches(_ wildcard: XMLWildcard) -> Bool {
        switch wildcard {
        case .any:
            return true
        case .other(let target):
            return hasNamespace && !namespaceIs(target)
        case .list(let namespaces):
            return namespaces.contains { namespaceIs($0) }
        }
    }

    /// Whether the attribute the reader is on is open content `wildcard` accepts (never an
    /// `xsi:` or `xml:` attribute).
    public func isOpenAttribute(_ wildcard: XMLWildcard) -> Bool {
        !isInfrastructureAttribute && matches(wildcard)
    }
}

@_spi(Generated)
extension XMLWriter {
    /// On the element just opened, what makes it a SOAP 1.1 encoded array of `count` items of
    /// `itemType`: `xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[3]"`, the prefixes
    /// declared where none is in scope (Axis 1 and .NET read the item type from it).
    public mutating func soapArrayType(_ itemType: XMLName, count: Int) {
        let encoding = SOAPMultiReferences.soap11Encoding
        let encodingPrefix = prefixDeclaringIfNeeded(encoding, preferred: "soapenc")
        let item = itemType.namespace.isEmpty ? itemType.localName : "\(prefixDeclaringIfNeeded(itemType.namespace)):\(itemType.localName)"
        attribute(XMLName("http://www.w3.org/2001/XMLSchema-instance", "type"), "\(encodingPrefix):Array")
        attribute(XMLName(encoding, "arrayType"), "\(item)[\(count)]")
    }
}
