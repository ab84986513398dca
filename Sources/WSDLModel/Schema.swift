/// The XML Schema part of the IR: every global component of every schema read, keyed by
/// qualified name, in XSD terms (no Swift naming). Schemas that share a target namespace are
/// merged here; the per-document defaults that matter for coding (form, documentation) are
/// already resolved onto each component.
public struct SchemaSet: Sendable, Hashable, Codable {
    /// One entry per target namespace read (merged across documents).
    public var namespaces: [String: SchemaNamespace]
    public var elements: [QName: ElementDeclaration]
    public var complexTypes: [QName: ComplexType]
    public var simpleTypes: [QName: SimpleType]
    public var groups: [QName: NamedModelGroup]
    public var attributeGroups: [QName: AttributeGroup]
    public var attributes: [QName: AttributeDeclaration]
    /// Namespaces imported from a document that declares another target namespace: nothing
    /// was read for them, and a component from one of them is an error only where it is used.
    public var unavailableNamespaces: [String: UnavailableNamespace] = [:]

    public init(
        namespaces: [String: SchemaNamespace] = [:],
        elements: [QName: ElementDeclaration] = [:],
        complexTypes: [QName: ComplexType] = [:],
        simpleTypes: [QName: SimpleType] = [:],
        groups: [QName: NamedModelGroup] = [:],
        attributeGroups: [QName: AttributeGroup] = [:],
        attributes: [QName: AttributeDeclaration] = [:]
    ) {
        self.namespaces = namespaces
        self.elements = elements
        self.complexTypes = complexTypes
        self.simpleTypes = simpleTypes
        self.groups = groups
        self.attributeGroups = attributeGroups
        self.attributes = attributes
    }
}

/// Why an imported namespace has no components: the import and what was wrong with it.
public struct UnavailableNamespace: Sendable, Hashable, Codable {
    /// What happened, e.g. "'ext/envelope' has targetNamespace 'A', but is imported for namespace 'B'".
    public var reason: String
    /// The import.
    public var location: SourceLocation?

    public init(reason: String, location: SourceLocation?) {
        self.reason = reason
        self.location = location
    }
}

/// What the schema documents of one target namespace declare about themselves.
public struct SchemaNamespace: Sendable, Hashable, Codable {
    public var targetNamespace: String
    /// Documents that contributed to this namespace, in reading order.
    public var documents: [String]
    /// The first prefix the documents bound to this namespace, if any (a naming hint only).
    public var preferredPrefix: String?
    public var elementFormDefault: Form
    public var attributeFormDefault: Form

    public init(targetNamespace: String, documents: [String], preferredPrefix: String?, elementFormDefault: Form, attributeFormDefault: Form) {
        self.targetNamespace = targetNamespace
        self.documents = documents
        self.preferredPrefix = preferredPrefix
        self.elementFormDefault = elementFormDefault
        self.attributeFormDefault = attributeFormDefault
    }
}

/// `form`, `elementFormDefault`, `attributeFormDefault`.
public enum Form: String, Sendable, Hashable, Codable {
    case qualified, unqualified
}

/// `minOccurs`/`maxOccurs`; `max == nil` is `unbounded`.
public struct Occurs: Sendable, Hashable, Codable, CustomStringConvertible {
    public var min: Int
    public var max: Int?

    public init(min: Int = 1, max: Int? = 1) {
        self.min = min
        self.max = max
    }

    public static let one = Occurs(min: 1, max: 1)
    public static let optional = Occurs(min: 0, max: 1)
    public static let many = Occurs(min: 0, max: nil)

    public var isRepeated: Bool { max.map { $0 > 1 } ?? true }
    public var isOptional: Bool { min == 0 }
    public var description: String { "\(min)..\(max.map(String.init) ?? "n")" }
}

/// A reference to a type: by name, or an anonymous type defined in place.
public indirect enum TypeReference: Sendable, Hashable, Codable {
    case named(QName)
    case anonymousComplex(ComplexType)
    case anonymousSimple(SimpleType)
}

/// An element declaration, global or local. For a local element `name.namespace` is already
/// resolved from `form`/`elementFormDefault` (empty when unqualified).
public struct ElementDeclaration: Sendable, Hashable, Codable {
    public var name: QName
    public var isGlobal: Bool
    public var form: Form
    /// `nil` when the declaration names no type (the ur-type, `xs:anyType`).
    public var type: TypeReference?
    public var isNillable: Bool
    public var isAbstract: Bool
    public var defaultValue: String?
    public var fixedValue: String?
    public var substitutionGroup: QName?
    public var documentation: String?
    public var location: SourceLocation

