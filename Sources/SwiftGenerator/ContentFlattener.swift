import WSDLModel

/// Pass: flattens a complex type's content (derivation by extension and restriction, nested
/// sequences/choices/all, group and attribute-group references, element and attribute
/// references) into one list of elements and one of attributes, in schema order.
struct ContentFlattener {
    let schemas: SchemaSet
    let substitutionGroups: SubstitutionGroups
    var diagnostics: [Diagnostic] = []

    init(schemas: SchemaSet) {
        self.schemas = schemas
        self.substitutionGroups = SubstitutionGroups(schemas: schemas)
    }

    /// - Parameter contextNamespace: the target namespace of the schema declaring the type,
    ///   accepted on local elements when reading.
    mutating func flatten(_ type: ComplexType, contextNamespace: String, depth: Int = 0) -> FlatContent {
        var content = FlatContent()
        content.isMixed = type.isMixed
        guard depth < 64 else {
            diagnostics.append(Diagnostic(.error, "derivation chain too deep (cyclic base types?)", at: type.location))
            return content
        }
        if let derivation = type.derivation, derivation.base == QName(Namespaces.xsd, "anyType"), derivation.method == .extension {
            // Extending xs:anyType keeps its content: any elements and attributes (kept open).
            let any = Wildcard(namespaces: .any, processContents: .lax, occurs: Occurs(min: 0, max: nil), location: derivation.location)
            content.anyElement = any
            content.anyAttribute = any
        } else if let derivation = type.derivation, derivation.base != QName(Namespaces.xsd, "anyType") {
            if let base = schemas.complexTypes[derivation.base] {
                let baseContent = flatten(base, contextNamespace: base.name?.namespace ?? contextNamespace, depth: depth + 1)
                switch (derivation.method, derivation.contentKind) {
                case (.extension, _):
                    content = baseContent
                    content.isMixed = type.isMixed || baseContent.isMixed
                case (.restriction, .simple):
                    content.simpleContent = baseContent.simpleContent
                    content.attributes = baseContent.attributes
                    content.anyAttribute = baseContent.anyAttribute
                case (.restriction, .complex):
                    // A restriction restates the content model; attributes are inherited.
                    content.attributes = baseContent.attributes
                    content.anyAttribute = baseContent.anyAttribute
                }
            } else if derivation.contentKind == .simple {
                content.simpleContent = .named(derivation.base)
            } else {
                diagnostics.append(Diagnostic(.error, schemas.unknownComponent("base type", "\(derivation.base)", namespace: derivation.base.namespace), at: derivation.location))
            }
        }
        if let particle = type.content {
            add(particle, within: .one, contextNamespace: contextNamespace, to: &content)
        }
        for use in type.attributes {
            add(use, contextNamespace: contextNamespace, to: &content)
        }
        if let wildcard = type.anyAttribute { content.anyAttribute = wildcard }
        return content
    }

