import WSDLModel

/// Pass: translates the schema IR into the render model of `Types.swift` and `XMLCoding.swift`:
/// reachability, type names, field names and types, coding calls.
struct TypesTranslator {
    let description: ServiceDescription
    let configuration: GeneratorConfiguration
    private var schemas: SchemaSet { description.schemas }
    private var flattener: ContentFlattener
    private(set) var diagnostics: [Diagnostic] = []

    /// Swift names of named complex types, enum simple types and anonymous-typed global elements.
    private var complexTypeNames: [QName: String] = [:]
    private var enumTypeNames: [QName: String] = [:]
    private var unionTypeNames: [QName: String] = [:]
    private var elementTypeNames: [QName: String] = [:]
    private var usedTypeNames: Set<String> = []
    private var namespacePrefixes: [String: String] = [:]
    private var inProgress: Set<QName> = []

    init(description: ServiceDescription, configuration: GeneratorConfiguration) {
        self.description = description
        self.configuration = configuration
        self.flattener = ContentFlattener(schemas: description.schemas)
    }

    struct Output {
        var enums: [EnumRenderModel]
        var unions: [UnionRenderModel]
        var structs: [StructRenderModel]
        var rootElements: [RootElementRenderModel]
        /// Message elements whose named type other global elements share: a descriptor each.
        var sharedMessageElements: [SharedMessageElementRenderModel]
        var namespaces: [NamespaceRenderModel]

        /// How generated services name each message element: its Swift type and the static
        /// member of that type that describes it.
        var messageElements: [QName: (typeName: String, member: String)] {
            var result: [QName: (typeName: String, member: String)] = [:]
            for root in rootElements { result[root.element] = (root.typeName, "messageElement") }
            for shared in sharedMessageElements { result[shared.element] = (shared.typeName, shared.memberName) }
            return result
        }
    }

    // MARK: Reachability

    /// The global elements the generator starts from: the message parts of the WSDL, or every
    /// global element of a bare schema.
    func rootElementNames() -> [QName] {
        var roots = Set<QName>()
        for message in description.messages.values where selectedMessages?.contains(message.name) ?? true {
            for part in message.parts {
                if let element = part.element { roots.insert(element) }
            }
        }
        if selectedMessages != nil { return roots.sorted() }
        if roots.isEmpty { roots = Set(schemas.elements.keys) }
        return roots.sorted()
    }

    /// The messages of the operations the configuration selects; `nil` when it selects all.
    var selectedMessages: Set<QName>? {
        guard !configuration.operations.isEmpty else { return nil }
        var messages = Set<QName>()
        for portType in description.portTypes.values {
            for operation in portType.operations where configuration.operations.contains(operation.name) {
                for reference in [operation.input, operation.output].compactMap({ $0 }) + operation.faults {
                    messages.insert(reference.message)
                }
            }
        }
        // Header parts may live in messages of their own, named only by the bindings.
        for binding in description.bindings.values {
            for operation in binding.operations where configuration.operations.contains(operation.name) {
                for header in operation.inputHeaders + operation.outputHeaders { messages.insert(header.message) }
            }
        }
        return messages
    }

    /// Everything reachable from the roots (and, for a bare schema, every named type).
    private func reachable(from roots: [QName]) -> (complex: Set<QName>, simple: Set<QName>, elements: Set<QName>) {
        var complex = Set<QName>()
        var simple = Set<QName>()
        var elements = Set<QName>()
        var typeQueue: [TypeReference] = []
        var elementQueue = roots
        if description.messages.isEmpty && configuration.operations.isEmpty {
            typeQueue += schemas.complexTypes.keys.sorted().map { .named($0) }
            typeQueue += schemas.simpleTypes.keys.sorted().map { .named($0) }
        }
        while !elementQueue.isEmpty || !typeQueue.isEmpty {
            if let name = elementQueue.popLast() {
                guard !elements.contains(name), let element = schemas.elements[name] else { continue }
                elements.insert(name)
                if let type = element.type { typeQueue.append(type) }
                // Where a head may appear, so may its members.
                elementQueue += flattener.substitutionGroups.members(of: name)
                continue
            }
            guard let type = typeQueue.popLast() else { break }
            switch type {
            case .named(let name):
                if let ct = schemas.complexTypes[name], !complex.contains(name) {
                    complex.insert(name)
                    typeQueue.append(.anonymousComplex(ct))
                } else if let st = schemas.simpleTypes[name], !simple.contains(name) {
                    simple.insert(name)
                    typeQueue.append(.anonymousSimple(st))
                }
            case .anonymousComplex(let ct):
                if let base = ct.derivation?.base { typeQueue.append(.named(base)) }
                if let particle = ct.content { collect(particle, types: &typeQueue, elements: &elementQueue) }
                for use in ct.attributes { collect(use, types: &typeQueue) }
            case .anonymousSimple(let st):
                switch st.variety {
                case .atomic(let base, _): typeQueue.append(ContentFlattener.typeReference(base))
                case .list(let item): typeQueue.append(ContentFlattener.typeReference(item))
                case .union(let members): typeQueue += members.map(ContentFlattener.typeReference)
                }
            }
        }
        return (complex, simple, elements)
    }

