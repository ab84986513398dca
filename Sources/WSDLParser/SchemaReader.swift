import WSDLModel

/// Reads the components of one `xs:schema` element into the session's `SchemaSet`.
struct SchemaReader {
    let session: ParseSession
    let context: SchemaContext
    let xs = Namespaces.xsd

    var targetNamespace: String { context.targetNamespace }

    // MARK: Global components

    func readGlobal(_ node: XMLNode) {
        guard let name = globalName(node) else { return }
        switch node.localName {
        case "element":
            guard session.define(.element, name, at: node.location) else { return }
            session.schemas.elements[name] = element(node, isGlobal: true)
        case "complexType":
            guard session.define(.type, name, at: node.location) else { return }
            session.schemas.complexTypes[name] = complexType(node, name: name)
        case "simpleType":
            guard session.define(.type, name, at: node.location) else { return }
            session.schemas.simpleTypes[name] = simpleType(node, name: name)
        case "group":
            guard session.define(.group, name, at: node.location) else { return }
            if let group = namedGroup(node, name: name) { session.schemas.groups[name] = group }
        case "attributeGroup":
            guard session.define(.attributeGroup, name, at: node.location) else { return }
            session.schemas.attributeGroups[name] = attributeGroup(node, name: name)
        case "attribute":
            guard session.define(.attribute, name, at: node.location) else { return }
            session.schemas.attributes[name] = attribute(node, isGlobal: true)
        default:
            return
        }
    }

    private func globalName(_ node: XMLNode) -> QName? {
        guard let name = node.attribute("name")?.trimmingXMLWhitespace(), !name.isEmpty else {
            session.error("global xs:\(node.localName) needs a name", at: node.location)
            return nil
        }
        return QName(targetNamespace, name)
    }

    private func namedGroup(_ node: XMLNode, name: QName) -> NamedModelGroup? {
        let compositors = node.children(xs).filter { ["sequence", "choice", "all"].contains($0.localName) }
        checkChildren(node, allowed: ["annotation", "sequence", "choice", "all"])
        guard let compositor = compositors.first else {
            session.error("xs:group '\(name.localName)' needs a sequence, choice or all", at: node.location)
            return nil
        }
        return NamedModelGroup(name: name, group: modelGroup(compositor), documentation: documentation(node), location: node.location)
    }

    private func attributeGroup(_ node: XMLNode, name: QName) -> AttributeGroup {
        var group = AttributeGroup(name: name, attributes: [], anyAttribute: nil, location: node.location)
        for child in node.children(xs) {
            switch child.localName {
            case "attribute", "attributeGroup":
                if let use = attributeUse(child) { group.attributes.append(use) }
            case "anyAttribute":
                group.anyAttribute = wildcard(child, occurs: .one)
            case "annotation":
                continue
            default:
                unexpected(child, in: node)
            }
        }
        return group
    }

    // MARK: Elements

    func element(_ node: XMLNode, isGlobal: Bool) -> ElementDeclaration {
        let localName = node.attribute("name")?.trimmingXMLWhitespace() ?? ""
        if localName.isEmpty { session.error("xs:element needs a name or a ref", at: node.location) }
        let form: Form = isGlobal ? .qualified : session.form(node, "form") ?? context.elementFormDefault
        let namespace = form == .qualified ? targetNamespace : ""
        checkChildren(node, allowed: ["annotation", "complexType", "simpleType", "key", "keyref", "unique"])
        return ElementDeclaration(
            name: QName(namespace, localName), isGlobal: isGlobal, form: form, type: typeReference(node),
            isNillable: boolean(node, "nillable"), isAbstract: boolean(node, "abstract"),
            defaultValue: node.attribute("default"), fixedValue: node.attribute("fixed"),
            substitutionGroup: reference(node, "substitutionGroup", .element),
            documentation: documentation(node), location: node.location
        )
    }

    private func typeReference(_ node: XMLNode) -> TypeReference? {
        let complex = node.firstChild(xs, "complexType")
        let simple = node.firstChild(xs, "simpleType")
        if node.attribute("type") != nil {
            if complex != nil || simple != nil {
                session.error("xs:\(node.localName) has both a type attribute and an anonymous type", at: node.location)
            }
            return reference(node, "type", .type).map(TypeReference.named)
        }
        if let complex { return .anonymousComplex(complexType(complex, name: nil)) }
        if let simple { return .anonymousSimple(simpleType(simple, name: nil)) }
        return nil
    }

    // MARK: Content models

