import WSDLModel

/// The render model: every Swift decision (names, types, occurrences, which coding call) made
/// ahead of the templates, which only test presence. Templates read these values by property
/// name (Mustache reflects them), so every property a template section names must exist on the
/// model it renders, or the lookup would climb to an enclosing context.
struct FileRenderModel: Sendable {
    var generatorVersion: String
    var inputs: String
    var regenerateCommand: String
    var access: String
    var imports: [String]
    var namespacesTypeName: String
    var namespaces: [NamespaceRenderModel]
    var enums: [EnumRenderModel]
    var unions: [UnionRenderModel]
    var structs: [StructRenderModel]
    var rootElements: [RootElementRenderModel]
    var sharedMessageElements: [SharedMessageElementRenderModel]
}

struct NamespaceRenderModel: Sendable {
    var swiftName: String
    var prefix: String
    var uri: String
    var isLast: Bool
}

struct EnumRenderModel: Sendable {
    var name: String
    var qualifiedName: String
    var docLines: [String]
    var remark: String
    var cases: [EnumCaseRenderModel]
    /// Always empty; present so template lookups stop here.
    var nestedEnums: [EnumRenderModel] = []
}

/// A named `xs:union` whose members map to different Swift types: an enum with one case per
/// member, decoding to the first member that accepts the text (XML Schema's rule).
struct UnionRenderModel: Sendable {
    var name: String
    var qualifiedName: String
    var docLines: [String]
    var members: [UnionMemberRenderModel]
    var typeDescription: String
}

struct UnionMemberRenderModel: Sendable {
    var caseName: String
    var swiftType: String
    /// The member's schema name, for documentation.
    var memberDescription: String
    var isLast: Bool
}

struct EnumCaseRenderModel: Sendable {
    var swiftName: String
    /// The XML value, escaped for a Swift string literal.
    var literal: String
    var docLines: [String]
    var isLast: Bool
}

struct StructRenderModel: Sendable {
    var name: String
    var qualifiedName: String
    var ownerXMLName: String
    var docLines: [String]
    var remark: String
    var isMixed: Bool
    var fields: [FieldRenderModel]
    var attributeFields: [FieldRenderModel]
    var elementFields: [FieldRenderModel]
    /// Zero or one field each (arrays so an absent one renders nothing).
    var simpleContentField: [FieldRenderModel]
    /// Mixed content: the `text` field collecting the character data.
    var mixedTextField: [FieldRenderModel]
    /// The `textNamespaces` field of a text value (zero or one).
    var textNamespacesField: [FieldRenderModel]
    var otherElementsField: [FieldRenderModel]
    var otherAttributesField: [FieldRenderModel]
    var hasAttributeHandling: Bool
    var nestedEnums: [EnumRenderModel]
    var nestedStructs: [StructRenderModel]
    /// The enums of this type's `xs:choice`s.
    var choiceEnums: [ChoiceEnumRenderModel]
    /// Choice fields with a wildcard branch, matched after every declared element.
    var choiceWildcardFields: [FieldRenderModel]
    /// A SOAP 1.1 encoded array (zero or one): what its encoder writes as `soapenc:arrayType`.
    var soapArray: [SOAPArrayRenderModel] = []
}

/// The `soapenc:arrayType` of an encoded array: its item type and the field holding the items.
struct SOAPArrayRenderModel: Sendable {
    var itemNamespace: String
    var itemLocalName: String
    var itemsName: String
}

/// The enum of an `xs:choice`: a case per branch.
struct ChoiceEnumRenderModel: Sendable {
    var name: String
    var qualifiedName: String
    /// The enum's own documentation (branches have `docLines` of their own).
    var enumDocLines: [String]
    var branches: [ChoiceBranchRenderModel]
    /// A branch holds the owner again (recursion): the enum stores payloads out of line.
    var isIndirect: Bool
}