    private func collect(_ particle: Particle, types: inout [TypeReference], elements: inout [QName]) {
        switch particle {
        case .element(let declaration, _):
            if let type = declaration.type { types.append(type) }
        case .elementReference(let name, _, _):
            elements.append(name)
        case .group(let group):
            for member in group.particles { collect(member, types: &types, elements: &elements) }
        case .groupReference(let name, _, _):
            if let group = schemas.groups[name] { collect(.group(group.group), types: &types, elements: &elements) }
        case .any:
            break
        }
    }

    private func collect(_ use: AttributeUse, types: inout [TypeReference]) {
        switch use {
        case .attribute(let declaration, _):
            if let type = declaration.type { types.append(ContentFlattener.typeReference(type)) }
        case .reference(let name, _, _, _, _):
            if let type = schemas.attributes[name]?.type { types.append(ContentFlattener.typeReference(type)) }
        case .groupReference(let name, _):
            for member in schemas.attributeGroups[name]?.attributes ?? [] { collect(member, types: &types) }
        }
    }

    // MARK: Translation

    mutating func translate() -> Output {
        let known = Set(description.portTypes.values.flatMap { $0.operations.map(\.name) })
        for name in configuration.operations.sorted() where !known.contains(name) {
            let available = known.sorted().joined(separator: ", ")
            diagnostics.append(Diagnostic(.error, "no operation named '\(name)' in \(description.documents.first ?? "the input"); operations: \(available.isEmpty ? "none" : available)", at: nil))
        }
        let roots = rootElementNames()
        let reach = reachable(from: roots)
        assignPrefixes(reach.elements)

        // Names first, in a fixed order, so that references resolve regardless of order.
        for name in reach.elements.sorted() {
            if case .anonymousComplex = schemas.elements[name]?.type {
                elementTypeNames[name] = SwiftNaming.unique(SwiftNaming.typeName(name.localName), in: &usedTypeNames)
            }
        }
        for name in reach.complex.sorted() {
            complexTypeNames[name] = SwiftNaming.unique(SwiftNaming.typeName(name.localName), in: &usedTypeNames)
        }
        for name in reach.simple.sorted() {
            if let st = schemas.simpleTypes[name], isEnumeration(st) {
                enumTypeNames[name] = SwiftNaming.unique(SwiftNaming.typeName(name.localName), in: &usedTypeNames)
            }
        }

        var unionMembers: [QName: [UnionMemberRenderModel]] = [:]
        for name in reach.simple.sorted() {
            guard let st = schemas.simpleTypes[name], case .union = st.variety, let members = self.unionMembers(st), members.count > 1 else { continue }
            unionTypeNames[name] = SwiftNaming.unique(SwiftNaming.typeName(name.localName), in: &usedTypeNames)
            unionMembers[name] = members
        }

        var output = Output(enums: [], unions: [], structs: [], rootElements: [], sharedMessageElements: [], namespaces: [])
        for name in reach.simple.sorted() {
            guard let st = schemas.simpleTypes[name], let swiftName = enumTypeNames[name] else { continue }
            output.enums.append(enumModel(st, name: swiftName, qualifiedName: swiftName))
        }
        for name in reach.simple.sorted() {
            guard let st = schemas.simpleTypes[name], let swiftName = unionTypeNames[name], let members = unionMembers[name] else { continue }
            output.unions.append(UnionRenderModel(
                name: swiftName, qualifiedName: swiftName, docLines: SwiftNaming.docLines(st.documentation, remark: remark(st.location, st.name)),
                members: members, typeDescription: SwiftNaming.stringLiteral(prefixed(name))))
        }
        var structs: [(String, StructRenderModel)] = []
        for name in reach.elements.sorted() {
            guard let element = schemas.elements[name], case .anonymousComplex(let ct) = element.type,
                let swiftName = elementTypeNames[name]
            else { continue }
            var type = ct
            if type.documentation == nil { type.documentation = element.documentation }
            structs.append((swiftName, structModel(type, name: swiftName, qualifiedName: swiftName, xmlName: name, location: element.location)))
        }
        for name in reach.complex.sorted() {
            guard let ct = schemas.complexTypes[name], let swiftName = complexTypeNames[name] else { continue }
            structs.append((swiftName, structModel(ct, name: swiftName, qualifiedName: swiftName, xmlName: name, location: ct.location)))
        }
        output.structs = structs.sorted { $0.0 < $1.0 }.map(\.1)

        // Root elements: anonymous-typed elements, and named types used by exactly one global element.
        var elementsByType: [QName: [QName]] = [:]
        for name in reach.elements {
            if case .named(let type)? = schemas.elements[name]?.type, complexTypeNames[type] != nil {
                elementsByType[type, default: []].append(name)
            }
        }
        for name in reach.elements.sorted() {
            let typeName: String?
            switch schemas.elements[name]?.type {
            case .anonymousComplex?: typeName = elementTypeNames[name]
            case .named(let type)?: typeName = elementsByType[type]?.count == 1 ? complexTypeNames[type] : nil
            default: typeName = nil
            }
            guard let typeName else { continue }
            output.rootElements.append(
                RootElementRenderModel(
                    element: name, typeName: typeName, namespace: SwiftNaming.stringLiteral(name.namespace), localName: SwiftNaming.stringLiteral(name.localName),
                    prefixedName: prefixed(name)))
        }
        output.rootElements.sort { $0.typeName < $1.typeName }

        // Message elements of a named type that several global elements share (`tmd:Get`):
        // the type cannot know its element, so each gets a descriptor on the type.
        let messageParts = Set(description.messages.values.flatMap(\.parts).compactMap(\.element))
        var membersByType: [String: Set<String>] = [:]
        for name in reach.elements.sorted() where messageParts.contains(name) {
            guard case .named(let type)? = schemas.elements[name]?.type, let typeName = complexTypeNames[type],
                (elementsByType[type]?.count ?? 0) > 1
            else { continue }
            let member = SwiftNaming.unique(SwiftNaming.memberName(name.localName) + "Element", in: &membersByType[typeName, default: ["messageElement"]])
            output.sharedMessageElements.append(
                SharedMessageElementRenderModel(
                    element: name, typeName: typeName, memberName: member, namespace: SwiftNaming.stringLiteral(name.namespace),
                    localName: SwiftNaming.stringLiteral(name.localName), prefixedName: prefixed(name)))
        }
        output.sharedMessageElements.sort { ($0.typeName, $0.memberName) < ($1.typeName, $1.memberName) }

        boxRecursiveFields(&output.structs)

        let namespaces = namespacePrefixes.sorted { $0.value < $1.value }
        output.namespaces = namespaces.enumerated().map { index, entry in
            NamespaceRenderModel(swiftName: SwiftNaming.escaped(SwiftNaming.memberName(entry.value)), prefix: entry.value, uri: SwiftNaming.stringLiteral(entry.key), isLast: index == namespaces.count - 1)
        }
        diagnostics += flattener.diagnostics
        return output
    }

