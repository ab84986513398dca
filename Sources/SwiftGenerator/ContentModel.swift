import WSDLModel

/// How a field's value is represented and coded.
enum ValueKind: Sendable, Hashable {
    /// One `XSDSimpleValue` (built-in or generated enum).
    case value
    /// A whitespace-separated list of `XSDSimpleValue`s; `swiftType` is the item type.
    case list
    /// A generated struct.
    case complex
    /// `xs:anyType`: kept as `XMLAnyElement`.
    case anyElement
}

/// A resolved Swift type for schema content: the Swift spelling and how it is coded.
struct ResolvedType: Sendable, Hashable {
    var swiftType: String
    var kind: ValueKind

    /// The type of a single occurrence as declared in Swift (`[T]` for lists).
    var declaredType: String { kind == .list ? "[\(swiftType)]" : swiftType }
}

/// One element or attribute of a complex type after derivation, groups and references are
/// flattened: the stage between the IR and the render model.
struct FlatField: Sendable, Hashable {
    /// The wire name written (namespace empty when unqualified).
    var name: QName
    /// The namespace also accepted when reading (the declaring schema's target namespace).
    var matchNamespace: String
    var occurs: Occurs
    var type: TypeReference?
    var documentation: String?
    var isAttribute: Bool
}

/// The flattened content of a complex type.
struct FlatContent: Sendable, Hashable {
    var elements: [FlatField] = []
    var attributes: [FlatField] = []
    var anyElement: Wildcard?
    var anyAttribute: Wildcard?
    /// For `simpleContent`: the simple type of the text.
    var simpleContent: TypeReference?
    var isMixed = false
}

extension Occurs {
    /// The occurrence of a particle inside a group that itself occurs `outer` times.
    func within(_ outer: Occurs) -> Occurs {
        let max: Int? = if let a = self.max, let b = outer.max { a * b } else { nil }
        return Occurs(min: self.min * outer.min, max: max)
    }
}
