import WSDLModel

/// Pass: what the generated code must declare. It starts from the message parts of the
/// selected operations (all of them when the configuration names none; every global element
/// of a bare schema) and follows types, element references, base types, attribute types and
/// substitution groups (where a head may appear, so may its members). ONVIF's `onvif.xsd` is
/// ~10,000 lines; a device implementing five operations reaches a small part of it.
struct Reachability: Sendable {
    /// The global elements, named complex types and named simple types reached.
    struct Result: Sendable, Equatable {
        var elements: Set<QName> = []
        var complexTypes: Set<QName> = []
        var simpleTypes: Set<QName> = []
    }

    let description: ServiceDescription
    /// The operations selected (`--operation`); empty selects all.
    let operations: Set<String>
    let substitutionGroups: SubstitutionGroups
    private var schemas: SchemaSet { description.schemas }

    init(description: ServiceDescription, operations: Set<String>, substitutionGroups: SubstitutionGroups) {
        self.description = description
        self.operations = operations
        self.substitutionGroups = substitutionGroups
    }

    /// Everything reachable from ``rootElements()`` (and, for a bare schema with no operation
    /// selected, every named type).
    func reach() -> Result {
        var result = Result()
        var typeQueue: [TypeReference] = []
        var elementQueue = rootElements()
        if description.messages.isEmpty && operations.isEmpty {
            typeQueue += schemas.complexTypes.keys.sorted().map { .named($0) }
            typeQueue += schemas.simpleTypes.keys.sorted().map { .named($0) }
        }
        while !elementQueue.isEmpty || !typeQueue.isEmpty {
            if let name = elementQueue.popLast() {
                guard !result.elements.contains(name), let element = schemas.elements[name] else { continue }
                result.elements.insert(name)
                if let type = element.type { typeQueue.append(type) }
                elementQueue += substitutionGroups.members(of: name)
                continue
            }
            guard let type = typeQueue.popLast() else { break }
            switch type {
            case .named(let name):
                if let ct = schemas.complexTypes[name], !result.complexTypes.contains(name) {
                    result.complexTypes.insert(name)
                    typeQueue.append(.anonymousComplex(ct))
                } else if let st = schemas.simpleTypes[name], !result.simpleTypes.contains(name) {
                    result.simpleTypes.insert(name)
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
        return result
    }

    /// The global elements the generator starts from: the message parts of the selected
    /// operations, or every global element of a bare schema.
    func rootElements() -> [QName] {
        var roots = Set<QName>()
        let selected = selectedMessages
        for message in description.messages.values where selected?.contains(message.name) ?? true {
            for part in message.parts {
                if let element = part.element { roots.insert(element) }
            }
        }
        if selected != nil { return roots.sorted() }
        if roots.isEmpty { roots = Set(schemas.elements.keys) }
        return roots.sorted()
    }

    /// The messages of the selected operations (inputs, outputs, faults, and the header
    /// messages their bindings name); `nil` when all are selected.
    var selectedMessages: Set<QName>? {
        guard !operations.isEmpty else { return nil }
        var messages = Set<QName>()
        for portType in description.portTypes.values {
            for operation in portType.operations where operations.contains(operation.name) {
                for reference in [operation.input, operation.output].compactMap({ $0 }) + operation.faults {
                    messages.insert(reference.message)
                }
            }
        }
        // Header parts may live in messages of their own, named only by the bindings.
        for binding in description.bindings.values {
            for operation in binding.operations where operations.contains(operation.name) {
                for header in operation.inputHeaders + operation.outputHeaders { messages.insert(header.message) }
            }
        }
        return messages
    }

    /// Selected operation names the WSDL does not have: one error naming those it has.
    func unknownOperations() -> [Diagnostic] {
        let known = Set(description.portTypes.values.flatMap { $0.operations.map(\.name) })
        return operations.sorted().filter { !known.contains($0) }.map { name in
            let available = known.sorted().joined(separator: ", ")
            return Diagnostic(.error, "no operation named '\(name)' in \(description.documents.first ?? "the input"); operations: \(available.isEmpty ? "none" : available)", at: nil)
        }
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
}
