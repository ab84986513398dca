import WSDLModel

/// Pass: translates SOAP bindings into the render model of `Client.swift` and `Server.swift`,
/// using the type names the types translation chose: one client, service protocol and
/// dispatcher per bound port type (SOAP 1.2 preferred where a port type has both versions).
struct ServiceTranslator {
    let description: ServiceDescription
    let types: TypeAssignment
    /// Operations to generate; empty: all.
    let selectedOperations: Set<String>
    private(set) var diagnostics: [Diagnostic] = []

    init(description: ServiceDescription, types: TypeAssignment, operations: Set<String> = []) {
        self.description = description
        self.types = types
        self.selectedOperations = operations
    }

    /// The bindings to generate: per port type, its SOAP 1.2 bindings, else its SOAP 1.1 ones.
    private mutating func selectedBindings() -> [(portType: PortType, binding: Binding, version: SOAPVersion)] {
        var selected: [(PortType, Binding, SOAPVersion)] = []
        for portType in description.portTypes.values.sorted(by: { $0.name < $1.name }) {
            if !selectedOperations.isEmpty, !portType.operations.contains(where: { selectedOperations.contains($0.name) }) { continue }
            let bindings = description.bindings.values.filter { $0.portType == portType.name && $0.soapVersion != nil }.sorted { $0.name < $1.name }
            let preferred = bindings.contains { $0.soapVersion == .soap12 } ? bindings.filter { $0.soapVersion == .soap12 } : bindings
            if preferred.isEmpty {
                diagnostics.append(Diagnostic(.warning, "port type '\(portType.name.localName)' has no SOAP binding; no client or server is generated for it", at: portType.location))
            }
            for binding in preferred {
                if let version = binding.soapVersion { selected.append((portType, binding, version)) }
            }
        }
        return selected
    }