/// One branch of a choice. It has no `plainName`, `isSingle` or `isArray`: inside a branch
/// section those names resolve to the choice's field.
struct ChoiceBranchRenderModel: Sendable {
    var caseName: String
    /// `T`, or `[T]` for a repeated element inside a single choice.
    var payloadType: String
    /// The type handed to the reader for one element.
    var valueType: String
    var docLines: [String]
    var prefixedName: String
    var xmlLocalName: String
    var xmlNamespace: String
    var matchNamespace: String
    var isUnqualified: Bool
    var isRepeatedBranch: Bool
    var isValue: Bool
    var isList: Bool
    var isComplex: Bool
    var isAnyElement: Bool
    /// The namespaces the wildcard branch accepts (zero or one).
    var wildcard: [WildcardRenderModel] = []
}

/// The `namespace=` of an `xs:any` or `xs:anyAttribute`, rendered as an `XMLWildcard`.
struct WildcardRenderModel: Sendable {
    /// `##any`.
    var isAnyNamespace: Bool
    /// `##other`: the target namespace left out (zero or one, escaped).
    var otherNamespace: [String]
    /// A list of namespaces (escaped; empty for `##local`).
    var isNamespaceList: Bool
    var namespaceList: [ListItemRenderModel]
}

/// One item of a comma-separated list in a template.
struct ListItemRenderModel: Sendable {
    /// Escaped for a Swift string literal.
    var literal: String
    var isLast: Bool
}

struct FieldRenderModel: Sendable {
    /// The Swift name as declared (backticked when a keyword).
    var swiftName: String
    /// The Swift name without backticks, for derived local names.
    var plainName: String
    var swiftType: String
    var docLines: [String]
    var isFirst: Bool
    /// The type of the decoder's local (`T?` or `[T]`).
    var decodeVariableType: String
    /// Escaped for a Swift string literal, as every XML name and namespace in the model.
    var xmlLocalName: String
    /// The namespace written (empty when unqualified).
    var xmlNamespace: String
    /// The namespace accepted besides none when reading (local elements either way).
    var matchNamespace: String
    /// Written without a namespace (an unqualified local element).
    var isUnqualified: Bool
    var isSingle: Bool
    var isRequired: Bool
    var isOptional: Bool
    var isArray: Bool
    var isValue: Bool
    var isList: Bool
    var isComplex: Bool
    var isAnyElement: Bool
    /// The type handed to the reader: the value type, a list's item type, or the struct.
    var valueType: String
    var kindDescription: String
    /// Open content: the namespaces it accepts (zero or one).
    var wildcard: [WildcardRenderModel]
    var isAttributeField: Bool
    /// Stored inline (`isIndirect` is the opposite).
    var isDirect: Bool
    /// Stored out of line in an `XMLIndirect` box named `storageName` (recursive types).
    var isIndirect: Bool
    var storageName: String
    /// What the box holds: `swiftType` without its optional (`XMLNillable<T>` for a nillable field).
    var storageType: String = ""
    /// The name as an argument label at a call site (backticked only for `inout`, `var`, `let`).
    var argumentLabel: String
    /// An `xs:choice`: `choiceBranches` (and `choiceWildcard`, zero or one) instead of one element.
    var isChoice: Bool
    /// A declared element (not a choice, not open content).
    var isPlainElement: Bool
    var choiceBranches: [ChoiceBranchRenderModel]
    var choiceWildcard: [ChoiceBranchRenderModel]
    var choiceEnumName: String
    /// A text value (simple content string, mixed text) whose prefixes' bindings are kept in
    /// the field `textNamespacesName`.
    var hasTextNamespaces: Bool
    var textNamespacesName: String
    /// `default=`/`fixed=` of a single simple value: taken when an attribute is absent or an
    /// element empty (`defaultLexical` escaped for a string literal).
    var hasDefaultValue: Bool
    var defaultLexical: String
    /// `fixed=`: another value is refused by strict readers.
    var hasFixedValue: Bool
    var fixedLexical: String
    /// A `nillable` element: values are `XMLNillable` (`.nil` records `xsi:nil`).
    var isNillable: Bool
    /// The character data of mixed content: a `String`, empty when there is none.
    var isMixedText = false
    /// The items of a SOAP encoded array: every child element is one, whatever its name.
    var matchesAnyName = false
}