    /// A struct that holds itself through single (non-array) fields would have infinite size:
    /// those fields are stored out of line (see ``RecursionDetector``).
    private func boxRecursiveFields(_ structs: inout [StructRenderModel]) {
        var edges: [RecursionDetector.Edge] = []
        func collect(_ model: StructRenderModel) {
            for field in model.elementFields where field.isComplex && field.isSingle {
                edges.append(RecursionDetector.Edge(owner: model.qualifiedName, field: field.plainName, target: field.valueType))
            }
            // A single choice holds its branch inline: an edge per complex, non-repeated branch.
            for field in model.elementFields where field.isChoice && field.isSingle {
                for branch in field.choiceBranches where branch.isComplex && !branch.isRepeatedBranch {
                    edges.append(RecursionDetector.Edge(owner: model.qualifiedName, field: field.plainName, target: branch.valueType))
                }
            }
            model.nestedStructs.forEach(collect)
        }
        structs.forEach(collect)
        let boxed = RecursionDetector.fieldsToBox(edges)
        guard !boxed.isEmpty else { return }
        let byOwner = Dictionary(grouping: boxed, by: \.owner).mapValues { Set($0.map(\.field)) }
        func rewrite(_ model: inout StructRenderModel) {
            if let names = byOwner[model.qualifiedName] {
                for index in model.choiceEnums.indices {
                    if model.elementFields.contains(where: { $0.isChoice && $0.choiceEnumName == model.choiceEnums[index].name && names.contains($0.plainName) }) {
                        model.choiceEnums[index].isIndirect = true
                    }
                }
                func mark(_ fields: inout [FieldRenderModel]) {
                    for index in fields.indices where names.contains(fields[index].plainName) && !fields[index].isAttributeField && !fields[index].isChoice {
                        fields[index].isIndirect = true
                        fields[index].isDirect = false
                        let type = fields[index].swiftType
                        fields[index].storageType = fields[index].isOptional && type.hasSuffix("?") ? String(type.dropLast()) : type
                    }
                }
                mark(&model.fields)
                mark(&model.elementFields)
            }
            for index in model.nestedStructs.indices { rewrite(&model.nestedStructs[index]) }
        }
        for index in structs.indices { rewrite(&structs[index]) }
    }

    /// Chooses a prefix for each namespace that names elements or attributes on the wire.
    private mutating func assignPrefixes(_ elements: Set<QName>) {
        var namespaces = Set(elements.map(\.namespace))
        for ct in schemas.complexTypes.values {
            if let name = ct.name, !name.namespace.isEmpty, schemas.namespaces[name.namespace]?.elementFormDefault == .qualified {
                namespaces.insert(name.namespace)
            }
        }
        namespaces.remove("")
        var used = Set<String>()
        for namespace in namespaces.sorted() {
            var prefix = schemas.namespaces[namespace]?.preferredPrefix ?? ""
            if prefix.isEmpty || prefix.hasPrefix("xml") || used.contains(prefix) {
                var n = 1
                repeat {
                    prefix = "ns\(n)"
                    n += 1
                } while used.contains(prefix)
            }
            used.insert(prefix)
            namespacePrefixes[namespace] = prefix
        }
    }