    mutating func translate() -> [ServiceRenderModel] {
        var messageElements = types.messageElements
        messageElements[Self.emptyBody] = TypeAssignment.MessageElement(typeName: "SOAPEmptyBody", member: "messageElement")

        var services: [ServiceRenderModel] = []
        var usedNames: Set<String> = []
        let selected = selectedBindings()
        let bindingsPerPortType = Dictionary(grouping: selected, by: { $0.portType.name }).mapValues(\.count)
        for (portType, binding, version) in selected {
            let address = description.services.values.sorted { $0.name < $1.name }
                .flatMap(\.ports).first { $0.binding == binding.name }?.address ?? "http://127.0.0.1/"
            var operations: [OperationRenderModel] = []
            var methodNames: Set<String> = []
            var usesAddressing = false
            for operation in portType.operations where selectedOperations.isEmpty || selectedOperations.contains(operation.name) {
                let bound = binding.operations.first { $0.name == operation.name }
                // rpc/encoded (the normalizer rewrote it to one wrapper element per message, and
                // refuses document/encoded).
                let isEncoded = bound?.inputUse == .encoded || bound?.outputUse == .encoded
                if bound == nil, binding.style == .rpc {
                    diagnostics.append(Diagnostic(.error, "rpc operation '\(operation.name)' of '\(portType.name.localName)' is not in binding '\(binding.name.localName)', which would say its namespace", at: operation.location))
                    continue
                }
                guard let input = operation.input else {
                    diagnostics.append(Diagnostic(.warning, "operation '\(operation.name)' of '\(portType.name.localName)' is a notification (output only); it is not generated", at: operation.location))
                    continue
                }
                guard let request = messageElement(input, bodyParts: bound?.inputBodyParts, headers: bound?.inputHeaders ?? [], operation: operation.name) else { continue }
                var response: QName?
                if let output = operation.output {
                    guard let element = messageElement(output, bodyParts: bound?.outputBodyParts, headers: bound?.outputHeaders ?? [], operation: operation.name) else { continue }
                    response = element
                }
                guard var requestType = messageElements[request], response.map({ messageElements[$0] != nil }) ?? true else {
                    let element = messageElements[request] == nil ? request : (response ?? request)
                    diagnostics.append(Diagnostic(.error, "operation '\(operation.name)': message element '\(element.localName)' must have a complex type to be generated", at: operation.location))
                    continue
                }
                var responseType = response.flatMap { messageElements[$0] }
                // rpc/encoded wrappers are their operation's own: the encoded message element.
                if isEncoded {
                    if request != Self.emptyBody { requestType.member = "soapEncodedMessageElement" }
                    if let element = response, element != Self.emptyBody { responseType?.member = "soapEncodedMessageElement" }
                }
                let simpleParameters = types.simpleParameters[requestType.typeName]
                let simple = simpleParameters != nil
                let parameters = (simpleParameters ?? []).enumerated().map { index, parameter in
                    ParameterRenderModel(
                        swiftName: parameter.swiftName, argumentLabel: parameter.argumentLabel, swiftType: parameter.swiftType, isFirst: index == 0,
                        isRequired: parameter.occurrence == .required, isOptional: parameter.occurrence == .optional,
                        isArray: parameter.occurrence == .repeated, isMixedText: parameter.occurrence == .text)
                }
                let action = bound?.soapAction
                var parameterNames: Set<String> = ["request"]
                for parameter in parameters { parameterNames.insert(parameter.swiftName) }
                let inputHeaders = headerModels(bound?.inputHeaders ?? [], operation: operation, names: &parameterNames)
                var outputNames: Set<String> = []
                let outputHeaders = responseType == nil ? [] : headerModels(bound?.outputHeaders ?? [], operation: operation, names: &outputNames)
                operations.append(
                    OperationRenderModel(
                        name: SwiftNaming.stringLiteral(operation.name),
                        methodName: SwiftNaming.escaped(SwiftNaming.unique(SwiftNaming.memberName(operation.name), in: &methodNames)),
                        actionLiteral: action.map { "\"\(SwiftNaming.stringLiteral($0))\"" } ?? "nil",
                        requestType: requestType.typeName, requestElement: requestType.member,
                        responseType: responseType?.typeName ?? "Void", responseElement: responseType?.member ?? "",
                        isOneWay: responseType == nil, hasResponse: responseType != nil,
                        docLines: SwiftNaming.docLines(operation.documentation, remark: "\(operation.location.fileName):\(operation.location.line) \(operation.name)"),
                        hasConvenience: simple, convenienceFields: parameters,
                        isLast: false))
                if let output = operation.output, responseType != nil {
                    let responseAction = Self.responseAction(
                        declared: output.action, soapAction: action, portType: portType.name, operation: operation.name, outputName: output.name)
                    operations[operations.count - 1].responseActionLiteral = "\"\(SwiftNaming.stringLiteral(responseAction))\""
                }
                let requestAction = Self.requestAction(declared: input.action, soapAction: action, portType: portType.name, operation: operation.name, inputName: input.name)
                if requestAction != action {
                    operations[operations.count - 1].addressingActionArgument = ", addressingAction: \"\(SwiftNaming.stringLiteral(requestAction))\""
                }
                if input.action != nil || operation.output?.action != nil { usesAddressing = true }
                operations[operations.count - 1].inputHeaders = inputHeaders
                operations[operations.count - 1].outputHeaders = outputHeaders
                operations[operations.count - 1].hasConvenienceFields = !parameters.isEmpty
                operations[operations.count - 1].hasEmptyResponse = response == Self.emptyBody
                if request == Self.emptyBody {
                    operations[operations.count - 1].hasConvenience = true
                    operations[operations.count - 1].convenienceFields = []
                }
            }
            if !operations.isEmpty { operations[operations.count - 1].isLast = true }
            // Named after the port type ("EventPortType" → Event), or after the binding when
            // one port type has several bindings of the preferred SOAP version.
            let base: String
            if bindingsPerPortType[portType.name, default: 0] > 1 {
                base = SwiftNaming.typeName(Self.trimming(binding.name.localName, suffixes: ["Binding"]))
            } else {
                base = SwiftNaming.typeName(Self.trimming(portType.name.localName, suffixes: ["PortType"]))
            }
            services.append(
                ServiceRenderModel(
                    portTypeName: portType.name.localName,
                    bindingName: binding.name.localName,
                    clientName: SwiftNaming.unique(base + "Client", in: &usedNames),
                    clientProtocolName: SwiftNaming.unique(base + "ClientProtocol", in: &usedNames),
                    protocolName: SwiftNaming.unique(base + "Service", in: &usedNames),
                    dispatcherName: SwiftNaming.unique(base + "Dispatcher", in: &usedNames),
                    docLines: SwiftNaming.docLines(portType.documentation, remark: "\(portType.location.fileName):\(portType.location.line) \(portType.name.localName)"),
                    soapVersion: version == .soap12 ? ".soap12" : ".soap11", soapVersionNumber: version.rawValue,
                    exampleEndpoint: address, operations: operations, usesAddressing: usesAddressing))
        }
        // A description that declares addressing actions anywhere speaks WS-Addressing
        // throughout: event.wsdl declares them for ONVIF's port types, not for the OASIS
        // WS-Notification port types it binds beside them, whose messages need it as much.
        if services.contains(where: \.usesAddressing) {
            for index in services.indices { services[index].usesAddressing = true }
        }
        return services
    }

