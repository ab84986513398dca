import WSDLModel

/// What the components of one `xs:schema` element are read against.
struct SchemaContext {
    var targetNamespace: String
    var elementFormDefault: Form
    var attributeFormDefault: Form
    /// Set for a chameleon include: references in no namespace move to the includer's.
    var chameleonNamespace: String?
}

extension ParseSession {
    /// Reads one `xs:schema` element (a whole document or inline in `wsdl:types`): its
    /// imports and includes first as they come, then its global components.
    func readSchema(_ schema: XMLNode, file: String, chameleonNamespace: String?) {
        let xs = Namespaces.xsd
        let targetNamespace = schema.attribute("targetNamespace") ?? chameleonNamespace ?? ""
        let context = SchemaContext(
            targetNamespace: targetNamespace,
            elementFormDefault: form(schema, "elementFormDefault") ?? .unqualified,
            attributeFormDefault: form(schema, "attributeFormDefault") ?? .unqualified,
            chameleonNamespace: chameleonNamespace
        )
        registerNamespace(context, schema: schema, file: file)
        let reader = SchemaReader(session: self, context: context)

        for child in schema.children where child.namespace == xs {
            switch child.localName {
            case "import":
                readImport(child, file: file, targetNamespace: targetNamespace)
            case "include":
                readInclude(child, file: file, targetNamespace: targetNamespace)
            case "redefine":
                error("xs:redefine is not supported", at: child.location)
            case "element", "complexType", "simpleType", "group", "attributeGroup", "attribute":
                reader.readGlobal(child)
            case "annotation", "notation":
                continue
            default:
                error("unexpected xs:\(child.localName) in xs:schema", at: child.location)
            }
        }
    }

    /// `form`-valued attribute; reports an invalid value.
    func form(_ node: XMLNode, _ attribute: String) -> Form? {
        guard let value = node.attribute(attribute) else { return nil }
        guard let form = Form(rawValue: value.trimmingXMLWhitespace()) else {
            error("invalid \(attribute) '\(value)': expected 'qualified' or 'unqualified'", at: node.location)
            return nil
        }
        return form
    }

    private func registerNamespace(_ context: SchemaContext, schema: XMLNode, file: String) {
        let namespace = context.targetNamespace
        if var existing = schemas.namespaces[namespace] {
            if !existing.documents.contains(file) { existing.documents.append(file) }
            if existing.preferredPrefix == nil, !namespace.isEmpty { existing.preferredPrefix = schema.scope.firstPrefix(for: namespace) }
            schemas.namespaces[namespace] = existing
        } else {
            schemas.namespaces[namespace] = SchemaNamespace(
                targetNamespace: namespace, documents: [file],
                preferredPrefix: namespace.isEmpty ? nil : schema.scope.firstPrefix(for: namespace),
                elementFormDefault: context.elementFormDefault, attributeFormDefault: context.attributeFormDefault
            )
        }
    }

    func readImport(_ node: XMLNode, file: String, targetNamespace: String) {
        let namespace = node.attribute("namespace") ?? ""
        if namespace == targetNamespace, node.attribute("namespace") != nil {
            // Invalid (XSD 1.0 §4.2.3), but zeep and .NET read it: the document joins the namespace.
            guard node.attribute("schemaLocation") != nil else { return }
            warning("xs:import of the schema's own target namespace '\(namespace)': read as an xs:include", at: node.location)
            readInclude(node, file: file, targetNamespace: targetNamespace)
            return
        }
        // SOAP encoding's schema (soapenc:Array, soapenc:string, ...), WSDL's own (for
        // wsdl:arrayType) and Apache SOAP's types are built in: schemas import them from
        // remote locations, or from none.
        if namespace == Namespaces.soap11Encoding || namespace == Namespaces.wsdl || namespace == Namespaces.apacheSOAP { return }
        guard let written = node.attribute("schemaLocation") else { return }
        guard let path = resolveLocation(written, from: file, at: node.location),
            let document = load(path, requestedAt: node.location) else { return }
        guard document.root.is(Namespaces.xsd, "schema") else {
            error("'\(path)' is not an XML schema (root element '\(document.root.qualifiedName)')", at: node.location)
            return
        }
        readDocument(document, isEntry: false, importedNamespace: namespace, requestedAt: node.location)
    }

    private func readInclude(_ node: XMLNode, file: String, targetNamespace: String) {
        guard let written = node.attribute("schemaLocation") else {
            error("xs:include needs a schemaLocation", at: node.location)
            return
        }
        guard let path = resolveLocation(written, from: file, at: node.location),
            let document = load(path, requestedAt: node.location) else { return }
        guard document.root.is(Namespaces.xsd, "schema") else {
            error("'\(path)' is not an XML schema (root element '\(document.root.qualifiedName)')", at: node.location)
            return
        }
        if let declared = document.root.attribute("targetNamespace"), declared != targetNamespace {
            error("included '\(path)' has targetNamespace '\(declared)', expected '\(targetNamespace)'", at: node.location)
            return
        }
        readSchemaDocument(document.root, file: document.path, canonicalPath: document.canonicalPath, chameleonNamespace: targetNamespace)
    }
}
