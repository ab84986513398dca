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
        var encodingUses: [String: [Reference]] = [:]
        for reference in session.references {
            guard let message = problem(with: reference) else { continue }
            // Into a namespace whose import was ignored: an error only where the generator uses it.
            if session.schemas.unavailableNamespaces[reference.name.namespace] != nil, reference.kind.isSchemaComponent { continue }
            // SOAP encoding's types: one error per document, not one per array.
            if reference.name.namespace == Namespaces.soap11Encoding, reference.kind.isSchemaComponent {
                encodingUses[reference.location.file, default: []].append(reference)
                continue
            }
            let key = "\(reference.location)|\(message)"
            guard reported.insert(key).inserted else { continue }
            session.error(message, at: reference.location)
        }
        for file in encodingUses.keys.sorted() {
            guard let uses = encodingUses[file], let first = uses.first else { continue }
            let names = Set(uses.map(\.written)).sorted()
            let more = uses.count > 1 ? " (\(uses.count) uses in this document)" : ""
            session.error(
                "\(names.map { "'\($0)'" }.joined(separator: ", ")) \(names.count == 1 ? "belongs" : "belong") to SOAP 1.1 section 5 encoding\(more); SOAP encoding (rpc/encoded, soapenc:Array) is not supported, only literal messages",
                at: first.location)
        }
    }

    private func problem(with reference: Reference) -> String? {
        let name = reference.name
        let schemas = session.schemas
        let unknown = "unknown \(reference.kind.noun) '\(reference.written)'"
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
