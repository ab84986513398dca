import WSDLModel

/// Pass (first): rewrites every message the services exchange into the one shape the rest of
/// the pipeline generates, document/literal with one element part whose type is complex:
///
/// - **rpc/literal** (WSDL 1.1 §3.5, WS-I BP R2729) and **rpc/encoded** (SOAP 1.1 section 7
///   with section 5's encoding, whose wire form differs only in `href` references, which the
///   runtime resolves, and arrays, which ``SOAPEncodedArrays`` maps): the Body holds a wrapper element named
///   after the operation (`…Response` for the output) in the `soap:body namespace=`, with one
///   unqualified accessor element per body part, in part order. The pass declares those
///   wrappers as global elements and points the operation at one-part messages of them.
/// - **simple-typed message elements** (`<xs:element name="Echo" type="xs:string"/>`): the
///   element gets a complex type with simple content, so its request or response is a struct
///   with a `value`.
/// - **untyped message elements** (`xs:anyType`): open content, kept whole.
///
/// What it cannot rewrite it reports once, where it is declared: document/encoded, and
/// wrapper names that collide with declared elements.
struct MessageNormalizer {
    private(set) var description: ServiceDescription
    private(set) var diagnostics: [Diagnostic] = []

    init(_ description: ServiceDescription) {
        self.description = description
    }

    /// Port type operations already rewritten, with the wrappers they got.
    private var rewritten: [String: (input: QName?, output: QName?)] = [:]

    mutating func normalize() -> ServiceDescription {
        for name in description.bindings.keys.sorted() {
            guard var binding = description.bindings[name], binding.soapVersion != nil else { continue }
            normalizeRPC(&binding)
            description.bindings[name] = binding
        }
        normalizeSimpleMessageElements()
        return description
    }

    // MARK: rpc style

    private mutating func normalizeRPC(_ binding: inout Binding) {
        var encoded: [String] = []
        for index in binding.operations.indices {
            var bound = binding.operations[index]
            guard (bound.style ?? binding.style) == .rpc else {
                if bound.inputUse == .encoded || bound.outputUse == .encoded { encoded.append(bound.name) }
                continue
            }
            guard var portType = description.portTypes[binding.portType],
                let position = portType.operations.firstIndex(where: { $0.name == bound.name })
            else { continue }
            var operation = portType.operations[position]
            let key = "\(binding.portType)#\(operation.name)"
            let defaultNamespace = description.targetNamespace
            let wrappers: (input: QName?, output: QName?)
            if let done = rewritten[key] {
                wrappers = done
            } else {
                wrappers = (
                    operation.input.map { _ in QName(bound.inputNamespace ?? defaultNamespace, operation.name) },
                    operation.output.map { _ in QName(bound.outputNamespace ?? bound.inputNamespace ?? defaultNamespace, operation.name + "Response") })
                if let input = operation.input, let wrapper = wrappers.input {
                    guard let reference = wrap(input, as: wrapper, bodyParts: bound.inputBodyParts, headers: bound.inputHeaders, operation: operation) else { continue }
                    operation.input = reference
                }
                if let output = operation.output, let wrapper = wrappers.output {
                    guard let reference = wrap(output, as: wrapper, bodyParts: bound.outputBodyParts, headers: bound.outputHeaders, operation: operation) else { continue }
                    operation.output = reference
                }
                portType.operations[position] = operation
                description.portTypes[binding.portType] = portType
                rewritten[key] = wrappers
            }
            // The rewritten messages carry only the body: the header parts stay where the
            // binding's soap:header references find them.
            bound.style = .document
            bound.inputBodyParts = nil
            bound.outputBodyParts = nil
            binding.operations[index] = bound
        }
        if !encoded.isEmpty {
            diagnostics.append(Diagnostic(
                .error,
                "binding '\(binding.name.localName)' uses SOAP encoding with style=\"document\" for \(encoded.count == 1 ? "operation" : "operations") \(encoded.map { "'\($0)'" }.joined(separator: ", ")); SOAP encoding is generated for rpc style only (rpc/encoded), as WS-I and every stack that sends it use it",
                at: binding.location))
        }
    }