    private func prefixed(_ name: QName) -> String {
        guard !name.namespace.isEmpty else { return name.localName }
        let prefix = namespacePrefixes[name.namespace] ?? schemas.namespaces[name.namespace]?.preferredPrefix
        return prefix.map { "\($0):\(name.localName)" } ?? name.description
    }

    private func remark(_ location: SourceLocation, _ name: QName?) -> String {
        let where_ = "\(location.fileName):\(location.line)"
        guard let name else { return where_ }
        return "\(where_) \(prefixed(name))"
    }

    private func isEnumeration(_ type: SimpleType) -> Bool {
        if case .atomic(_, let facets) = type.variety { return !facets.enumerations.isEmpty }
        return false
    }

    private func enumModel(_ type: SimpleType, name: String, qualifiedName: String) -> EnumRenderModel {
        guard case .atomic(_, let facets) = type.variety else {
            return EnumRenderModel(name: name, qualifiedName: qualifiedName, docLines: [], remark: "", cases: [])
        }
        var used: Set<String> = ["unknown", "knownCases", "description", "xsdLexical"]
        var cases: [EnumCaseRenderModel] = []
        var seen = Set<String>()
        for value in facets.enumerations where seen.insert(value.value).inserted {
            let caseName = SwiftNaming.unique(SwiftNaming.caseName(value.value), in: &used)
            cases.append(
                EnumCaseRenderModel(
                    swiftName: SwiftNaming.escaped(caseName), literal: SwiftNaming.stringLiteral(value.value),
                    docLines: SwiftNaming.docLines(value.documentation), isLast: false))
        }
        if !cases.isEmpty { cases[cases.count - 1].isLast = true }
        return EnumRenderModel(
            name: name, qualifiedName: qualifiedName, docLines: SwiftNaming.docLines(type.documentation, remark: remark(type.location, type.name)),
            remark: remark(type.location, type.name), cases: cases)
    }

    // MARK: Structs

    private struct NestedScope {
        var qualifiedName: String
        var usedNames: Set<String> = []
        var enums: [EnumRenderModel] = []
        var structs: [StructRenderModel] = []
    }

    private mutating func structModel(_ type: ComplexType, name: String, qualifiedName: String, xmlName: QName, location: SourceLocation) -> StructRenderModel {
        let contextNamespace = xmlName.namespace
        let content = flattener.flatten(type, contextNamespace: contextNamespace)
        if content.isMixed, content.simpleContent == nil, !content.elements.isEmpty || content.anyElement != nil {
            diagnostics.append(Diagnostic(.warning, "mixed content of '\(xmlName.localName)': its text is kept in `text`, but not its place between child elements", at: location))
        }
        var scope = NestedScope(qualifiedName: qualifiedName)
        var memberNames: Set<String> = []
        var fields: [FieldRenderModel] = []
        var elementFields: [FieldRenderModel] = []
        var attributeFields: [FieldRenderModel] = []
        var simpleContentField: [FieldRenderModel] = []
        var otherElementsField: [FieldRenderModel] = []
        var otherAttributesField: [FieldRenderModel] = []

        var textNamespacesFields: [FieldRenderModel] = []
        var choiceEnums: [ChoiceEnumRenderModel] = []
        var choiceWildcardFields: [FieldRenderModel] = []
        for element in content.elements {
            if let choice = element.choice {
                let field = choiceField(element, choice, in: &scope, memberNames: &memberNames, location: location, enums: &choiceEnums)
                elementFields.append(field)
                if !field.choiceWildcard.isEmpty { choiceWildcardFields.append(field) }
                continue
            }
            let resolved: ResolvedType
            if let global = element.globalElement, let typeName = elementTypeNames[global] {
                // `ref=` to a global element with an anonymous type: its one declaration.
                resolved = ResolvedType(swiftType: typeName, kind: .complex)
            } else {
                resolved = resolve(element.type, nameHint: element.name.localName, in: &scope, location: location)
            }
            let memberName = SwiftNaming.unique(SwiftNaming.memberName(element.name.localName), in: &memberNames)
            let field = fieldModel(element, resolved: resolved, memberName: memberName)
            elementFields.append(field)
        }
        if let simple = content.simpleContent {
            let resolved = resolve(simple, nameHint: "Value", in: &scope, location: location)
            let memberName = SwiftNaming.unique("value", in: &memberNames)
            let flat = FlatField(name: QName("", "value"), matchNamespace: "", occurs: .one, type: simple, documentation: "The element's text content.", isAttribute: false)
            var field = fieldModel(flat, resolved: resolved, memberName: memberName)
            field.kindDescription = "text content"
            if resolved.kind == .value, resolved.swiftType == "String" {
                let namespaces = textNamespacesField(memberNames: &memberNames)
                field.hasTextNamespaces = true
                field.textNamespacesName = namespaces.plainName
                textNamespacesFields.append(namespaces)
            }
            simpleContentField.append(field)
        }
        var mixedTextField: [FieldRenderModel] = []
        if content.isMixed, content.simpleContent == nil {
            let memberName = SwiftNaming.unique("text", in: &memberNames)
            let flat = FlatField(
                name: QName("", "text"), matchNamespace: "", occurs: .optional, type: nil,
                documentation: "The element's character data (mixed content), in document order.", isAttribute: false)
            var field = fieldModel(flat, resolved: ResolvedType(swiftType: "String", kind: .value), memberName: memberName)
            field.swiftType = "String"
            field.decodeVariableType = "String"
            field.isOptional = false
            field.isMixedText = true
            let namespaces = textNamespacesField(memberNames: &memberNames)
            field.hasTextNamespaces = true
            field.textNamespacesName = namespaces.plainName
            textNamespacesFields.append(namespaces)
            mixedTextField.append(field)
        }
        for attribute in content.attributes {
            var resolved = resolve(attribute.type, nameHint: attribute.name.localName, in: &scope, location: location, untyped: .string)
            if resolved.kind != .value && resolved.kind != .list {
                diagnostics.append(Diagnostic(.warning, "attribute '\(attribute.name.localName)' of '\(xmlName.localName)' has a type that is not simple; kept as a string", at: location))
                resolved = ResolvedType(swiftType: "String", kind: .value)
            }
            var base = SwiftNaming.memberName(attribute.name.localName)
            if memberNames.contains(base) { base += "Attribute" }
            let memberName = SwiftNaming.unique(base, in: &memberNames)
            attributeFields.append(fieldModel(attribute, resolved: resolved, memberName: memberName))
        }
        if let wildcard = content.anyElement {
            let memberName = SwiftNaming.unique("otherElements", in: &memberNames)
            otherElementsField.append(openContentField(memberName, wildcard: wildcard, attribute: false, contextNamespace: contextNamespace))
        }
        if let wildcard = content.anyAttribute {
            let memberName = SwiftNaming.unique("otherAttributes", in: &memberNames)
            otherAttributesField.append(openContentField(memberName, wildcard: wildcard, attribute: true, contextNamespace: contextNamespace))
        }
        fields = elementFields + simpleContentField + mixedTextField + attributeFields + otherElementsField + otherAttributesField + textNamespacesFields
        for index in fields.indices { fields[index].isFirst = index == 0 }
        return StructRenderModel(
            name: name, qualifiedName: qualifiedName, ownerXMLName: SwiftNaming.stringLiteral(xmlName.localName),
            docLines: SwiftNaming.docLines(type.documentation, remark: remark(location, xmlName)), remark: remark(location, xmlName),
            isMixed: content.isMixed, fields: fields, attributeFields: attributeFields, elementFields: elementFields,
            simpleContentField: simpleContentField, mixedTextField: mixedTextField,
            textNamespacesField: textNamespacesFields,
            otherElementsField: otherElementsField, otherAttributesField: otherAttributesField,
            hasAttributeHandling: !attributeFields.isEmpty || !otherAttributesField.isEmpty,
            nestedEnums: scope.enums, nestedStructs: scope.structs, choiceEnums: choiceEnums, choiceWildcardFields: choiceWildcardFields)
    }

