import WSDLModel

extension ParseSession {
    /// Reads a `wsdl:definitions` element: imports as they come, inline schemas, messages,
    /// port types, bindings and services.
    func readDefinitions(_ definitions: XMLNode, file: String, isEntry: Bool) {
        let wsdl = Namespaces.wsdl
        let targetNamespace = definitions.attribute("targetNamespace") ?? ""
        let outerNamespace = wsdlNamespace
        wsdlNamespace = targetNamespace
        defer { wsdlNamespace = outerNamespace }
        if isEntry {
            self.targetNamespace = targetNamespace
            name = definitions.attribute("name")
            documentation = wsdlDocumentation(definitions)
        }
        for child in definitions.children {
            if child.namespace != wsdl { continue }
            switch child.localName {
            case "import":
                readWSDLImport(child, file: file)
            case "types":
                for schema in child.children(Namespaces.xsd, "schema") {
                    readSchema(schema, file: file, chameleonNamespace: nil)
                }
                // Some generators put xs:import straight into wsdl:types (outside any schema).
                for xsdImport in child.children(Namespaces.xsd, "import") {
                    warning("xs:import directly in wsdl:types (outside an xs:schema): read as if it were in one", at: xsdImport.location)
                    readImport(xsdImport, file: file, targetNamespace: "")
                }
            case "message":
                readMessage(child, targetNamespace: targetNamespace)
            case "portType":
                readPortType(child, targetNamespace: targetNamespace)
            case "binding":
                readBinding(child, targetNamespace: targetNamespace)
            case "service":
                readService(child, targetNamespace: targetNamespace)
            case "documentation":
                continue
            default:
                error("unexpected wsdl:\(child.localName) in wsdl:definitions", at: child.location)
            }
        }
    }

    private func readWSDLImport(_ node: XMLNode, file: String) {
        guard let written = node.attribute("location") else {
            error("wsdl:import needs a location", at: node.location)
            return
        }
        guard let path = resolveLocation(written, from: file, at: node.location),
            let document = load(path, requestedAt: node.location) else { return }
        let namespace = node.attribute("namespace")
        if document.root.is(Namespaces.wsdl, "definitions"), let namespace,
            (document.root.attribute("targetNamespace") ?? "") != namespace {
            // zeep and gSOAP read it in its own namespace, and so do we.
            warning("'\(path)' has targetNamespace '\(document.root.attribute("targetNamespace") ?? "")', but is imported for namespace '\(namespace)'; its components keep their own namespace", at: node.location)
        }
        readDocument(document, isEntry: false, importedNamespace: document.root.is(Namespaces.xsd, "schema") ? namespace : nil, requestedAt: node.location)
    }

    /// The normalized text of `wsdl:documentation` children.
    func wsdlDocumentation(_ node: XMLNode) -> String? {
        DocumentationText.normalize(node.children(Namespaces.wsdl, "documentation").compactMap(\.text))
    }

    private func componentName(_ node: XMLNode, _ space: SymbolSpace, targetNamespace: String) -> QName? {
        guard let name = node.attribute("name")?.trimmingXMLWhitespace(), !name.isEmpty else {
            error("wsdl:\(node.localName) needs a name", at: node.location)
            return nil
        }
        let qualified = QName(targetNamespace, name)
        return define(space, qualified, at: node.location) ? qualified : nil
    }

    private func readMessage(_ node: XMLNode, targetNamespace: String) {
        guard let name = componentName(node, .message, targetNamespace: targetNamespace) else { return }
        var parts: [Message.Part] = []
        for part in node.children(Namespaces.wsdl, "part") {
            let element = reference(part, "element", .element)
            var type = reference(part, "type", .type)
            if part.attribute("element") == nil, part.attribute("type") == nil {
                // Axis and PHP read such a part as untyped; so does this generator, saying so.
                warning("wsdl:part '\(part.attribute("name") ?? "")' has neither an element nor a type: read as xs:anyType (kept as open content)", at: part.location)
                type = QName(Namespaces.xsd, "anyType")
            }
            parts.append(Message.Part(name: part.attribute("name") ?? "", element: element, type: type, location: part.location))
        }
        messages[name] = Message(name: name, parts: parts, documentation: wsdlDocumentation(node), location: node.location)
    }

    private func readPortType(_ node: XMLNode, targetNamespace: String) {
        guard let name = componentName(node, .portType, targetNamespace: targetNamespace) else { return }
        var operations: [Operation] = []
        for operation in node.children(Namespaces.wsdl, "operation") {
            var result = Operation(
                name: operation.attribute("name") ?? "", documentation: wsdlDocumentation(operation),
                input: nil, output: nil, location: operation.location
            )
            for child in operation.children(Namespaces.wsdl) {
                guard child.localName != "documentation" else { continue }
                guard let message = reference(child, "message", .message) else {
                    if child.attribute("message") == nil { error("wsdl:\(child.localName) needs a message", at: child.location) }
                    continue
                }
                let action = child.attributes.first { Namespaces.wsAddressingActionAttribute.contains($0.namespace) && $0.localName == "Action" }?.value
                let reference = Operation.MessageReference(
                    name: child.attribute("name"), message: message, action: action?.trimmingXMLWhitespace(), location: child.location)
                switch child.localName {
                case "input": result.input = reference
                case "output": result.output = reference
                case "fault": result.faults.append(reference)
                default: error("unexpected wsdl:\(child.localName) in wsdl:operation", at: child.location)
                }
            }
            operations.append(result)
        }
        portTypes[name] = PortType(name: name, operations: operations, documentation: wsdlDocumentation(node), location: node.location)
    }

    private func readService(_ node: XMLNode, targetNamespace: String) {
        guard let name = componentName(node, .service, targetNamespace: targetNamespace) else { return }
        var ports: [Service.Port] = []
        for port in node.children(Namespaces.wsdl, "port") {
            guard let binding = reference(port, "binding", .binding) else {
                if port.attribute("binding") == nil { error("wsdl:port needs a binding", at: port.location) }
                continue
            }
            let address = port.children.first { $0.localName == "address" && $0.namespace != Namespaces.wsdl }?.attribute("location")
            ports.append(Service.Port(name: port.attribute("name") ?? "", binding: binding, address: address, location: port.location))
        }
        services[name] = Service(name: name, ports: ports, documentation: wsdlDocumentation(node), location: node.location)
    }
}