    /// Declares the rpc wrapper `name` of `reference`'s body parts and returns a reference to
    /// a one-part message of it; `nil` (with an error) when `name` is taken.
    private mutating func wrap(
        _ reference: Operation.MessageReference, as name: QName, bodyParts: [String]?, headers: [Binding.HeaderReference], operation: Operation
    ) -> Operation.MessageReference? {
        guard let message = description.messages[reference.message] else { return reference }
        if let existing = description.schemas.elements[name] {
            guard !isUsed(name) else {
                diagnostics.append(Diagnostic(
                    .error,
                    "rpc operation '\(operation.name)' needs a wrapper element '\(name.localName)' in '\(name.namespace)', but \(existing.location.fileName):\(existing.location.line) already declares one",
                    at: operation.location))
                return nil
            }
            diagnostics.append(Diagnostic(
                .warning,
                "element '\(name.localName)' of '\(name.namespace)', which nothing uses, gives way to the rpc wrapper of operation '\(operation.name)' of the same name",
                at: existing.location))
        }
        let inHeaders = Set(headers.filter { $0.message == message.name }.map(\.part))
        let body = message.parts.filter { part in bodyParts.map { $0.contains(part.name) } ?? !inHeaders.contains(part.name) }
        let accessors: [Particle] = body.map { part in
            if let element = part.element { return .elementReference(element, .one, part.location) }
            return .element(
                ElementDeclaration(name: QName("", part.name), isGlobal: false, form: .unqualified, type: part.type.map { .named($0) }, location: part.location),
                .one)
        }
        let type = ComplexType(
            name: nil, content: .group(ModelGroup(compositor: .sequence, particles: accessors, location: message.location)), location: message.location)
        description.schemas.elements[name] = ElementDeclaration(
            name: name, isGlobal: true, form: .qualified, type: .anonymousComplex(type),
            documentation: message.documentation ?? "The rpc wrapper of '\(operation.name)' (message '\(message.name.localName)').",
            location: message.location)
        if description.schemas.namespaces[name.namespace] == nil {
            description.schemas.namespaces[name.namespace] = SchemaNamespace(
                targetNamespace: name.namespace, documents: [], preferredPrefix: nil, elementFormDefault: .unqualified, attributeFormDefault: .unqualified)
        }
        var messageName = QName(message.name.namespace, "\(operation.name)·\(name.localName)")
        while description.messages[messageName] != nil { messageName.localName += "·" }
        description.messages[messageName] = Message(
            name: messageName, parts: [Message.Part(name: "parameters", element: name, type: nil, location: message.location)],
            documentation: message.documentation, location: message.location)
        var result = reference
        result.message = messageName
        return result
    }

    /// Whether a message part or a content model uses the global element `name` (a declared
    /// element nothing uses gives way to an rpc wrapper of its name: soapix's and other
    /// fixtures declare `AddResponse` beside an rpc/encoded `Add`).
    private func isUsed(_ name: QName) -> Bool {
        if description.messages.values.contains(where: { $0.parts.contains { $0.element == name } }) { return true }
        func uses(_ particle: Particle?) -> Bool {
            switch particle {
            case .elementReference(let reference, _, _)?: return reference == name
            case .group(let group)?: return group.particles.contains { uses($0) }
            case .element(let element, _)?: return uses(element.type)
            case .groupReference?, .any?, nil: return false
            }
        }
        func uses(_ type: TypeReference?) -> Bool {
            if case .anonymousComplex(let complex)? = type { return uses(complex.content) }
            return false
        }
        let schemas = description.schemas
        return schemas.complexTypes.values.contains { uses($0.content) }
            || schemas.elements.values.contains { $0.substitutionGroup == name || uses($0.type) }
            || schemas.groups.values.contains { uses(.group($0.group)) }
    }

    // MARK: Simple and untyped message elements

    private mutating func normalizeSimpleMessageElements() {
        let parts = Set(description.messages.values.flatMap(\.parts).compactMap(\.element))
        for name in parts.sorted() {
            guard var element = description.schemas.elements[name] else { continue }
            switch element.type {
            case .named(let type)? where BuiltinTypes.mapping(for: type)?.kind == .anyElement:
                element.type = .anonymousComplex(openContent(at: element.location))
            case .named(let type)?:
                let builtin = BuiltinTypes.mapping(for: type) != nil
                guard description.schemas.complexTypes[type] == nil, builtin || description.schemas.simpleTypes[type] != nil else { continue }
                element.type = .anonymousComplex(simpleContent(type, location: element.location))
            case .anonymousSimple(let simple)?:
                var typeName = QName(name.namespace, name.localName + "Value")
                while description.schemas.simpleTypes[typeName] != nil || description.schemas.complexTypes[typeName] != nil { typeName.localName += "_" }
                var named = simple
                named.name = typeName
                description.schemas.simpleTypes[typeName] = named
                element.type = .anonymousComplex(simpleContent(typeName, location: element.location))
            case nil:
                element.type = .anonymousComplex(openContent(at: element.location))
            case .anonymousComplex?:
                continue
            }
            description.schemas.elements[name] = element
        }
    }

    /// `xs:anyType` spelled out: any attributes, any children, text kept in order.
    private func openContent(at location: SourceLocation) -> ComplexType {
        let children = Wildcard(namespaces: .any, processContents: .lax, occurs: .many, location: location)
        return ComplexType(
            name: nil, isMixed: true, content: .group(ModelGroup(compositor: .sequence, particles: [.any(children)], location: location)),
            anyAttribute: Wildcard(namespaces: .any, processContents: .lax, occurs: .optional, location: location), location: location)
    }

    private func simpleContent(_ base: QName, location: SourceLocation) -> ComplexType {
        ComplexType(name: nil, derivation: Derivation(method: .extension, contentKind: .simple, base: base, location: location), content: nil, location: location)
    }
}