    private mutating func add(_ particle: Particle, within outer: Occurs, contextNamespace: String, to content: inout FlatContent, depth: Int = 0) {
        guard depth < 64 else {
            diagnostics.append(Diagnostic(.error, "model group nesting too deep (cyclic group references?)", at: nil))
            return
        }
        switch particle {
        case .element(let declaration, let occurs):
            addElement(
                FlatField(
                    name: declaration.name, matchNamespace: contextNamespace, occurs: occurs.within(outer),
                    type: declaration.type, documentation: declaration.documentation, isAttribute: false,
                    defaultValue: declaration.fixedValue ?? declaration.defaultValue, fixedValue: declaration.fixedValue,
                    isNillable: declaration.isNillable),
                to: &content)
        case .elementReference(let name, let occurs, let location):
            guard let declaration = schemas.elements[name] else {
                diagnostics.append(Diagnostic(.error, schemas.unknownComponent("element", "\(name)", namespace: name.namespace), at: location))
                return
            }
            let substitutes = substitutionBranches(for: name, occurs: .one)
            if !substitutes.isEmpty {
                // A substitution group head: where it may appear, so may each member, decoded
                // to its own type. One choice over the head (unless abstract) and its members.
                let taken = Set(content.elements.flatMap { field in field.choice.map { $0.branches.map(\.name) } ?? [field.name] })
                if substitutes.count == 1, let only = substitutes.first, !taken.contains(only.name) {
                    var field = only
                    field.occurs = occurs.within(outer)
                    addElement(field, to: &content)
                    return
                }
                if taken.isDisjoint(with: substitutes.map(\.name)) {
                    content.elements.append(
                        FlatField(
                            name: QName("", "choice"), matchNamespace: "", occurs: occurs.within(outer), type: nil, documentation: declaration.documentation,
                            isAttribute: false, choice: FlatChoice(branches: substitutes, wildcard: nil, location: location, head: name)))
                    return
                }
                diagnostics.append(Diagnostic(.warning, "the members of substitution group '\(name.localName)' repeat element names of the content around it; only the head element '\(name.localName)' is read there", at: location))
            }
            addElement(
                FlatField(
                    name: name, matchNamespace: name.namespace, occurs: occurs.within(outer), type: declaration.type,
                    documentation: declaration.documentation, isAttribute: false, globalElement: name,
                    defaultValue: declaration.fixedValue ?? declaration.defaultValue, fixedValue: declaration.fixedValue,
                    isNillable: declaration.isNillable),
                to: &content)
        case .group(let group):
            var occurs = group.occurs.within(outer)
            if group.compositor == .choice, group.particles.count > 1 {
                if let choice = choice(group, contextNamespace: contextNamespace, existing: content) {
                    content.elements.append(
                        FlatField(name: QName("", "choice"), matchNamespace: "", occurs: occurs, type: nil, documentation: nil, isAttribute: false, choice: choice))
                    return
                }
                diagnostics.append(Diagnostic(.warning, "a choice with branches that are not single elements (or whose element names repeat) is emitted as optional fields: which one branch is present is not enforced", at: group.location))
                occurs.min = 0
            }
            for member in group.particles {
                add(member, within: occurs, contextNamespace: contextNamespace, to: &content, depth: depth + 1)
            }
        case .groupReference(let name, let occurs, let location):
            guard let named = schemas.groups[name] else {
                diagnostics.append(Diagnostic(.error, schemas.unknownComponent("group", "\(name)", namespace: name.namespace), at: location))
                return
            }
            var group = named.group
            group.occurs = occurs
            add(.group(group), within: outer, contextNamespace: contextNamespace, to: &content, depth: depth + 1)
        case .any(let wildcard):
            if let existing = content.anyElement, existing.namespaces != wildcard.namespaces {
                content.anyElement?.namespaces = .any
            } else if content.anyElement == nil {
                content.anyElement = wildcard
            }
        }
    }

    /// The choice's branches when each is one element (or a wildcard, at most one) and no name
    /// repeats among them or the elements already flattened; `nil` otherwise.
    private func choice(_ group: ModelGroup, contextNamespace: String, existing content: FlatContent) -> FlatChoice? {
        var branches: [FlatField] = []
        var wildcard: Wildcard?
        var taken = Set(content.elements.flatMap { field in field.choice.map { $0.branches.map(\.name) } ?? [field.name] })
        for particle in group.particles {
            let branch: FlatField
            switch particle {
            case .element(let declaration, let occurs):
                branch = FlatField(
                    name: declaration.name, matchNamespace: contextNamespace, occurs: occurs, type: declaration.type,
                    documentation: declaration.documentation, isAttribute: false)
            case .elementReference(let name, let occurs, _):
                guard let declaration = schemas.elements[name] else { return nil }
                let substitutes = substitutionBranches(for: name, occurs: occurs)
                if !substitutes.isEmpty {
                    // A head inside a choice: each member is a branch of its own.
                    for substitute in substitutes {
                        guard taken.insert(substitute.name).inserted, substitute.occurs.max != 0 else { return nil }
                        branches.append(substitute)
                    }
                    continue
                }
                branch = FlatField(
                    name: name, matchNamespace: name.namespace, occurs: occurs, type: declaration.type,
                    documentation: declaration.documentation, isAttribute: false, globalElement: name)
            case .any(let any):
                guard wildcard == nil, content.anyElement == nil else { return nil }
                wildcard = any
                continue
            case .group, .groupReference:
                return nil
            }
            guard taken.insert(branch.name).inserted, branch.occurs.max != 0 else { return nil }
            branches.append(branch)
        }
        return branches.isEmpty ? nil : FlatChoice(branches: branches, wildcard: wildcard, location: group.location)
    }