    public init(
        name: QName, isGlobal: Bool, form: Form, type: TypeReference?, isNillable: Bool = false,
        isAbstract: Bool = false, defaultValue: String? = nil, fixedValue: String? = nil,
        substitutionGroup: QName? = nil, documentation: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.isGlobal = isGlobal
        self.form = form
        self.type = type
        self.isNillable = isNillable
        self.isAbstract = isAbstract
        self.defaultValue = defaultValue
        self.fixedValue = fixedValue
        self.substitutionGroup = substitutionGroup
        self.documentation = documentation
        self.location = location
    }
}

/// A term of a content model with its occurrence.
public indirect enum Particle: Sendable, Hashable, Codable {
    /// A local element declaration.
    case element(ElementDeclaration, Occurs)
    /// `<xs:element ref="...">`.
    case elementReference(QName, Occurs, SourceLocation)
    /// A nested sequence, choice or all.
    case group(ModelGroup)
    /// `<xs:group ref="...">`.
    case groupReference(QName, Occurs, SourceLocation)
    /// `<xs:any>`.
    case any(Wildcard)

    public var occurs: Occurs {
        switch self {
        case .element(_, let o), .elementReference(_, let o, _), .groupReference(_, let o, _): return o
        case .group(let g): return g.occurs
        case .any(let w): return w.occurs
        }
    }
}

/// `xs:sequence`, `xs:choice` or `xs:all`.
public struct ModelGroup: Sendable, Hashable, Codable {
    public enum Compositor: String, Sendable, Hashable, Codable {
        case sequence, choice, all
    }

    public var compositor: Compositor
    public var occurs: Occurs
    public var particles: [Particle]
    public var location: SourceLocation

    public init(compositor: Compositor, occurs: Occurs = .one, particles: [Particle], location: SourceLocation) {
        self.compositor = compositor
        self.occurs = occurs
        self.particles = particles
        self.location = location
    }
}

/// `xs:any` or `xs:anyAttribute`.
public struct Wildcard: Sendable, Hashable, Codable {
    /// The `namespace` attribute, with `##targetNamespace` and `##local` already resolved.
    public enum NamespaceConstraint: Sendable, Hashable, Codable {
        /// `##any`
        case any
        /// `##other`: any namespace except the given target namespace (and, per XSD 1.0, no namespace).
        case other(String)
        /// An explicit list; the empty string stands for `##local` (no namespace).
        case list([String])
    }

    public enum ProcessContents: String, Sendable, Hashable, Codable {
        case strict, lax, skip
    }

    public var namespaces: NamespaceConstraint
    public var processContents: ProcessContents
    /// For `xs:anyAttribute`, always `.one`.
    public var occurs: Occurs
    public var location: SourceLocation

    public init(namespaces: NamespaceConstraint, processContents: ProcessContents, occurs: Occurs, location: SourceLocation) {
        self.namespaces = namespaces
        self.processContents = processContents
        self.occurs = occurs
        self.location = location
    }

    /// Whether an element or attribute in `namespace` is allowed.
    public func allows(namespace: String) -> Bool {
        switch namespaces {
        case .any: return true
        case .other(let target): return !namespace.isEmpty && namespace != target
        case .list(let list): return list.contains(namespace)
        }
    }
}

/// A named `xs:group`.
public struct NamedModelGroup: Sendable, Hashable, Codable {
    public var name: QName
    public var group: ModelGroup
    public var documentation: String?
    public var location: SourceLocation

    public init(name: QName, group: ModelGroup, documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.group = group
        self.documentation = documentation
        self.location = location
    }
}

/// An attribute declaration. For a local attribute `name.namespace` is already resolved from
/// `form`/`attributeFormDefault` (empty when unqualified, the usual case).
public struct AttributeDeclaration: Sendable, Hashable, Codable {
    public var name: QName
    public var isGlobal: Bool
    /// `nil` means `xs:anySimpleType`.
    public var type: SimpleTypeReference?
    public var defaultValue: String?
    public var fixedValue: String?
    public var documentation: String?
    public var location: SourceLocation

    public init(name: QName, isGlobal: Bool, type: SimpleTypeReference?, defaultValue: String? = nil, fixedValue: String? = nil, documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.isGlobal = isGlobal
        self.type = type
        self.defaultValue = defaultValue
        self.fixedValue = fixedValue
        self.documentation = documentation
        self.location = location
    }
}

/// `use` of an attribute in a complex type.
public enum AttributeUseKind: String, Sendable, Hashable, Codable {
    case optional, required, prohibited
}

/// An attribute in a complex type or attribute group.
public enum AttributeUse: Sendable, Hashable, Codable {
    case attribute(AttributeDeclaration, AttributeUseKind)
    /// `<xs:attribute ref="...">`; default/fixed given on the reference are kept.
    case reference(QName, AttributeUseKind, defaultValue: String?, fixedValue: String?, SourceLocation)
    /// `<xs:attributeGroup ref="...">`.
    case groupReference(QName, SourceLocation)
}

/// A named `xs:attributeGroup`.
public struct AttributeGroup: Sendable, Hashable, Codable {
    public var name: QName
    public var attributes: [AttributeUse]
    public var anyAttribute: Wildcard?
    public var location: SourceLocation

