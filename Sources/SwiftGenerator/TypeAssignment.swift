import WSDLModel

/// What the types translation decided that the service translation builds on: the Swift type
/// (and the static member of it describing the element) for each message element, and the
/// fields of each message type that can be parameters of a convenience method. The services
/// read this, never the types' render model.
struct TypeAssignment: Sendable {
    /// The Swift side of a global element used as a message: `Type.member` describes it.
    struct MessageElement: Sendable, Hashable {
        var typeName: String
        /// `messageElement`, or a member of its own when several elements share the type.
        var member: String
    }

    /// A field of a message type as a method parameter.
    struct Parameter: Sendable, Hashable {
        enum Occurrence: Sendable, Hashable {
            /// Exactly one: no default.
            case required
            /// Zero or one: `= nil`.
            case optional
            /// Any number: `= []`.
            case repeated
            /// Mixed content's character data: `= ""`.
            case text
        }
        /// The parameter's name as declared (backticked when a keyword).
        var swiftName: String
        /// The member-wise initializer's label.
        var argumentLabel: String
        var swiftType: String
        var occurrence: Occurrence
    }

    /// Message element → its Swift type and member.
    var messageElements: [QName: MessageElement] = [:]
    /// Swift type → its fields as parameters, for types whose fields are all simple values or
    /// lists and that hold no open content; other types are absent.
    var simpleParameters: [String: [Parameter]] = [:]
}

extension TypeAssignment {
    /// The assignment the render model of the types states.
    init(rootElements: [RootElementRenderModel], sharedMessageElements: [SharedMessageElementRenderModel], structs: [StructRenderModel]) {
        for root in rootElements { messageElements[root.element] = MessageElement(typeName: root.typeName, member: "messageElement") }
        for shared in sharedMessageElements { messageElements[shared.element] = MessageElement(typeName: shared.typeName, member: shared.memberName) }
        for model in structs {
            guard model.fields.allSatisfy({ ($0.isValue || $0.isList) && !$0.plainName.isEmpty }), model.otherElementsField.isEmpty, model.otherAttributesField.isEmpty else { continue }
            simpleParameters[model.qualifiedName] = model.fields.map { field in
                let occurrence: Parameter.Occurrence =
                    field.isMixedText ? .text : field.isRequired ? .required : field.isArray ? .repeated : .optional
                return Parameter(swiftName: field.swiftName, argumentLabel: field.argumentLabel, swiftType: field.swiftType, occurrence: occurrence)
            }
        }
    }
}