struct RootElementRenderModel: Sendable {
    /// The element (not rendered; for the service translation).
    var element: QName
    var typeName: String
    var namespace: String
    var localName: String
    var prefixedName: String
}

/// A message element whose complex type other global elements share: a static descriptor on
/// the type (`Get.getAudioOutputsElement`).
struct SharedMessageElementRenderModel: Sendable {
    /// The element (not rendered; for the service translation).
    var element: QName
    var typeName: String
    var memberName: String
    var namespace: String
    var localName: String
    var prefixedName: String
}

/// `Client.swift` / `Server.swift`.
struct ServiceFileRenderModel: Sendable {
    var generatorVersion: String
    var inputs: String
    var regenerateCommand: String
    var access: String
    /// `public` output: members built on the runtime's `@_spi(Generated)` types are SPI too.
    var isPublicAccess: Bool
    var imports: [String]
    var services: [ServiceRenderModel]
}

/// One port type bound to SOAP: its client, service protocol and dispatcher.
struct ServiceRenderModel: Sendable {
    var portTypeName: String
    var bindingName: String
    var clientName: String
    /// What the client conforms to (`…ClientProtocol`): mock it in tests of code that calls the service.
    var clientProtocolName: String
    var protocolName: String
    var dispatcherName: String
    var docLines: [String]
    var soapVersion: String
    var soapVersionNumber: String
    var exampleEndpoint: String
    var operations: [OperationRenderModel]
    /// `true` when the WSDL declares WS-Addressing actions for the port type's messages: its
    /// client sends WS-Addressing headers by default.
    var usesAddressing = false
}

struct OperationRenderModel: Sendable {
    var name: String
    var methodName: String
    /// A Swift expression: a string literal or `nil`.
    var actionLiteral: String
    /// The WS-Addressing action of the response (a string literal), for dispatchers that
    /// answer with WS-Addressing headers; empty for a one-way operation.
    var responseActionLiteral = ""
    /// `, addressingAction: "…"` when the request's WS-Addressing action is not its SOAP
    /// action (no `soapAction`, or a `wsam:Action` that differs), else empty.
    var addressingActionArgument = ""
    var requestType: String
    /// The static member of `requestType` describing the request's message element.
    var requestElement: String
    /// `Void` for a one-way operation.
    var responseType: String
    var responseElement: String
    /// No output message: the client sends and accepts HTTP 202; the server answers 202.
    var isOneWay: Bool
    var hasResponse: Bool
    var docLines: [String]
    var hasConvenience: Bool
    var convenienceFields: [ParameterRenderModel]
    /// `soap:header` parts of the input: optional parameters of the client method, read on the
    /// server through `context.header(_:)`.
    var inputHeaders: [HeaderRenderModel] = [] { didSet { hasInputHeaders = !inputHeaders.isEmpty } }
    /// Stored, not computed: the template renderer reads stored properties only.
    var hasInputHeaders = false
    var hasConvenienceFields = false
    /// `soap:header` parts of the output: the client's `…WithHeaders` method returns them; the
    /// server method returns a `SOAPResponse` carrying them.
    var outputHeaders: [HeaderRenderModel] = [] { didSet { hasOutputHeaders = !outputHeaders.isEmpty } }
    var hasOutputHeaders = false
    /// The output message has no parts: the client method's result (`SOAPEmptyBody`) may be ignored.
    var hasEmptyResponse = false
    var isLast: Bool
}

/// One `soap:header` part of a bound operation.
struct HeaderRenderModel: Sendable {
    /// The client method's parameter (from the part's name).
    var parameterName: String
    var typeName: String
    /// The static member of `typeName` describing the header's element.
    var element: String
    var partName: String
    var isFirst: Bool
}

/// A field of the request as a parameter of the client's convenience method.
struct ParameterRenderModel: Sendable {
    var swiftName: String
    var argumentLabel: String
    var swiftType: String
    var isFirst: Bool
    /// No default value.
    var isRequired: Bool
    /// `= nil`.
    var isOptional: Bool
    /// `= []`.
    var isArray: Bool
    /// `= ""`.
    var isMixedText: Bool
}
