import WSDLModel

/// Pass: translates port types bound to SOAP into the render model of `Client.swift` and
/// `Server.swift`, using the type names the types translation chose.
struct ServiceTranslator {
    let description: ServiceDescription
    let types: TypesTranslator.Output
    private(set) var diagnostics: [Diagnostic] = []

    init(description: ServiceDescription, types: TypesTranslator.Output) {
        self.description = description
        self.types = types
    }

    mutating func translate() -> [ServiceRenderModel] {
        var rootTypes: [QName: String] = [:]
        for root in types.rootElements { rootTypes[QName(root.namespace, root.localName)] = root.typeName }
        var structsByName: [String: StructRenderModel] = [:]
        for model in types.structs { structsByName[model.qualifiedName] = model }

        var services: [ServiceRenderModel] = []
        var usedNames: Set<String> = []
        for portType in description.portTypes.values.sorted(by: { $0.name < $1.name }) {
            // The SOAP binding of this port type, SOAP 1.2 preferred.
            let bindings = description.bindings.values.filter { $0.portType == portType.name && $0.soapVersion != nil }.sorted { $0.name < $1.name }
            guard let binding = bindings.first(where: { $0.soapVersion == .soap12 }) ?? bindings.first, let version = binding.soapVersion else {
                diagnostics.append(Diagnostic(.warning, "port type '\(portType.name.localName)' has no SOAP binding; no client or server is generated for it", at: portType.location))
                continue
            }
            let address = description.services.values.sorted { $0.name < $1.name }
                .flatMap(\.ports).first { $0.binding == binding.name }?.address ?? "http://127.0.0.1/"
            var operations: [OperationRenderModel] = []
            var methodNames: Set<String> = []
            for operation in portType.operations {
                let bound = binding.operations.first { $0.name == operation.name }
                if (bound?.style ?? binding.style) == .rpc {
                    diagnostics.append(Diagnostic(.error, "operation '\(operation.name)' uses rpc style; only document/literal is supported", at: operation.location))
                    continue
                }
                guard let request = messageElement(operation.input, operation: operation.name, role: "input"),
                    let response = messageElement(operation.output, operation: operation.name, role: "output")
                else { continue }
                guard let requestType = rootTypes[request], let responseType = rootTypes[response] else {
                    diagnostics.append(Diagnostic(.error, "operation '\(operation.name)': its message elements must have complex types to be generated", at: operation.location))
                    continue
                }
                let requestModel = structsByName[requestType]
                let simple = requestModel.map { model in
                    model.fields.allSatisfy { ($0.isValue || $0.isList) && !$0.plainName.isEmpty } && model.otherElementsField.isEmpty && model.otherAttributesField.isEmpty
                } ?? false
                let action = bound?.soapAction
                operations.append(
                    OperationRenderModel(
                        name: operation.name,
                        methodName: SwiftNaming.escaped(SwiftNaming.unique(SwiftNaming.memberName(operation.name), in: &methodNames)),
                        actionLiteral: action.map { "\"\(SwiftNaming.stringLiteral($0))\"" } ?? "nil",
                        requestType: requestType, responseType: responseType,
                        docLines: SwiftNaming.docLines(operation.documentation, remark: "\(operation.location.fileName):\(operation.location.line) \(operation.name)"),
                        hasConvenience: simple, convenienceFields: simple ? (requestModel?.fields ?? []) : [],
                        isLast: false))
            }
            if !operations.isEmpty { operations[operations.count - 1].isLast = true }
            let base = SwiftNaming.typeName(portType.name.localName)
            services.append(
                ServiceRenderModel(
                    portTypeName: portType.name.localName,
                    clientName: SwiftNaming.unique(base + "Client", in: &usedNames),
                    protocolName: SwiftNaming.unique(base + "Service", in: &usedNames),
                    dispatcherName: SwiftNaming.unique(base + "Dispatcher", in: &usedNames),
                    docLines: SwiftNaming.docLines(portType.documentation, remark: "\(portType.location.fileName):\(portType.location.line) \(portType.name.localName)"),
                    soapVersion: version == .soap12 ? ".soap12" : ".soap11", soapVersionNumber: version.rawValue,
                    exampleEndpoint: address, operations: operations))
        }
        return services
    }

    /// The element of a document/literal message's single part.
    private mutating func messageElement(_ reference: Operation.MessageReference?, operation: String, role: String) -> QName? {
        guard let reference else {
            diagnostics.append(Diagnostic(.error, "operation '\(operation)' has no \(role); one-way and notification operations are not supported", at: nil))
            return nil
        }
        guard let message = description.messages[reference.message] else {
            diagnostics.append(Diagnostic(.error, "unknown message '\(reference.message.localName)'", at: reference.location))
            return nil
        }
        guard message.parts.count == 1, let element = message.parts[0].element else {
            diagnostics.append(Diagnostic(.error, "message '\(message.name.localName)' must have exactly one part with an element= for document/literal", at: message.location))
            return nil
        }
        return element
    }
}