    public init(name: QName, attributes: [AttributeUse], anyAttribute: Wildcard?, location: SourceLocation) {
        self.name = name
        self.attributes = attributes
        self.anyAttribute = anyAttribute
        self.location = location
    }
}

/// `xs:extension` or `xs:restriction` of a complex type.
public struct Derivation: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        case `extension`, restriction
    }

    /// `simpleContent` or `complexContent`.
    public enum ContentKind: String, Sendable, Hashable, Codable {
        case simple, complex
    }

    public var method: Method
    public var contentKind: ContentKind
    public var base: QName
    public var location: SourceLocation

    public init(method: Method, contentKind: ContentKind, base: QName, location: SourceLocation) {
        self.method = method
        self.contentKind = contentKind
        self.base = base
        self.location = location
    }
}

/// What a restriction of `soapenc:Array` says about its items: the type of
/// `wsdl:arrayType="tns:Item[]"` on its `soapenc:arrayType` attribute, or of the one element
/// its content declares.
public struct SOAPArrayDeclaration: Sendable, Hashable, Codable {
    /// The items' type; `xs:anyType` when the declaration names none.
    public var itemType: QName
    /// The brackets after the item type as written (`[]`, `[,]`, `[][]`).
    public var dimensions: String
    public var location: SourceLocation

    public init(itemType: QName, dimensions: String = "[]", location: SourceLocation) {
        self.itemType = itemType
        self.dimensions = dimensions
        self.location = location
    }

    /// A one-dimensional array of single items (`T[]`), the only kind generated.
    public var isOneDimensional: Bool { dimensions == "[]" }
}

/// A complex type definition, named or anonymous.
public struct ComplexType: Sendable, Hashable, Codable {
    /// `nil` for an anonymous type.
    public var name: QName?
    public var isAbstract: Bool
    public var isMixed: Bool
    /// `nil` when the type derives from nothing (implicitly restricts `xs:anyType`).
    public var derivation: Derivation?
    /// The content model this definition declares (for an extension: what it adds to the base).
    public var content: Particle?
    /// Facets of a `simpleContent` restriction.
    public var simpleContentFacets: Facets?
    public var attributes: [AttributeUse]
    public var anyAttribute: Wildcard?
    /// Set when the type restricts SOAP 1.1 encoding's `soapenc:Array` (section 5.4.2).
    public var soapArray: SOAPArrayDeclaration?
    public var documentation: String?
    public var location: SourceLocation

    public init(
        name: QName?, isAbstract: Bool = false, isMixed: Bool = false, derivation: Derivation? = nil,
        content: Particle?, simpleContentFacets: Facets? = nil, attributes: [AttributeUse] = [],
        anyAttribute: Wildcard? = nil, documentation: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.isAbstract = isAbstract
        self.isMixed = isMixed
        self.derivation = derivation
        self.content = content
        self.simpleContentFacets = simpleContentFacets
        self.attributes = attributes
        self.anyAttribute = anyAttribute
        self.documentation = documentation
        self.location = location
    }
}

/// A reference to a simple type: by name, or an anonymous one defined in place.
public indirect enum SimpleTypeReference: Sendable, Hashable, Codable {
    case named(QName)
    case anonymous(SimpleType)
}

/// A simple type definition, named or anonymous.
public struct SimpleType: Sendable, Hashable, Codable {
    public enum Variety: Sendable, Hashable, Codable {
        /// `xs:restriction` of `base` with facets.
        case atomic(base: SimpleTypeReference, facets: Facets)
        /// `xs:list` of `itemType`.
        case list(itemType: SimpleTypeReference)
        /// `xs:union` of member types.
        case union(memberTypes: [SimpleTypeReference])
    }

    public var name: QName?
    public var variety: Variety
    public var documentation: String?
    public var location: SourceLocation

    public init(name: QName?, variety: Variety, documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.variety = variety
        self.documentation = documentation
        self.location = location
    }
}

/// One `xs:enumeration` value with its documentation.
public struct EnumerationValue: Sendable, Hashable, Codable {
    public var value: String
    public var documentation: String?
    public var location: SourceLocation

    public init(value: String, documentation: String? = nil, location: SourceLocation) {
        self.value = value
        self.documentation = documentation
        self.location = location
    }
}

/// Constraining facets of a restriction.
public struct Facets: Sendable, Hashable, Codable {
    public var enumerations: [EnumerationValue] = []
    public var patterns: [String] = []
    public var length: Int?
    public var minLength: Int?
    public var maxLength: Int?
    public var minInclusive: String?
    public var maxInclusive: String?
    public var minExclusive: String?
    public var maxExclusive: String?
    public var totalDigits: Int?
    public var fractionDigits: Int?
    public var whiteSpace: String?

    public init() {}

    public var isEmpty: Bool { self == Facets() }
}
