import WSDLModel

/// Everything one `WSDLParser.parse(file:)` call accumulates: the documents read, the IR
/// built so far, the references to check afterwards and the diagnostics. Lives for one call
/// only and never crosses a concurrency domain.
final class ParseSession {
    let options: ParserOptions
    var diagnostics: [Diagnostic] = []
    /// Display paths of the documents read, in reading order.
    var documents: [String] = []
    /// Keys of the documents already read (kind, canonical path, target namespace).
    var readKeys: Set<String> = []
    /// Where each global component was first defined, by symbol space and name.
    var definitions: [SymbolSpace: [QName: SourceLocation]] = [:]
    /// QName references, checked once every document is read.
    var references: [Reference] = []
    /// Documents read from memory instead of the disk, by path.
    var inMemoryDocuments: [String: [UInt8]] = [:]

    var targetNamespace = ""
    /// The target namespace of the WSDL document being read (for lenient unprefixed references).
    var wsdlNamespace: String?
    /// WSDL documents already told that their unprefixed references were read leniently.
    var lenientReferenceWarnings: Set<String> = []
    var name: String?
    var documentation: String?
    var schemas = SchemaSet()
    var messages: [QName: Message] = [:]
    var portTypes: [QName: PortType] = [:]
    var bindings: [QName: Binding] = [:]
    var services: [QName: Service] = [:]

    init(options: ParserOptions) {
        self.options = options
    }

    func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    /// An import whose document declares another target namespace: warned about, not read;
    /// references into `namespace` are then errors only where the generator uses them.
    func importMismatch(path: String, declared: String, imported namespace: String, at location: SourceLocation?) {
        let reason = "'\(path)' has targetNamespace '\(declared)', but is imported for namespace '\(namespace)'"
        warning("\(reason); the import is ignored (an error only where a component of '\(namespace)' is used)", at: location)
        if schemas.unavailableNamespaces[namespace] == nil {
            schemas.unavailableNamespaces[namespace] = UnavailableNamespace(reason: reason, location: location)
        }
    }

    func noteDocument(_ path: String) {
        if !documents.contains(path) { documents.append(path) }
    }

    /// Records a global definition; reports a duplicate naming both places. Returns whether
    /// the name was new.
    func define(_ space: SymbolSpace, _ name: QName, at location: SourceLocation) -> Bool {
        if let first = definitions[space]?[name] {
            let namespace = name.namespace.isEmpty ? "no namespace" : "namespace '\(name.namespace)'"
            error("duplicate \(space.rawValue) '\(name.localName)' in \(namespace) (also defined at \(first))", at: location)
            return false
        }
        definitions[space, default: [:]][name] = location
        return true
    }

    /// The QName in attribute `attribute` of `node`, resolved in the node's namespace scope and
    /// recorded as a reference of `kind` to check later. Reports an undeclared prefix.
    /// `chameleonNamespace` replaces "no namespace" in a chameleon-included schema.
    func reference(_ node: XMLNode, _ attribute: String, _ kind: ReferenceKind, chameleonNamespace: String? = nil) -> QName? {
        guard let written = node.attribute(attribute) else { return nil }
        return reference(written: written.trimmingXMLWhitespace(), in: node, kind, chameleonNamespace: chameleonNamespace)
    }

    func reference(written: String, in node: XMLNode, _ kind: ReferenceKind, chameleonNamespace: String? = nil) -> QName? {
        guard !written.isEmpty else {
            error("empty \(kind.noun) name", at: node.location)
            return nil
        }
        guard var name = node.resolve(qualifiedName: written) else {
            let prefix = written.split(separator: ":").first.map(String.init) ?? written
            error("undeclared namespace prefix '\(prefix)' in '\(written)'", at: node.location)
            return nil
        }
        if name.namespace.isEmpty, let chameleonNamespace { name.namespace = chameleonNamespace }
        // `message="getTermRequest"` with no default namespace in scope (or with WSDL's own as
        // the default) names a component no WSDL with a target namespace can define: read it
        // in the document's namespace, as zeep and gSOAP do.
        if name.namespace.isEmpty || name.namespace == Namespaces.wsdl, !written.contains(":"), kind == .message || kind == .portType || kind == .binding,
            let wsdlNamespace, !wsdlNamespace.isEmpty
        {
            name.namespace = wsdlNamespace
            if lenientReferenceWarnings.insert(node.location.file).inserted {
                warning("unprefixed \(kind.noun) '\(written)' names no namespace a WSDL can define it in: read in the target namespace '\(wsdlNamespace)' (here and in the rest of this document)", at: node.location)
            }
        }
        references.append(Reference(kind: kind, name: name, written: written, location: node.location))
        return name
    }

    /// Every diagnostic, ordered by location (unlocated first), then message.
    var sortedDiagnostics: [Diagnostic] {
        diagnostics.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case (nil, nil): return lhs.message < rhs.message
            case (nil, _): return true
            case (_, nil): return false
            case (let l?, let r?): return l == r ? lhs.message < rhs.message : l < r
            }
        }
    }

    var result: ServiceDescription {
        var description = ServiceDescription(
            targetNamespace: targetNamespace, name: name, documentation: documentation, documents: documents,
            messages: messages, portTypes: portTypes, bindings: bindings, services: services, schemas: schemas
        )
        description.warnings = sortedDiagnostics.filter { $0.severity != .error }
        // The xml: attributes need no xml.xsd (XML Namespaces 1.0 defines them).
        for (local, type) in BuiltinTypes.xmlAttributeTypes {
            let name = QName(Namespaces.xml, local)
            if description.schemas.attributes[name] == nil {
                description.schemas.attributes[name] = AttributeDeclaration(
                    name: name, isGlobal: true, type: .named(QName(Namespaces.xsd, type)),
                    location: SourceLocation(file: "xml.xsd (built in)", line: 1, column: 1))
            }
        }
        return description
    }
}

/// The symbol spaces of XSD and WSDL: a name may be defined once in each.
enum SymbolSpace: String, Hashable {
    case type, element, attribute, group
    case attributeGroup = "attribute group"
    case message
    case portType = "port type"
    case binding, service
}
