import WSDLModel

/// How an XML Schema built-in type is represented in Swift.
struct BuiltinMapping: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A single `XSDSimpleValue`.
        case value
        /// A whitespace-separated list of `XSDSimpleValue`s.
        case list
        /// `xs:anyType`: the element kept as open content.
        case anyElement
    }

    var swiftType: String
    var kind: Kind
}

/// The table of XML Schema built-in types and their Swift types.
enum BuiltinTypes {
    static func mapping(for name: QName) -> BuiltinMapping? {
        if name.namespace == Namespaces.soap11Encoding { return soapEncodingMapping(name.localName) }
        // Apache SOAP's Map, Vector, Element, DataHandler: content kept whole.
        if name.namespace == Namespaces.apacheSOAP { return BuiltinMapping(swiftType: "XMLAnyElement", kind: .anyElement) }
        guard name.namespace == Namespaces.xsd else { return nil }
        if let swift = values[name.localName] { return BuiltinMapping(swiftType: swift, kind: .value) }
        if let item = lists[name.localName] { return BuiltinMapping(swiftType: item, kind: .list) }
        if name.localName == "anyType" { return BuiltinMapping(swiftType: "XMLAnyElement", kind: .anyElement) }
        return nil
    }

    /// SOAP 1.1 encoding's types (built in, see `SOAPEncodingComponents` in WSDLParser): one
    /// per XSD built-in, `soapenc:base64`, and `soapenc:Array`/`soapenc:Struct` used as types
    /// themselves (not restricted), whose content is kept whole.
    private static func soapEncodingMapping(_ localName: String) -> BuiltinMapping? {
        switch localName {
        case "Array", "Struct": return BuiltinMapping(swiftType: "XMLAnyElement", kind: .anyElement)
        case "base64": return mapping(for: QName(Namespaces.xsd, "base64Binary"))
        default: return mapping(for: QName(Namespaces.xsd, localName))
        }
    }

    /// Built-in types that map to one Swift value type.
    static let values: [String: String] = [
        "string": "String", "normalizedString": "String", "token": "String", "language": "String",
        "Name": "String", "NCName": "String", "ID": "String", "IDREF": "String", "ENTITY": "String",
        "NMTOKEN": "String", "anyURI": "String", "anySimpleType": "String", "NOTATION": "String",
        "boolean": "Bool",
        "byte": "Int8", "short": "Int16", "int": "Int32", "long": "Int64",
        "unsignedByte": "UInt8", "unsignedShort": "UInt16", "unsignedInt": "UInt32", "unsignedLong": "UInt64",
        "integer": "XSDInteger", "nonNegativeInteger": "XSDInteger", "positiveInteger": "XSDInteger",
        "nonPositiveInteger": "XSDInteger", "negativeInteger": "XSDInteger",
        "decimal": "XSDDecimal", "float": "Float", "double": "Double",
        "dateTime": "XSDDateTime", "date": "XSDDate", "time": "XSDTime", "duration": "XSDDuration",
        "gYear": "String", "gYearMonth": "String", "gMonth": "String", "gMonthDay": "String", "gDay": "String",
        "base64Binary": "XSDBase64Binary", "hexBinary": "XSDHexBinary", "QName": "XSDQName",
    ]

    /// Built-in list types and their item types.
    static let lists: [String: String] = ["NMTOKENS": "String", "IDREFS": "String", "ENTITIES": "String"]
}
