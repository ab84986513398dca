import WSDLModel

/// The built-in datatypes of XML Schema 1.0, which need no definition.
enum BuiltinTypes {
    static let names: Set<String> = [
        "anyType", "anySimpleType",
        "string", "boolean", "decimal", "float", "double", "duration", "dateTime", "time", "date",
        "gYearMonth", "gYear", "gMonthDay", "gDay", "gMonth", "hexBinary", "base64Binary", "anyURI",
        "QName", "NOTATION",
        "normalizedString", "token", "language", "NMTOKEN", "NMTOKENS", "Name", "NCName", "ID", "IDREF",
        "IDREFS", "ENTITY", "ENTITIES",
        "integer", "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
        "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger",
    ]

    /// Attributes of the `xml:` namespace, usable by `ref` without importing xml.xsd.
    static let xmlAttributes: Set<String> = Set(xmlAttributeTypes.keys)
    /// Their types (`xml:space` is an enumeration of `default`/`preserve`; kept a string).
    static let xmlAttributeTypes: [String: String] = ["lang": "language", "space": "NCName", "base": "anyURI", "id": "ID"]

    static func isBuiltin(_ name: QName) -> Bool {
        name.namespace == Namespaces.xsd && names.contains(name.localName)
    }
}
