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
    /// For an element reference (`ref=`): the global element, whose own generated type is
    /// used instead of re-declaring its anonymous type at every use.
    var globalElement: QName? = nil
    /// For an `xs:choice` of elements: its branches (the field itself stands for the choice).
    var choice: FlatChoice? = nil
    /// `default=` (or `fixed=`, which is also the value when absent) as written.
    var defaultValue: String? = nil
    /// `fixed=` as written.
    var fixedValue: String? = nil
    /// `nillable="true"`: `xsi:nil` is a value of its own.
    var isNillable = false
}

/// An `xs:choice` whose branches are elements (and at most one wildcard): emitted as an enum
/// with one case per branch, so exactly one branch is present by construction.
struct FlatChoice: Sendable, Hashable {
    /// One per branch element; `occurs` is the branch's own (within one occurrence of the choice).
    var branches: [FlatField]
    var wildcard: Wildcard?
    var location: SourceLocation
    /// For a substitution group: the head element, after which the field and enum are named.
    var head: QName? = nil
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