    /// The bindings of the prefixes a text value uses (an ONVIF topic's `tns1:`), kept so that
    /// the value keeps its meaning when written again.
    private func textNamespacesField(memberNames: inout Set<String>) -> FieldRenderModel {
        let memberName = SwiftNaming.unique("textNamespaces", in: &memberNames)
        let flat = FlatField(
            name: QName("", memberName), matchNamespace: "", occurs: Occurs(min: 0, max: nil), type: nil,
            documentation: "Bindings of the prefixes the text uses (`tns1:` in an ONVIF topic), kept so that it means the same when written again.",
            isAttribute: false)
        var field = fieldModel(flat, resolved: ResolvedType(swiftType: "XMLNamespaceBinding", kind: .value), memberName: memberName)
        field.isValue = false
        field.isPlainElement = false
        return field
    }

    /// An `xs:choice` of elements: a nested enum with a case per branch, and a field holding
    /// one (required or optional choice) or a list of them in document order (repeated choice).
    private mutating func choiceField(
        _ element: FlatField, _ choice: FlatChoice, in scope: inout NestedScope, memberNames: inout Set<String>, location: SourceLocation,
        enums: inout [ChoiceEnumRenderModel]
    ) -> FieldRenderModel {
        let single = element.occurs.max == 1
        let enumName = SwiftNaming.unique(choice.head.map { SwiftNaming.typeName($0.localName) + "Choice" } ?? "Choice", in: &scope.usedNames)
        let qualified = "\(scope.qualifiedName).\(enumName)"
        var caseNames: Set<String> = []
        var branches: [ChoiceBranchRenderModel] = []
        for branch in choice.branches {
            let resolved: ResolvedType
            if let global = branch.globalElement, let typeName = elementTypeNames[global] {
                resolved = ResolvedType(swiftType: typeName, kind: .complex)
            } else {
                resolved = resolve(branch.type, nameHint: branch.name.localName, in: &scope, location: location)
            }
            let repeated = single && branch.occurs.max != 1
            let caseName = SwiftNaming.unique(SwiftNaming.memberName(branch.name.localName), in: &caseNames)
            branches.append(
                ChoiceBranchRenderModel(
                    caseName: SwiftNaming.escaped(caseName), payloadType: repeated ? "[\(resolved.declaredType)]" : resolved.declaredType,
                    valueType: resolved.swiftType, docLines: SwiftNaming.docLines(branch.documentation), prefixedName: prefixed(branch.name),
                    xmlLocalName: SwiftNaming.stringLiteral(branch.name.localName), xmlNamespace: SwiftNaming.stringLiteral(branch.name.namespace),
                    matchNamespace: SwiftNaming.stringLiteral(branch.name.namespace.isEmpty ? branch.matchNamespace : branch.name.namespace),
                    isUnqualified: branch.name.namespace.isEmpty, isRepeatedBranch: repeated,
                    isValue: resolved.kind == .value, isList: resolved.kind == .list, isComplex: resolved.kind == .complex,
                    isAnyElement: resolved.kind == .anyElement))
        }
        var wildcard: [ChoiceBranchRenderModel] = []
        if let any = choice.wildcard {
            let caseName = SwiftNaming.unique("other", in: &caseNames)
            wildcard.append(
                ChoiceBranchRenderModel(
                    caseName: SwiftNaming.escaped(caseName), payloadType: "XMLAnyElement", valueType: "XMLAnyElement",
                    docLines: ["An element the choice leaves open (`xs:any`)."], prefixedName: "xs:any", xmlLocalName: "", xmlNamespace: "",
                    matchNamespace: "", isUnqualified: false, isRepeatedBranch: false, isValue: false, isList: false, isComplex: false,
                    isAnyElement: true, wildcard: [Self.wildcardModel(any)]))
        }
        let enumDoc = choice.head.map { "The members of substitution group `\(prefixed($0))`: exactly one is present." } ?? "The branches of an `xs:choice`: exactly one is present."
        enums.append(ChoiceEnumRenderModel(name: enumName, qualifiedName: qualified, enumDocLines: [enumDoc], branches: branches + wildcard, isIndirect: false))
        let memberName = SwiftNaming.unique(choice.head.map { SwiftNaming.memberName($0.localName) } ?? "choice", in: &memberNames)
        let resolved = ResolvedType(swiftType: qualified, kind: .complex)
        var field = fieldModel(element, resolved: resolved, memberName: memberName)
        field.isComplex = false
        field.isChoice = true
        field.isPlainElement = false
        field.choiceBranches = branches
        field.choiceWildcard = wildcard
        field.choiceEnumName = enumName
        field.kindDescription = "choice of"
        field.xmlLocalName = SwiftNaming.stringLiteral(choice.branches.map(\.name.localName).joined(separator: ", "))
        field.docLines = [(choice.head.map { "Where `\(prefixed($0))` may appear (its substitution group), one of: " } ?? "One of: ") + (branches.map { "`\($0.prefixedName)`" } + (wildcard.isEmpty ? [] : ["any other element"])).joined(separator: ", ") + "."]
        return field
    }

