import WSDLModel

/// What a QName-valued attribute refers to.
enum ReferenceKind: Hashable {
    /// A simple or complex type (`type` of an element or part, `base`).
    case type
    /// A simple type (`type` of an attribute, `itemType`, `memberTypes`, simple `base`).
    case simpleType
    case element, attribute, group, attributeGroup
    case message, portType, binding

    /// A schema component (not a WSDL one).
    var isSchemaComponent: Bool {
        switch self {
        case .type, .simpleType, .element, .attribute, .group, .attributeGroup: return true
        case .message, .portType, .binding: return false
        }
    }

    /// How a diagnostic names it.
    var noun: String {
        switch self {
        case .type, .simpleType: return "type"
        case .element: return "element"
        case .attribute: return "attribute"
        case .group: return "group"
        case .attributeGroup: return "attribute group"
        case .message: return "message"
        case .portType: return "port type"
        case .binding: return "binding"
        }
    }
}

/// A QName written in a document, kept with its spelling for diagnostics.
struct Reference {
    var kind: ReferenceKind
    var name: QName
    /// The QName as written, `prefix:local`.
    var written: String
    var location: SourceLocation
}

/// Checks, once every document is read, that each reference names a component that exists,
/// and reports the others like a compiler: `file:line:column: error: unknown type 'ans:X'`.
struct ReferenceValidator {
    let session: ParseSession

    func validate() {
        var reported: Set<String> = []
        for reference in session.references {
            guard let message = problem(with: reference) else { continue }
            // Into a namespace whose import was ignored: an error only where the generator uses it.
            if session.schemas.unavailableNamespaces[reference.name.namespace] != nil, reference.kind.isSchemaComponent { continue }
            let key = "\(reference.location)|\(message)"
            guard reported.insert(key).inserted else { continue }
            session.error(message, at: reference.location)
        }
    }

    private func problem(with reference: Reference) -> String? {
        let name = reference.name
        let schemas = session.schemas
        let unknown = "unknown \(reference.kind.noun) '\(reference.written)'"
        if name.namespace == Namespaces.apacheSOAP, reference.kind == .type {
            return SOAPEncodingComponents.apacheTypes.contains(name.localName) ? nil : unknown + " (Apache SOAP defines no such type)"
        }
        if name.namespace == Namespaces.soap11Encoding, reference.kind.isSchemaComponent {
            return SOAPEncodingComponents.isDefined(name.localName, as: reference.kind) ? nil : unknown + " (SOAP 1.1 encoding defines no such component)"
        }
        switch reference.kind {
        case .type:
            if BuiltinTypes.isBuiltin(name) { return nil }
            return schemas.complexTypes[name] != nil || schemas.simpleTypes[name] != nil ? nil : unknown
        case .simpleType:
            if BuiltinTypes.isBuiltin(name) {
                return name.localName == "anyType" ? "'\(reference.written)' is not a simple type" : nil
            }
            if schemas.simpleTypes[name] != nil { return nil }
            if schemas.complexTypes[name] != nil { return "'\(reference.written)' is a complex type, expected a simple type" }
            return unknown
        case .element:
            return schemas.elements[name] != nil ? nil : unknown
        case .attribute:
            if name.namespace == Namespaces.xml, BuiltinTypes.xmlAttributes.contains(name.localName) { return nil }
            return schemas.attributes[name] != nil ? nil : unknown
        case .group:
            return schemas.groups[name] != nil ? nil : unknown
        case .attributeGroup:
            return schemas.attributeGroups[name] != nil ? nil : unknown
        case .message:
            return session.messages[name] != nil ? nil : unknown
        case .portType:
            return session.portTypes[name] != nil ? nil : unknown
        case .binding:
            return session.bindings[name] != nil ? nil : unknown
        }
    }
}

/// The components of SOAP 1.1 encoding's schema (`http://schemas.xmlsoap.org/soap/encoding/`),
/// built in: WSDLs import it from its remote location, which nobody ships beside them.
enum SOAPEncodingComponents {
    /// Apache SOAP's types Axis 1 WSDLs use (content kept whole by the generator).
    static let apacheTypes: Set<String> = ["Map", "Vector", "Element", "Document", "DataHandler", "mapItem", "Hashtable"]

    /// `soapenc:Array`, `soapenc:Struct`, `soapenc:base64`, and one type per XSD built-in
    /// (`soapenc:string` is `xs:string` with `id`/`href`); each also a global element.
    static func isDefined(_ localName: String, as kind: ReferenceKind) -> Bool {
        switch kind {
        case .type, .element:
            return ["Array", "Struct", "base64"].contains(localName) || BuiltinTypes.names.contains(localName)
        case .simpleType:
            return localName == "base64" || BuiltinTypes.names.contains(localName)
        case .attribute:
            return ["arrayType", "offset", "position", "id", "href", "root"].contains(localName)
        case .attributeGroup:
            return ["commonAttributes", "arrayAttributes", "arrayMemberAttributes"].contains(localName)
        case .group:
            return localName == "Array"
        case .message, .portType, .binding:
            return false
        }
    }
}