    /// The action of an operation's response: the one the WSDL declares (`wsam:Action`), else
    /// the request's SOAP action with its `Request` suffix made `Response` (what WS-Notification
    /// and ONVIF devices send: `…/SubscriptionManager/RenewResponse`), else WS-Addressing
    /// Metadata's default pattern, `[target namespace]/[port type]/[output name]` with the
    /// output named `[operation]Response` when it has no name.
    static func responseAction(declared: String?, soapAction: String?, portType: QName, operation: String, outputName: String?) -> String {
        if let declared, !declared.isEmpty { return declared }
        if let soapAction, soapAction.hasSuffix("Request"), soapAction.count > "Request".count {
            return String(soapAction.dropLast("Request".count)) + "Response"
        }
        let namespace = portType.namespace
        let delimiter = namespace.hasPrefix("urn:") ? ":" : "/"
        let base = namespace.hasSuffix(delimiter) ? String(namespace.dropLast()) : namespace
        return base + delimiter + portType.localName + delimiter + (outputName ?? operation + "Response")
    }

    /// The WS-Addressing action of an operation's request: the one the WSDL declares, else its
    /// SOAP action (what ONVIF clients and devices use), else WS-Addressing Metadata's default,
    /// `[target namespace]/[port type]/[input name]` with the input named `[operation]Request`
    /// when it has no name.
    static func requestAction(declared: String?, soapAction: String?, portType: QName, operation: String, inputName: String?) -> String {
        if let declared, !declared.isEmpty { return declared }
        if let soapAction, !soapAction.isEmpty { return soapAction }
        let namespace = portType.namespace
        let delimiter = namespace.hasPrefix("urn:") ? ":" : "/"
        let base = namespace.hasSuffix(delimiter) ? String(namespace.dropLast()) : namespace
        return base + delimiter + portType.localName + delimiter + (inputName ?? operation + "Request")
    }

    /// Stands for the empty Body of a message with no body parts.
    static let emptyBody = QName("", "")

    /// `name` without the first of `suffixes` it ends with, unless nothing would be left.
    static func trimming(_ name: String, suffixes: [String]) -> String {
        for suffix in suffixes where name.count > suffix.count && name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// The element of the one part of a document/literal message that travels in the Body:
    /// the part `soap:body parts=` names, else the one part no `soap:header` of the same
    /// message takes; ``emptyBody`` when no part does.
    private mutating func messageElement(
        _ reference: Operation.MessageReference, bodyParts: [String]?, headers: [Binding.HeaderReference], operation: String
    ) -> QName? {
        guard let message = description.messages[reference.message] else {
            diagnostics.append(Diagnostic(.error, "unknown message '\(reference.message.localName)'", at: reference.location))
            return nil
        }
        let inHeaders = Set(headers.filter { $0.message == message.name }.map(\.part))
        let body = message.parts.filter { part in bodyParts.map { $0.contains(part.name) } ?? !inHeaders.contains(part.name) }
        if let bodyParts, let missing = bodyParts.first(where: { name in !message.parts.contains { $0.name == name } }) {
            diagnostics.append(Diagnostic(.error, "operation '\(operation)': soap:body names part '\(missing)', which message '\(message.name.localName)' does not have", at: message.location))
            return nil
        }
        if body.isEmpty { return Self.emptyBody }
        guard body.count == 1, let element = body[0].element else {
            let what = body.count > 1 ? "\(body.count) parts (\(body.map(\.name).joined(separator: ", ")))" : "a part with type= instead of element="
            diagnostics.append(Diagnostic(
                .error, "operation '\(operation)': message '\(message.name.localName)' puts \(what) in the SOAP Body; document/literal needs exactly one part with an element=",
                at: message.location))
            return nil
        }
        return element
    }

    /// The typed header parameters of an operation: one per `soap:header` whose part is a
    /// global element of a complex type; any other is left out with a warning.
    private mutating func headerModels(_ headers: [Binding.HeaderReference], operation: Operation, names: inout Set<String>) -> [HeaderRenderModel] {
        var models: [HeaderRenderModel] = []
        for header in headers {
            let location = header.location ?? operation.location
            guard let message = description.messages[header.message], let part = message.parts.first(where: { $0.name == header.part }) else {
                diagnostics.append(Diagnostic(.error, "operation '\(operation.name)': soap:header names part '\(header.part)' of message '\(header.message.localName)', which does not exist", at: location))
                continue
            }
            guard let element = part.element, let type = types.messageElements[element] else {
                diagnostics.append(Diagnostic(
                    .warning, "operation '\(operation.name)': header part '\(part.name)' is not a global element of a complex type; it is not generated (send it through the security policy or SOAPClient headers)",
                    at: location))
                continue
            }
            if models.contains(where: { $0.typeName == type.typeName && $0.element == type.member }) { continue }
            models.append(HeaderRenderModel(
                parameterName: SwiftNaming.escaped(SwiftNaming.unique(SwiftNaming.memberName(part.name), in: &names)),
                typeName: type.typeName, element: type.member, partName: SwiftNaming.stringLiteral(part.name), isFirst: models.isEmpty))
        }
        return models
    }
}