    private func fieldModel(_ field: FlatField, resolved: ResolvedType, memberName: String) -> FieldRenderModel {
        if field.isNillable, !field.isAttribute, resolved.kind != .anyElement {
            return nillableFieldModel(field, resolved: resolved, memberName: memberName)
        }
        var model = plainFieldModel(field, resolved: resolved, memberName: memberName)
        // default/fixed: for single simple values (lists and complex content have none in Swift).
        if model.isSingle, resolved.kind == .value, let lexical = field.defaultValue {
            model.hasDefaultValue = true
            model.defaultLexical = SwiftNaming.stringLiteral(lexical)
            if let fixed = field.fixedValue {
                model.hasFixedValue = true
                model.fixedLexical = SwiftNaming.stringLiteral(fixed)
            }
            if let line = model.docLines.last, !line.isEmpty { model.docLines.append("") }
            model.docLines.append(field.fixedValue != nil ? "Fixed by the schema: `\(lexical)`." : "Default: `\(lexical)` (\(field.isAttribute ? "when absent" : "when empty")).")
        }
        return model
    }

    /// A `nillable` element: each occurrence is an `XMLNillable` (`.nil` for `xsi:nil`), so a
    /// nil element and an absent one stay apart.
    private func nillableFieldModel(_ field: FlatField, resolved: ResolvedType, memberName: String) -> FieldRenderModel {
        var model = plainFieldModel(field, resolved: resolved, memberName: memberName)
        let wrapped = "XMLNillable<\(resolved.declaredType)>"
        model.isNillable = true
        model.swiftType = model.isSingle ? (model.isRequired ? wrapped : "\(wrapped)?") : "[\(wrapped)]"
        model.decodeVariableType = model.isSingle ? "\(wrapped)?" : "[\(wrapped)]"
        model.docLines.append("`nillable`: `.nil` stands for `xsi:nil=\"true\"`.")
        return model
    }

