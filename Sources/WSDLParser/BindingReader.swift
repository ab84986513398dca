import WSDLModel

extension ParseSession {
    /// `wsdl:binding` with its SOAP 1.1 or SOAP 1.2 extension elements.
    func readBinding(_ node: XMLNode, targetNamespace: String) {
        guard let name = node.attribute("name")?.trimmingXMLWhitespace(), !name.isEmpty else {
            error("wsdl:binding needs a name", at: node.location)
            return
        }
        let qualified = QName(targetNamespace, name)
        guard define(.binding, qualified, at: node.location) else { return }
        guard let portType = reference(node, "type", .portType) else {
            if node.attribute("type") == nil { error("wsdl:binding needs a type", at: node.location) }
            return
        }
        let soapBinding = node.children.first { $0.localName == "binding" && Self.soapVersion(of: $0) != nil }
        let soapVersion = soapBinding.flatMap(Self.soapVersion(of:))
        let bindingStyle: Binding.Style = soapBinding.flatMap { self.style($0) } ?? .document
        var operations: [Binding.Operation] = []
        for operation in node.children(Namespaces.wsdl, "operation") {
            operations.append(bindingOperation(operation))
        }
        bindings[qualified] = Binding(
            name: qualified, portType: portType, soapVersion: soapVersion, style: bindingStyle,
            transport: soapBinding?.attribute("transport"), operations: operations, location: node.location
        )
    }

    static func soapVersion(of node: XMLNode) -> SOAPVersion? {
        switch node.namespace {
        case Namespaces.wsdlSOAP11: return .soap11
        case Namespaces.wsdlSOAP12: return .soap12
        default: return nil
        }
    }

    private func soapChild(_ node: XMLNode, _ localName: String) -> XMLNode? {
        node.children.first { $0.localName == localName && Self.soapVersion(of: $0) != nil }
    }

    private func bindingOperation(_ node: XMLNode) -> Binding.Operation {
        let soapOperation = soapChild(node, "operation")
        var result = Binding.Operation(
            name: node.attribute("name") ?? "", soapAction: soapOperation?.attribute("soapAction"),
            style: soapOperation.flatMap { style($0) }, inputUse: nil, outputUse: nil, location: node.location
        )
        if let input = node.firstChild(Namespaces.wsdl, "input") {
            result.inputUse = soapChild(input, "body").flatMap { use($0) }
            result.inputHeaders = headers(input)
            result.inputBodyParts = bodyParts(input)
            result.inputNamespace = soapChild(input, "body")?.attribute("namespace")
        }
        if let output = node.firstChild(Namespaces.wsdl, "output") {
            result.outputUse = soapChild(output, "body").flatMap { use($0) }
            result.outputHeaders = headers(output)
            result.outputBodyParts = bodyParts(output)
            result.outputNamespace = soapChild(output, "body")?.attribute("namespace")
        }
        return result
    }

    private func headers(_ node: XMLNode) -> [Binding.HeaderReference] {
        node.children.filter { $0.localName == "header" && Self.soapVersion(of: $0) != nil }.compactMap { header in
            guard let message = reference(header, "message", .message) else {
                if header.attribute("message") == nil { error("soap:header needs a message", at: header.location) }
                return nil
            }
            return Binding.HeaderReference(message: message, part: header.attribute("part") ?? "", location: header.location)
        }
    }

    /// `soap:body parts="a b"`, split on XML whitespace.
    private func bodyParts(_ node: XMLNode) -> [String]? {
        guard let parts = soapChild(node, "body")?.attribute("parts") else { return nil }
        return parts.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    private func style(_ node: XMLNode) -> Binding.Style? {
        guard let value = node.attribute("style") else { return nil }
        guard let style = Binding.Style(rawValue: value.trimmingXMLWhitespace()) else {
            error("invalid style '\(value)': expected 'document' or 'rpc'", at: node.location)
            return nil
        }
        return style
    }

    private func use(_ node: XMLNode) -> Binding.Use? {
        guard let value = node.attribute("use") else { return nil }
        guard let use = Binding.Use(rawValue: value.trimmingXMLWhitespace()) else {
            error("invalid use '\(value)': expected 'literal' or 'encoded'", at: node.location)
            return nil
        }
        return use
    }
}
