import WSDLModel

/// Pass: translates the schema IR into the render model of `Types.swift` and `XMLCoding.swift`,
/// after ``Reachability`` (what to declare) and ``TypeNaming`` (what to call it): each type's
/// fields, their Swift types and occurrences, and how each is coded; then recursion is boxed
/// (``RecursionDetector``) and the ``TypeAssignment`` the services read is stated.
struct TypesTranslator {
    let description: ServiceDescription
    let configuration: GeneratorConfiguration
    private var schemas: SchemaSet { description.schemas }
    private var flattener: ContentFlattener
    private(set) var diagnostics: [Diagnostic] = []

    /// The Swift names (the ``TypeNaming`` pass, run by ``translate()``).
    private var naming = TypeNaming()
    private var complexTypeNames: [QName: String] { naming.complexTypeNames }
    private var enumTypeNames: [QName: String] { naming.enumTypeNames }
    private var unionTypeNames: [QName: String] { naming.unionTypeNames }
    private var elementTypeNames: [QName: String] { naming.elementTypeNames }
    private var namespacePrefixes: [String: String] { naming.namespacePrefixes }
    private var inProgress: Set<QName> = []
    /// Named complex types → the types that extend them, for the xsi:type warning.
    private lazy var derivedTypes: [QName: [QName]] = {
        var derived: [QName: [QName]] = [:]
        for (name, type) in schemas.complexTypes {
            if let derivation = type.derivation, derivation.method == .extension { derived[derivation.base, default: []].append(name) }
        }
        return derived.mapValues { $0.sorted() }
    }()
    private var warnedPolymorphic: Set<QName> = []

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

        /// What the service translation reads.
        var assignment: TypeAssignment {
            TypeAssignment(rootElements: rootElements, sharedMessageElements: sharedMessageElements, structs: structs)
        }
    }

    // MARK: Translation

    mutating func translate() -> Output {
        let reachability = Reachability(description: description, operations: configuration.operations, substitutionGroups: flattener.substitutionGroups)
        diagnostics += reachability.unknownOperations()
        let found = reachability.reach()
        let reach = (elements: found.elements, complex: found.complexTypes, simple: found.simpleTypes)
        naming = TypeNaming(schemas: schemas, reach: found)

        var unionMembers: [QName: [UnionMemberRenderModel]] = [:]
        for name in reach.simple.sorted() {
            guard let st = schemas.simpleTypes[name], case .union = st.variety, let members = self.unionMembers(st), members.count > 1 else { continue }
            _ = naming.nameUnion(name)
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

        RecursionDetector.boxRecursiveFields(&output.structs)

        let namespaces = namespacePrefixes.sorted { $0.value < $1.value }
        output.namespaces = namespaces.enumerated().map { index, entry in
            NamespaceRenderModel(swiftName: SwiftNaming.escaped(SwiftNaming.memberName(entry.value)), prefix: entry.value, uri: SwiftNaming.stringLiteral(entry.key), isLast: index == namespaces.count - 1)
        }
        diagnostics += flattener.diagnostics
        if let facets = facetWarning(reach.simple) { diagnostics.append(facets) }
        return output
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
            if case .named(let typeName)? = element.type { warnIfPolymorphic(typeName) }
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
        var soapArray: [SOAPArrayRenderModel] = []
        if let array = type.soapArray, elementFields.count == 1, elementFields[0].isArray {
            elementFields[0].matchesAnyName = true
            soapArray.append(SOAPArrayRenderModel(
                itemNamespace: SwiftNaming.stringLiteral(array.itemType.namespace), itemLocalName: SwiftNaming.stringLiteral(array.itemType.localName),
                itemsName: elementFields[0].swiftName))
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
            nestedEnums: scope.enums, nestedStructs: scope.structs, choiceEnums: choiceEnums, choiceWildcardFields: choiceWildcardFields,
            soapArray: soapArray)
    }

    /// A field typed by a complex type that others extend may arrive as one of them with
    /// `xsi:type`: said once per type, as the generated code decodes the declared type only.
    private mutating func warnIfPolymorphic(_ base: QName) {
        guard let derived = derivedTypes[base], !warnedPolymorphic.contains(base), let type = schemas.complexTypes[base] else { return }
        warnedPolymorphic.insert(base)
        let names = derived.prefix(3).map { "'\(prefixed($0))'" }.joined(separator: ", ") + (derived.count > 3 ? " and \(derived.count - 3) more" : "")
        diagnostics.append(Diagnostic(
            .warning,
            "'\(prefixed(base))' is extended by \(names): an element declared '\(base.localName)' that carries xsi:type of a derived type is decoded as '\(base.localName)' (the derived type's extra content is skipped, or refused when decoding strictly); xsi:type polymorphism is not generated",
            at: type.location))
    }

    /// Facets other than enumerations are not enforced: said once, with how many types have them.
    private func facetWarning(_ simpleTypes: Set<QName>) -> Diagnostic? {
        let restricted = simpleTypes.sorted().compactMap { name -> (QName, SimpleType)? in
            guard let type = schemas.simpleTypes[name], case .atomic(_, var facets) = type.variety else { return nil }
            facets.enumerations = []
            facets.whiteSpace = nil
            return facets.isEmpty ? nil : (name, type)
        }
        guard let first = restricted.first else { return nil }
        let count = restricted.count
        return Diagnostic(
            .warning,
            "\(count == 1 ? "simple type '\(prefixed(first.0))' restricts its" : "\(count) simple types (first '\(prefixed(first.0))') restrict their") base with facets (pattern, length, range or digits) that the generated code does not enforce: values are checked against the base type only",
            at: first.1.location)
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
            if TypeNaming.isEnumeration(st) {
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
