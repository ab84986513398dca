import WSDLModel

// The field models of a struct's render model: one per flattened element, attribute, text
// value or open content, with the Swift type, occurrence and coding flags the templates test.

extension TypesTranslator {
    /// The bindings of the prefixes a text value uses (an ONVIF topic's `tns1:`), kept so that
    /// the value keeps its meaning when written again.
    func textNamespacesField(memberNames: inout Set<String>) -> FieldRenderModel {
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

    func fieldModel(_ field: FlatField, resolved: ResolvedType, memberName: String) -> FieldRenderModel {
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
    func nillableFieldModel(_ field: FlatField, resolved: ResolvedType, memberName: String) -> FieldRenderModel {
        var model = plainFieldModel(field, resolved: resolved, memberName: memberName)
        let wrapped = "XMLNillable<\(resolved.declaredType)>"
        model.isNillable = true
        model.swiftType = model.isSingle ? (model.isRequired ? wrapped : "\(wrapped)?") : "[\(wrapped)]"
        model.decodeVariableType = model.isSingle ? "\(wrapped)?" : "[\(wrapped)]"
        model.docLines.append("`nillable`: `.nil` stands for `xsi:nil=\"true\"`.")
        return model
    }

    func plainFieldModel(_ field: FlatField, resolved: ResolvedType, memberName: String) -> FieldRenderModel {
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

    func openContentField(_ memberName: String, wildcard: Wildcard, attribute: Bool, contextNamespace: String) -> FieldRenderModel {
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
}