    func particle(_ node: XMLNode) -> Particle? {
        switch node.localName {
        case "element":
            let occurs = occurs(node)
            if let written = node.attribute("ref") {
                // .NET's DataSet pattern, `<s:element ref="s:schema"/><s:any/>`: an inline schema
                // travels in the message. Kept as open content.
                if node.resolve(qualifiedName: written) == QName(Namespaces.xsd, "schema") {
                    return .any(Wildcard(namespaces: .list([Namespaces.xsd]), processContents: .lax, occurs: occurs, location: node.location))
                }
                guard let name = reference(node, "ref", .element) else { return nil }
                return .elementReference(name, occurs, node.location)
            }
            return .element(element(node, isGlobal: false), occurs)
        case "sequence", "choice", "all":
            return .group(modelGroup(node))
        case "group":
            guard node.attribute("ref") != nil else {
                session.error("a local xs:group needs a ref", at: node.location)
                return nil
            }
            guard let name = reference(node, "ref", .group) else { return nil }
            return .groupReference(name, occurs(node), node.location)
        case "any":
            return .any(wildcard(node, occurs: occurs(node)))
        default:
            return nil
        }
    }

    func modelGroup(_ node: XMLNode) -> ModelGroup {
        let compositor = ModelGroup.Compositor(rawValue: node.localName) ?? .sequence
        var particles: [Particle] = []
        for child in node.children(xs) {
            if child.localName == "annotation" { continue }
            let allowed = compositor == .all ? ["element"] : ["element", "sequence", "choice", "group", "any"]
            guard allowed.contains(child.localName) else {
                unexpected(child, in: node)
                continue
            }
            if let particle = particle(child) { particles.append(particle) }
        }
        return ModelGroup(compositor: compositor, occurs: occurs(node), particles: particles, location: node.location)
    }

    func wildcard(_ node: XMLNode, occurs: Occurs) -> Wildcard {
        let written = node.attribute("namespace")?.trimmingXMLWhitespace() ?? "##any"
        let constraint: Wildcard.NamespaceConstraint
        switch written {
        case "##any": constraint = .any
        case "##other": constraint = .other(targetNamespace)
        default:
            constraint = .list(written.xmlTokens.map { token in
                switch token {
                case "##targetNamespace": return targetNamespace
                case "##local": return ""
                default: return token
                }
            })
        }
        var processContents = Wildcard.ProcessContents.strict
        if let value = node.attribute("processContents") {
            if let parsed = Wildcard.ProcessContents(rawValue: value.trimmingXMLWhitespace()) {
                processContents = parsed
            } else {
                session.error("invalid processContents '\(value)': expected 'strict', 'lax' or 'skip'", at: node.location)
            }
        }
        return Wildcard(namespaces: constraint, processContents: processContents, occurs: occurs, location: node.location)
    }

    func occurs(_ node: XMLNode) -> Occurs {
        var result = Occurs.one
        if let value = node.attribute("minOccurs") {
            if let min = Int(value.trimmingXMLWhitespace()), min >= 0 {
                result.min = min
            } else {
                session.error("invalid minOccurs '\(value)'", at: node.location)
            }
        }
        if let value = node.attribute("maxOccurs") {
            let trimmed = value.trimmingXMLWhitespace()
            if trimmed == "unbounded" {
                result.max = nil
            } else if let max = Int(trimmed), max >= 0 {
                result.max = max
            } else {
                session.error("invalid maxOccurs '\(value)'", at: node.location)
            }
        }
        if let max = result.max, max < result.min {
            session.error("maxOccurs \(max) is less than minOccurs \(result.min)", at: node.location)
        }
        return result
    }

    // MARK: Helpers

    func reference(_ node: XMLNode, _ attribute: String, _ kind: ReferenceKind) -> QName? {
        session.reference(node, attribute, kind, chameleonNamespace: context.chameleonNamespace)
    }

    func boolean(_ node: XMLNode, _ attribute: String) -> Bool {
        guard let value = node.attribute(attribute) else { return false }
        switch value.trimmingXMLWhitespace() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            session.error("invalid \(attribute) '\(value)': expected 'true' or 'false'", at: node.location)
            return false
        }
    }

    /// The text of the `xs:annotation/xs:documentation` children, normalized.
    func documentation(_ node: XMLNode) -> String? {
        let texts = node.children(xs, "annotation").flatMap { $0.children(xs, "documentation") }.compactMap(\.text)
        return DocumentationText.normalize(texts)
    }

    func checkChildren(_ node: XMLNode, allowed: Set<String>) {
        for child in node.children(xs) where !allowed.contains(child.localName) {
            unexpected(child, in: node)
        }
    }

    func unexpected(_ child: XMLNode, in parent: XMLNode) {
        session.error("unexpected xs:\(child.localName) in xs:\(parent.localName)", at: child.location)
    }
}
