import WSDLModel

extension SchemaReader {
    // MARK: Complex types

    func complexType(_ node: XMLNode, name: QName?) -> ComplexType {
        var type = ComplexType(
            name: name, isAbstract: boolean(node, "abstract"), isMixed: boolean(node, "mixed"),
            content: nil, documentation: documentation(node), location: node.location
        )
        for child in node.children(xs) {
            switch child.localName {
            case "annotation":
                continue
            case "simpleContent":
                derivation(child, kind: .simple, into: &type)
            case "complexContent":
                if boolean(child, "mixed") { type.isMixed = true }
                derivation(child, kind: .complex, into: &type)
            case "sequence", "choice", "all", "group":
                setContent(child, of: &type, in: node)
            case "attribute", "attributeGroup":
                if let use = attributeUse(child) { type.attributes.append(use) }
            case "anyAttribute":
                type.anyAttribute = wildcard(child, occurs: .one)
            default:
                unexpected(child, in: node)
            }
        }
        return type
    }

    private func setContent(_ child: XMLNode, of type: inout ComplexType, in parent: XMLNode) {
        if type.content != nil {
            session.error("xs:\(parent.localName) has more than one content model", at: child.location)
            return
        }
        type.content = particle(child)
    }

    /// `xs:simpleContent`/`xs:complexContent` with its `xs:extension` or `xs:restriction`.
    private func derivation(_ node: XMLNode, kind: Derivation.ContentKind, into type: inout ComplexType) {
        let derivations = node.children(xs).filter { $0.localName == "extension" || $0.localName == "restriction" }
        checkChildren(node, allowed: ["annotation", "extension", "restriction"])
        guard let derivation = derivations.first, let method = Derivation.Method(rawValue: derivation.localName) else {
            session.error("xs:\(node.localName) needs an xs:extension or xs:restriction", at: node.location)
            return
        }
        guard let base = reference(derivation, "base", .type) else {
            if derivation.attribute("base") == nil { session.error("xs:\(derivation.localName) needs a base", at: derivation.location) }
            return
        }
        type.derivation = Derivation(method: method, contentKind: kind, base: base, location: derivation.location)
        var facets = Facets()
        let simpleRestriction = kind == .simple && method == .restriction
        for child in derivation.children(xs) {
            let name = child.localName
            if name == "annotation" || (simpleRestriction && name == "simpleType") {
                continue
            } else if kind == .complex && ["sequence", "choice", "all", "group"].contains(name) {
                setContent(child, of: &type, in: derivation)
            } else if name == "attribute" || name == "attributeGroup" {
                if let use = attributeUse(child) { type.attributes.append(use) }
            } else if name == "anyAttribute" {
                type.anyAttribute = wildcard(child, occurs: .one)
            } else if simpleRestriction && Self.facetNames.contains(name) {
                readFacet(child, into: &facets)
            } else {
                unexpected(child, in: derivation)
            }
        }
        if !facets.isEmpty { type.simpleContentFacets = facets }
        if kind == .complex, method == .restriction, base == QName(Namespaces.soap11Encoding, "Array") {
            type.soapArray = soapArray(derivation, content: type.content)
        }
    }

    /// A restriction of `soapenc:Array`: the item type from `wsdl:arrayType="tns:Item[]"` on
    /// its `soapenc:arrayType` attribute, else from the one element its content declares
    /// (Axis and .NET write either), else `xs:anyType`.
    private func soapArray(_ restriction: XMLNode, content: Particle?) -> SOAPArrayDeclaration {
        for attribute in restriction.children(xs, "attribute") {
            guard let written = attribute.attributes.first(where: { $0.namespace == Namespaces.wsdl && $0.localName == "arrayType" })?.value else { continue }
            let trimmed = written.trimmingXMLWhitespace()
            let bracket = trimmed.firstIndex(of: "[") ?? trimmed.endIndex
            let dimensions = String(trimmed[bracket...])
            guard let item = session.reference(written: String(trimmed[..<bracket]), in: attribute, .type, chameleonNamespace: context.chameleonNamespace) else { break }
            // A size (`xsd:int[5]`) still makes a one-dimensional array.
            let isOneDimensional = dimensions.hasPrefix("[") && dimensions.dropFirst().firstIndex(of: "[") == nil && !dimensions.contains(",")
            return SOAPArrayDeclaration(itemType: item, dimensions: isOneDimensional ? "[]" : dimensions, location: attribute.location)
        }
        if case .group(let group)? = content, group.particles.count == 1, case .element(let element, _) = group.particles[0], case .named(let item)? = element.type {
            return SOAPArrayDeclaration(itemType: item, location: element.location)
        }
        return SOAPArrayDeclaration(itemType: QName(Namespaces.xsd, "anyType"), location: restriction.location)
    }

    // MARK: Attributes

    func attributeUse(_ node: XMLNode) -> AttributeUse? {
        if node.localName == "attributeGroup" {
            guard node.attribute("ref") != nil else {
                session.error("a local xs:attributeGroup needs a ref", at: node.location)
                return nil
            }
            guard let name = reference(node, "ref", .attributeGroup) else { return nil }
            return .groupReference(name, node.location)
        }
        var use = AttributeUseKind.optional
        if let value = node.attribute("use") {
            if let parsed = AttributeUseKind(rawValue: value.trimmingXMLWhitespace()) {
                use = parsed
            } else {
                session.error("invalid use '\(value)': expected 'optional', 'required' or 'prohibited'", at: node.location)
            }
        }
        if node.attribute("ref") != nil {
            guard let name = reference(node, "ref", .attribute) else { return nil }
            return .reference(name, use, defaultValue: node.attribute("default"), fixedValue: node.attribute("fixed"), node.location)
        }
        return .attribute(attribute(node, isGlobal: false), use)
    }