    private func plainFieldModel(_ field: FlatField, resolved: ResolvedType, memberName: String) -> FieldRenderModel {
        let single = field.occurs.max == 1
        let required = single && field.occurs.min >= 1
        let declared = resolved.declaredType
        let swiftType = single ? (required ? declared : "\(declared)?") : "[\(declared)]"
        let escaped = SwiftNaming.escaped(memberName)
        return FieldRenderModel(
            swiftName: escaped, plainName: memberName, swiftType: swiftType,
            docLines: SwiftNaming.docLines(field.documentation), isFirst: false,
            decodeVariableType: single ? "\(declared)?" : "[\(declared)]",
            xmlLocalName: SwiftNaming.stringLiteral(field.name.localName), xmlNamespace: SwiftNaming.stringLiteral(field.name.namespace),
            matchNamespace: SwiftNaming.stringLiteral(field.name.namespace.isEmpty ? field.matchNamespace : field.name.namespace),
            isUnqualified: field.name.namespace.isEmpty && !field.isAttribute,
            isSingle: single, isRequired: required, isOptional: single && !required, isArray: !single,
            isValue: resolved.kind == .value, isList: resolved.kind == .list, isComplex: resolved.kind == .complex,
            isAnyElement: resolved.kind == .anyElement, valueType: resolved.swiftType,
            kindDescription: field.isAttribute ? "attribute" : "element", wildcard: [],
            isAttributeField: field.isAttribute, isDirect: true, isIndirect: false, storageName: "_\(memberName)Storage",
            argumentLabel: SwiftNaming.argumentLabel(memberName), isChoice: false, isPlainElement: true, choiceBranches: [], choiceWildcard: [],
            choiceEnumName: "", hasTextNamespaces: false, textNamespacesName: "", hasDefaultValue: false, defaultLexical: "",
            hasFixedValue: false, fixedLexical: "", isNillable: false)
    }

    /// The namespaces a wildcard accepts, for the template's `XMLWildcard`.
    static func wildcardModel(_ wildcard: Wildcard) -> WildcardRenderModel {
        switch wildcard.namespaces {
        case .any:
            return WildcardRenderModel(isAnyNamespace: true, otherNamespace: [], isNamespaceList: false, namespaceList: [])
        case .other(let target):
            return WildcardRenderModel(isAnyNamespace: false, otherNamespace: [SwiftNaming.stringLiteral(target)], isNamespaceList: false, namespaceList: [])
        case .list(let list):
            let items = list.enumerated().map { ListItemRenderModel(literal: SwiftNaming.stringLiteral($0.element), isLast: $0.offset == list.count - 1) }
            return WildcardRenderModel(isAnyNamespace: false, otherNamespace: [], isNamespaceList: true, namespaceList: items)
        }
    }

    private func openContentField(_ memberName: String, wildcard: Wildcard, attribute: Bool, contextNamespace: String) -> FieldRenderModel {
        let type = attribute ? "XMLAnyAttribute" : "XMLAnyElement"
        return FieldRenderModel(
            swiftName: SwiftNaming.escaped(memberName), plainName: memberName, swiftType: "[\(type)]",
            docLines: [attribute ? "Attributes the schema leaves open (`xs:anyAttribute`), kept to be written back." : "Elements the schema leaves open (`xs:any`), kept to be written back."],
            isFirst: false, decodeVariableType: "[\(type)]",
            xmlLocalName: "", xmlNamespace: "", matchNamespace: "", isUnqualified: false, isSingle: false, isRequired: false, isOptional: false,
            isArray: true, isValue: false, isList: false, isComplex: false, isAnyElement: true, valueType: type,
            kindDescription: attribute ? "attributes" : "elements", wildcard: [Self.wildcardModel(wildcard)],
            isAttributeField: attribute, isDirect: true, isIndirect: false, storageName: "",
            argumentLabel: SwiftNaming.argumentLabel(memberName), isChoice: false, isPlainElement: false, choiceBranches: [], choiceWildcard: [],
            choiceEnumName: "", hasTextNamespaces: false, textNamespacesName: "", hasDefaultValue: false, defaultLexical: "",
            hasFixedValue: false, fixedLexical: "", isNillable: false)
    }

    /// The Swift type for a type reference; anonymous types become nested declarations.
    /// What an absent type means: `xs:anyType` for an element, `xs:anySimpleType` (a string)
    /// for an attribute.
    enum UntypedMeaning { case anyElement, string }

    private mutating func resolve(_ reference: TypeReference?, nameHint: String, in scope: inout NestedScope, location: SourceLocation, untyped: UntypedMeaning = .anyElement) -> ResolvedType {
        guard let reference else {
            return untyped == .string ? ResolvedType(swiftType: "String", kind: .value) : ResolvedType(swiftType: "XMLAnyElement", kind: .anyElement)
        }
        switch reference {
        case .named(let name):
            return resolveNamed(name, location: location)
        case .anonymousComplex(let ct):
            let name = SwiftNaming.unique(SwiftNaming.typeName(nameHint), in: &scope.usedNames)
            let qualified = "\(scope.qualifiedName).\(name)"
            let model = structModel(ct, name: name, qualifiedName: qualified, xmlName: QName(ct.name?.namespace ?? "", nameHint), location: ct.location)
            scope.structs.append(model)
            return ResolvedType(swiftType: qualified, kind: .complex)
        case .anonymousSimple(let st):
            if isEnumeration(st) {
                let name = SwiftNaming.unique(SwiftNaming.typeName(nameHint), in: &scope.usedNames)
                let qualified = "\(scope.qualifiedName).\(name)"
                scope.enums.append(enumModel(st, name: name, qualifiedName: qualified))
                return ResolvedType(swiftType: qualified, kind: .value)
            }
            return resolveSimple(st, location: location)
        }
    }