    /// The branches standing for a `ref=` to a substitution group head: the head unless it is
    /// abstract, then every member not abstract, each with its own type (a member without one
    /// takes its head's). Empty when nothing substitutes for `head`.
    private func substitutionBranches(for head: QName, occurs: Occurs) -> [FlatField] {
        let members = substitutionGroups.members(of: head)
        guard !members.isEmpty else { return [] }
        var branches: [FlatField] = []
        for name in [head] + members {
            guard let declaration = schemas.elements[name], !declaration.isAbstract else { continue }
            var type = declaration.type
            var group = declaration.substitutionGroup
            var hops = 0
            while type == nil, let next = group, let headDeclaration = schemas.elements[next], hops < 64 {
                type = headDeclaration.type
                group = headDeclaration.substitutionGroup
                hops += 1
            }
            branches.append(
                FlatField(
                    name: name, matchNamespace: name.namespace, occurs: occurs, type: type, documentation: declaration.documentation,
                    isAttribute: false, globalElement: name, defaultValue: declaration.fixedValue ?? declaration.defaultValue,
                    fixedValue: declaration.fixedValue, isNillable: declaration.isNillable))
        }
        return branches
    }

    private func addElement(_ field: FlatField, to content: inout FlatContent) {
        if let index = content.elements.firstIndex(where: { $0.choice == nil && $0.name == field.name }) {
            // The same element twice in one content model: one repeated field.
            content.elements[index].occurs = Occurs(min: content.elements[index].occurs.min + field.occurs.min, max: nil)
        } else {
            content.elements.append(field)
        }
    }

    private mutating func add(_ use: AttributeUse, contextNamespace: String, to content: inout FlatContent, depth: Int = 0) {
        switch use {
        case .attribute(let declaration, let kind):
            setAttribute(
                FlatField(
                    name: declaration.name, matchNamespace: declaration.name.namespace, occurs: kind == .required ? .one : .optional,
                    type: declaration.type.map(Self.typeReference), documentation: declaration.documentation, isAttribute: true,
                    defaultValue: declaration.fixedValue ?? declaration.defaultValue, fixedValue: declaration.fixedValue),
                prohibited: kind == .prohibited, in: &content)
        case .reference(let name, let kind, let useDefault, let useFixed, let location):
            guard let declaration = schemas.attributes[name] else {
                diagnostics.append(Diagnostic(.error, schemas.unknownComponent("attribute", "\(name)", namespace: name.namespace), at: location))
                return
            }
            setAttribute(
                FlatField(
                    name: name, matchNamespace: name.namespace, occurs: kind == .required ? .one : .optional,
                    type: declaration.type.map(Self.typeReference), documentation: declaration.documentation, isAttribute: true,
                    defaultValue: useFixed ?? declaration.fixedValue ?? useDefault ?? declaration.defaultValue,
                    fixedValue: useFixed ?? declaration.fixedValue),
                prohibited: kind == .prohibited, in: &content)
        case .groupReference(let name, let location):
            guard depth < 32, let group = schemas.attributeGroups[name] else {
                diagnostics.append(Diagnostic(.error, schemas.unknownComponent("attribute group", "\(name)", namespace: name.namespace), at: location))
                return
            }
            for member in group.attributes {
                add(member, contextNamespace: contextNamespace, to: &content, depth: depth + 1)
            }
            if let wildcard = group.anyAttribute, content.anyAttribute == nil { content.anyAttribute = wildcard }
        }
    }

    private func setAttribute(_ field: FlatField, prohibited: Bool, in content: inout FlatContent) {
        if let index = content.attributes.firstIndex(where: { $0.name == field.name }) {
            if prohibited { content.attributes.remove(at: index) } else { content.attributes[index] = field }
        } else if !prohibited {
            content.attributes.append(field)
        }
    }

    static func typeReference(_ simple: SimpleTypeReference) -> TypeReference {
        switch simple {
        case .named(let name): return .named(name)
        case .anonymous(let type): return .anonymousSimple(type)
        }
    }
}
