import WSDLModel

/// Pass: the Swift names of what the generated code declares, and the prefix of each
/// namespace on the wire. Names are chosen in a fixed order (anonymous-typed global elements,
/// complex types, enumerations, then unions, each sorted by QName), so that they do not depend
/// on the order of the documents, and are unique across the module (`Type`, `Type2`, ...).
struct TypeNaming: Sendable {
    /// Named complex types → their struct.
    private(set) var complexTypeNames: [QName: String] = [:]
    /// Simple types with enumeration facets → their enum.
    private(set) var enumTypeNames: [QName: String] = [:]
    /// Unions whose members map to different Swift types → their enum (see ``nameUnion(_:)``).
    private(set) var unionTypeNames: [QName: String] = [:]
    /// Global elements of anonymous complex type → their struct.
    private(set) var elementTypeNames: [QName: String] = [:]
    /// Namespace URI → prefix (the schema's preferred one where free, else `ns1`, `ns2`, ...).
    private(set) var namespacePrefixes: [String: String] = [:]
    private var used: Set<String> = []

    /// No names yet.
    init() {}

    init(schemas: SchemaSet, reach: Reachability.Result) {
        assignPrefixes(schemas: schemas, elements: reach.elements)
        for name in reach.elements.sorted() {
            if case .anonymousComplex = schemas.elements[name]?.type { elementTypeNames[name] = claim(name) }
        }
        for name in reach.complexTypes.sorted() { complexTypeNames[name] = claim(name) }
        for name in reach.simpleTypes.sorted() {
            if let st = schemas.simpleTypes[name], Self.isEnumeration(st) { enumTypeNames[name] = claim(name) }
        }
    }

    /// Names the union `name` (called once its members are known to need an enum).
    mutating func nameUnion(_ name: QName) -> String {
        let swiftName = claim(name)
        unionTypeNames[name] = swiftName
        return swiftName
    }

    /// A simple type with enumeration facets (an enum).
    static func isEnumeration(_ type: SimpleType) -> Bool {
        if case .atomic(_, let facets) = type.variety { return !facets.enumerations.isEmpty }
        return false
    }

    private mutating func claim(_ name: QName) -> String {
        SwiftNaming.unique(SwiftNaming.typeName(name.localName), in: &used)
    }

    /// Prefixes specifications use for their namespaces, for schemas that declare a generic one.
    static let conventionalPrefixes: [String: String] = [
        "http://www.w3.org/2005/08/addressing": "wsa",
        "http://docs.oasis-open.org/wsn/b-2": "wsnt",
        "http://docs.oasis-open.org/wsn/t-1": "wstop",
        "http://docs.oasis-open.org/wsrf/bf-2": "wsrf-bf",
        "http://docs.oasis-open.org/wsrf/r-2": "wsrf-r",
    ]

    /// A prefix for each namespace that names elements or attributes on the wire.
    private mutating func assignPrefixes(schemas: SchemaSet, elements: Set<QName>) {
        var namespaces = Set(elements.map(\.namespace))
        for ct in schemas.complexTypes.values {
            if let name = ct.name, !name.namespace.isEmpty, schemas.namespaces[name.namespace]?.elementFormDefault == .qualified {
                namespaces.insert(name.namespace)
            }
        }
        namespaces.remove("")
        var usedPrefixes = Set<String>()
        for namespace in namespaces.sorted() {
            var prefix = schemas.namespaces[namespace]?.preferredPrefix ?? ""
            // A schema's own generic prefix (`tns`, or none) says nothing; where the namespace
            // has a conventional one, messages read better with it (`wsa:Action`).
            if prefix.isEmpty || prefix == "tns", let conventional = Self.conventionalPrefixes[namespace], !usedPrefixes.contains(conventional) {
                prefix = conventional
            }
            if prefix.isEmpty || prefix.hasPrefix("xml") || usedPrefixes.contains(prefix) {
                var n = 1
                repeat {
                    prefix = "ns\(n)"
                    n += 1
                } while usedPrefixes.contains(prefix)
            }
            usedPrefixes.insert(prefix)
            namespacePrefixes[namespace] = prefix
        }
    }
}