    private mutating func resolveNamed(_ name: QName, location: SourceLocation) -> ResolvedType {
        if let builtin = BuiltinTypes.mapping(for: name) {
            switch builtin.kind {
            case .value: return ResolvedType(swiftType: builtin.swiftType, kind: .value)
            case .list: return ResolvedType(swiftType: builtin.swiftType, kind: .list)
            case .anyElement: return ResolvedType(swiftType: builtin.swiftType, kind: .anyElement)
            }
        }
        if let swiftName = complexTypeNames[name] { return ResolvedType(swiftType: swiftName, kind: .complex) }
        if let swiftName = enumTypeNames[name] { return ResolvedType(swiftType: swiftName, kind: .value) }
        if let swiftName = unionTypeNames[name] { return ResolvedType(swiftType: swiftName, kind: .value) }
        if let st = schemas.simpleTypes[name] {
            guard inProgress.insert(name).inserted else {
                diagnostics.append(Diagnostic(.error, "simple type '\(prefixed(name))' is defined in terms of itself", at: st.location))
                return ResolvedType(swiftType: "String", kind: .value)
            }
            defer { inProgress.remove(name) }
            return resolveSimple(st, location: location)
        }
        diagnostics.append(Diagnostic(.error, schemas.unknownComponent("type", prefixed(name), namespace: name.namespace), at: location))
        return ResolvedType(swiftType: "String", kind: .value)
    }

    /// A simple type without enumerations: its base's type (facets are not enforced), a list of
    /// its item type, or `String` for a union.
    private mutating func resolveSimple(_ type: SimpleType, location: SourceLocation) -> ResolvedType {
        switch type.variety {
        case .atomic(let base, _):
            switch base {
            case .named(let name): return resolveNamed(name, location: type.location)
            case .anonymous(let inner): return resolveSimple(inner, location: type.location)
            }
        case .list(let item):
            let itemType: ResolvedType
            switch item {
            case .named(let name): itemType = resolveNamed(name, location: type.location)
            case .anonymous(let inner): itemType = resolveSimple(inner, location: type.location)
            }
            guard itemType.kind == .value else {
                diagnostics.append(Diagnostic(.error, "a list's item type must be atomic", at: type.location))
                return ResolvedType(swiftType: "String", kind: .list)
            }
            return ResolvedType(swiftType: itemType.swiftType, kind: .list)
        case .union:
            // A named union with several member types has its own enum (see `unionTypeNames`);
            // one whose members all map to one Swift type is that type.
            guard let members = unionMembers(type) else {
                diagnostics.append(Diagnostic(.warning, "xs:union with a list member is kept as a String", at: type.location))
                return ResolvedType(swiftType: "String", kind: .value)
            }
            if members.count == 1 { return ResolvedType(swiftType: members[0].swiftType, kind: .value) }
            diagnostics.append(Diagnostic(
                .warning, "anonymous xs:union of \(members.map(\.memberDescription).joined(separator: ", ")) is kept as a String; name the type to get a typed value",
                at: type.location))
            return ResolvedType(swiftType: "String", kind: .value)
        }
    }

    /// The members of a union, flattened through member unions, one per distinct Swift type in
    /// member order; `nil` when a member is not atomic (a list).
    private mutating func unionMembers(_ type: SimpleType) -> [UnionMemberRenderModel]? {
        guard case .union(let references) = type.variety else { return nil }
        var members: [UnionMemberRenderModel] = []
        var usedCases: Set<String> = ["xsdLexical", "description"]
        for (index, reference) in references.enumerated() {
            var resolved: ResolvedType
            var label: String
            var description: String
            switch reference {
            case .named(let name):
                if let st = schemas.simpleTypes[name], case .union = st.variety, unionTypeNames[name] == nil {
                    guard inProgress.insert(name).inserted else { return nil }
                    defer { inProgress.remove(name) }
                    guard let inner = unionMembers(st) else { return nil }
                    for member in inner where !members.contains(where: { $0.swiftType == member.swiftType }) {
                        var member = member
                        member.caseName = SwiftNaming.escaped(SwiftNaming.unique(member.caseName.trimmingCharacters(in: ["`"]), in: &usedCases))
                        members.append(member)
                    }
                    continue
                }
                resolved = resolveNamed(name, location: type.location)
                label = name.localName
                description = name.namespace == "http://www.w3.org/2001/XMLSchema" ? "`xs:\(name.localName)`" : "`\(prefixed(name))`"
            case .anonymous(let inner):
                resolved = resolveSimple(inner, location: inner.location)
                label = "value\(index + 1)"
                description = "an anonymous type"
            }
            guard resolved.kind == .value else { return nil }
            if members.contains(where: { $0.swiftType == resolved.swiftType }) { continue }
            let caseName = SwiftNaming.unique(SwiftNaming.memberName(label), in: &usedCases)
            members.append(UnionMemberRenderModel(
                caseName: SwiftNaming.escaped(caseName), swiftType: resolved.swiftType, memberDescription: description, isLast: false))
        }
        for index in members.indices { members[index].isLast = index == members.count - 1 }
        return members
    }
}