    func attribute(_ node: XMLNode, isGlobal: Bool) -> AttributeDeclaration {
        let localName = node.attribute("name")?.trimmingXMLWhitespace() ?? ""
        if localName.isEmpty { session.error("xs:attribute needs a name or a ref", at: node.location) }
        let form: Form = isGlobal ? .qualified : session.form(node, "form") ?? context.attributeFormDefault
        checkChildren(node, allowed: ["annotation", "simpleType"])
        var type: SimpleTypeReference?
        if node.attribute("type") != nil {
            type = reference(node, "type", .simpleType).map(SimpleTypeReference.named)
        } else if let simple = node.firstChild(xs, "simpleType") {
            type = .anonymous(simpleType(simple, name: nil))
        }
        return AttributeDeclaration(
            name: QName(form == .qualified ? targetNamespace : "", localName), isGlobal: isGlobal, type: type,
            defaultValue: node.attribute("default"), fixedValue: node.attribute("fixed"),
            documentation: documentation(node), location: node.location
        )
    }

    // MARK: Simple types

    func simpleType(_ node: XMLNode, name: QName?) -> SimpleType {
        let placeholder = SimpleType.Variety.atomic(base: .named(QName(xs, "anySimpleType")), facets: Facets())
        var variety: SimpleType.Variety?
        for child in node.children(xs) {
            switch child.localName {
            case "annotation":
                continue
            case "restriction":
                variety = .atomic(base: simpleTypeReference(child, "base"), facets: facets(child))
            case "list":
                variety = .list(itemType: simpleTypeReference(child, "itemType"))
            case "union":
                variety = .union(memberTypes: unionMembers(child))
            default:
                unexpected(child, in: node)
            }
        }
        if variety == nil { session.error("xs:simpleType needs an xs:restriction, xs:list or xs:union", at: node.location) }
        return SimpleType(name: name, variety: variety ?? placeholder, documentation: documentation(node), location: node.location)
    }

    /// The type named by `attribute` of `node`, or its inline `xs:simpleType`.
    private func simpleTypeReference(_ node: XMLNode, _ attribute: String) -> SimpleTypeReference {
        if node.attribute(attribute) != nil, let name = reference(node, attribute, .simpleType) {
            return .named(name)
        }
        if let inline = node.firstChild(xs, "simpleType") {
            return .anonymous(simpleType(inline, name: nil))
        }
        if node.attribute(attribute) == nil {
            session.error("xs:\(node.localName) needs a \(attribute) or an xs:simpleType", at: node.location)
        }
        return .named(QName(xs, "anySimpleType"))
    }

    private func unionMembers(_ node: XMLNode) -> [SimpleTypeReference] {
        var members: [SimpleTypeReference] = []
        for written in (node.attribute("memberTypes") ?? "").xmlTokens {
            if let name = session.reference(written: written, in: node, .simpleType, chameleonNamespace: context.chameleonNamespace) {
                members.append(.named(name))
            }
        }
        for child in node.children(xs) {
            switch child.localName {
            case "simpleType": members.append(.anonymous(simpleType(child, name: nil)))
            case "annotation": continue
            default: unexpected(child, in: node)
            }
        }
        if members.isEmpty { session.error("xs:union needs memberTypes or an xs:simpleType", at: node.location) }
        return members
    }

    // MARK: Facets

    static let facetNames: Set<String> = [
        "enumeration", "pattern", "length", "minLength", "maxLength", "minInclusive", "maxInclusive",
        "minExclusive", "maxExclusive", "totalDigits", "fractionDigits", "whiteSpace",
    ]

    private func facets(_ node: XMLNode) -> Facets {
        var facets = Facets()
        for child in node.children(xs) {
            if Self.facetNames.contains(child.localName) {
                readFacet(child, into: &facets)
            } else if child.localName != "annotation" && child.localName != "simpleType" {
                unexpected(child, in: node)
            }
        }
        return facets
    }

    func readFacet(_ node: XMLNode, into facets: inout Facets) {
        guard let value = node.attribute("value") else {
            session.error("xs:\(node.localName) needs a value", at: node.location)
            return
        }
        switch node.localName {
        case "enumeration":
            facets.enumerations.append(EnumerationValue(value: value, documentation: documentation(node), location: node.location))
        case "pattern": facets.patterns.append(value)
        case "length": facets.length = integer(node, value)
        case "minLength": facets.minLength = integer(node, value)
        case "maxLength": facets.maxLength = integer(node, value)
        case "totalDigits": facets.totalDigits = integer(node, value)
        case "fractionDigits": facets.fractionDigits = integer(node, value)
        case "minInclusive": facets.minInclusive = value
        case "maxInclusive": facets.maxInclusive = value
        case "minExclusive": facets.minExclusive = value
        case "maxExclusive": facets.maxExclusive = value
        case "whiteSpace":
            let trimmed = value.trimmingXMLWhitespace()
            if ["preserve", "replace", "collapse"].contains(trimmed) {
                facets.whiteSpace = trimmed
            } else {
                session.error("invalid whiteSpace '\(value)': expected 'preserve', 'replace' or 'collapse'", at: node.location)
            }
        default:
            break
        }
    }

    private func integer(_ node: XMLNode, _ value: String) -> Int? {
        guard let number = Int(value.trimmingXMLWhitespace()), number >= 0 else {
            session.error("invalid xs:\(node.localName) '\(value)': expected a non-negative integer", at: node.location)
            return nil
        }
        return number
    }
}
