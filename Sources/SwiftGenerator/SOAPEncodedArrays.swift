import WSDLModel

/// Pass (after ``MessageNormalizer``): gives SOAP 1.1 encoding's arrays (section 5.4.2) the
/// one shape the rest of the pipeline generates.
///
/// A restriction of `soapenc:Array` (`wsdl:arrayType="tns:Item[]"`) becomes a type whose
/// content is a sequence of any number of `item` elements of the item type: the struct holds
/// `[Item]`, its decoder takes every child element as an item whatever its name (SOAP
/// encoding leaves accessor names of array members free: Axis writes `item`, .NET the type's
/// name), and its encoder writes `soapenc:arrayType="tns:Item[n]"` (the ``SOAPArrayDeclaration``
/// stays on the type for that). Attributes of SOAP encoding's own (`soapenc:arrayType`,
/// `soapenc:offset`, `id`/`href` groups) are the runtime's business and are dropped from every
/// type. A multi-dimensional or nested array (`[,]`, `[][]`) keeps its items as open content
/// and is written without `soapenc:arrayType`, with a warning.
struct SOAPEncodedArrays {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func rewrite(_ description: ServiceDescription) -> ServiceDescription {
        var description = description
        for name in description.schemas.complexTypes.keys.sorted() {
            guard var type = description.schemas.complexTypes[name] else { continue }
            rewrite(&type)
            description.schemas.complexTypes[name] = type
        }
        for name in description.schemas.elements.keys.sorted() {
            guard var element = description.schemas.elements[name] else { continue }
            rewrite(&element)
            description.schemas.elements[name] = element
        }
        for name in description.schemas.groups.keys.sorted() {
            guard var group = description.schemas.groups[name] else { continue }
            group.group.particles = group.group.particles.map { rewrite($0) }
            description.schemas.groups[name] = group
        }
        for name in description.schemas.attributeGroups.keys.sorted() {
            description.schemas.attributeGroups[name]?.attributes.removeAll(where: Self.isEncodingAttribute)
        }
        return description
    }

    private static func isEncodingAttribute(_ use: AttributeUse) -> Bool {
        switch use {
        case .reference(let name, _, _, _, _), .groupReference(let name, _): return name.namespace == Namespaces.soap11Encoding
        case .attribute: return false
        }
    }

    private mutating func rewrite(_ element: inout ElementDeclaration) {
        if case .anonymousComplex(var type)? = element.type {
            rewrite(&type)
            element.type = .anonymousComplex(type)
        }
    }

    private mutating func rewrite(_ particle: Particle) -> Particle {
        switch particle {
        case .element(var element, let occurs):
            rewrite(&element)
            return .element(element, occurs)
        case .group(var group):
            group.particles = group.particles.map { rewrite($0) }
            return .group(group)
        case .elementReference, .groupReference, .any:
            return particle
        }
    }

    private mutating func rewrite(_ type: inout ComplexType) {
        type.attributes.removeAll(where: Self.isEncodingAttribute)
        if let array = type.soapArray {
            let location = array.location
            if type.documentation == nil {
                type.documentation = "A SOAP encoded array (`soapenc:Array`) of `\(array.itemType.localName)\(array.dimensions)`."
            }
            let items: Particle
            if array.isOneDimensional {
                // The item element the content declares keeps its name (.NET's `Item`), else `item` (Axis).
                var item = ElementDeclaration(name: QName("", "item"), isGlobal: false, form: .unqualified, type: .named(array.itemType), location: location)
                if case .group(let group)? = type.content, group.particles.count == 1, case .element(let declared, _) = group.particles[0] {
                    item.name = QName("", declared.name.localName)
                    item.documentation = declared.documentation
                }
                item.documentation = item.documentation ?? "The array's items (any element name is read as one)."
                items = .element(item, Occurs(min: 0, max: nil))
            } else {
                diagnostics.append(Diagnostic(
                    .warning, "SOAP array '\(type.name?.localName ?? "(anonymous)")' of '\(array.itemType.localName)\(array.dimensions)' is multi-dimensional or nested; its items are kept as open content (XMLAnyElement)",
                    at: location))
                type.soapArray = nil
                items = .any(Wildcard(namespaces: .any, processContents: .lax, occurs: Occurs(min: 0, max: nil), location: location))
            }
            type.derivation = nil
            type.content = .group(ModelGroup(compositor: .sequence, particles: [items], location: location))
            type.anyAttribute = nil
            return
        }
        if let content = type.content { type.content = rewrite(content) }
    }
}
