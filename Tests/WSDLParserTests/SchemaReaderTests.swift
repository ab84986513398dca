import Testing
import WSDLModel
import WSDLParser

@Suite struct SchemaReaderTests {
    let c = "urn:constructs"
    let xs = Namespaces.xsd

    func schemas() throws -> SchemaSet { try Fixtures.parse("constructs.xsd").schemas }

    func xsd(_ name: String) -> QName { QName(xs, name) }

    @Test func bareSchemaEntry() throws {
        let service = try Fixtures.parse("constructs.xsd")
        #expect(service.targetNamespace == "")
        #expect(service.messages.isEmpty)
        #expect(service.documents == [try Fixtures.path("constructs.xsd")])
        let namespace = try #require(service.schemas.namespaces[c])
        #expect(namespace.elementFormDefault == .qualified)
        #expect(namespace.attributeFormDefault == .unqualified)
        #expect(namespace.preferredPrefix == "c")
    }

    @Test func enumerationWithDocumentation() throws {
        let color = try #require(try schemas().simpleTypes[QName(c, "Color")])
        #expect(color.documentation == "A color, spread over two lines.\nSecond paragraph.")
        guard case .atomic(let base, let facets) = color.variety else {
            Issue.record("expected a restriction")
            return
        }
        #expect(base == .named(xsd("string")))
        #expect(facets.enumerations.map(\.value) == ["Red", "Green"])
        #expect(facets.enumerations.map(\.documentation) == ["The red one.", nil])
        #expect(facets.enumerations[0].location.line == 20)
        #expect(facets.enumerations[0].location.column == 7)
    }

    @Test func facets() throws {
        let schemas = try schemas()
        var code = Facets()
        code.length = 4
        code.patterns = ["[A-Z]{4}", "X.*"]
        code.whiteSpace = "collapse"
        #expect(schemas.simpleTypes[QName(c, "Code")]?.variety == .atomic(base: .named(xsd("string")), facets: code))
        var percent = Facets()
        percent.minInclusive = "0"
        percent.maxInclusive = "100"
        percent.totalDigits = 5
        percent.fractionDigits = 2
        #expect(schemas.simpleTypes[QName(c, "Percent")]?.variety == .atomic(base: .named(xsd("decimal")), facets: percent))
        var label = Facets()
        label.minLength = 1
        label.maxLength = 64
        #expect(schemas.simpleTypes[QName(c, "Label")]?.variety == .atomic(base: .named(xsd("string")), facets: label))
        var small = Facets()
        small.minExclusive = "-1"
        small.maxExclusive = "10"
        #expect(schemas.simpleTypes[QName(c, "Small")]?.variety == .atomic(base: .named(xsd("int")), facets: small))
    }

    @Test func listAndUnion() throws {
        let schemas = try schemas()
        #expect(schemas.simpleTypes[QName(c, "ColorList")]?.variety == .list(itemType: .named(QName(c, "Color"))))
        guard case .list(.anonymous(let item))? = schemas.simpleTypes[QName(c, "IntList")]?.variety else {
            Issue.record("expected an inline list item type")
            return
        }
        #expect(item.variety == .atomic(base: .named(xsd("int")), facets: Facets()))
        guard case .union(let members)? = schemas.simpleTypes[QName(c, "ColorOrInt")]?.variety else {
            Issue.record("expected a union")
            return
        }
        #expect(members.count == 3)
        #expect(Array(members.prefix(2)) == [.named(QName(c, "Color")), .named(xsd("int"))])
        guard case .anonymous(let inline) = members[2], case .atomic(_, let facets) = inline.variety else {
            Issue.record("expected an inline member")
            return
        }
        #expect(facets.enumerations.map(\.value) == ["none"])
    }

    @Test func globalElements() throws {
        let schemas = try schemas()
        let shape = try #require(schemas.elements[QName(c, "Shape")])
        #expect(shape.isAbstract)
        #expect(shape.isGlobal)
        #expect(shape.form == .qualified)
        let circle = try #require(schemas.elements[QName(c, "Circle")])
        #expect(circle.substitutionGroup == QName(c, "Shape"))
        #expect(circle.type == .named(QName(c, "CircleType")))
        let note = try #require(schemas.elements[QName(c, "Note")])
        #expect(note.isNillable)
        #expect(note.defaultValue == "none")
        #expect(schemas.elements[QName(c, "Version")]?.fixedValue == "1.0")
        let multiLine = try #require(schemas.elements[QName(c, "MultiLine")])
        #expect(multiLine.location.description.hasSuffix("constructs.xsd:137:3"))
        #expect(schemas.elements[QName(c, "WithKey")] != nil)
    }

    @Test func attributeGroupAndGlobalAttribute() throws {
        let schemas = try schemas()
        #expect(schemas.attributes[QName(c, "lang")]?.type == .named(xsd("language")))
        #expect(schemas.attributes[QName(c, "lang")]?.isGlobal == true)
        let common = try #require(schemas.attributeGroups[QName(c, "Common")])
        #expect(common.attributes.count == 2)
        guard case .attribute(let id, .required) = common.attributes[0],
            case .reference(let lang, .optional, let defaultValue, nil, _) = common.attributes[1] else {
            Issue.record("unexpected attributes \(common.attributes)")
            return
        }
        #expect(id.name == QName("", "id"))
        #expect(id.type == .named(xsd("ID")))
        #expect(lang == QName(c, "lang"))
        #expect(defaultValue == "en")
        #expect(common.anyAttribute?.namespaces == .other(c))
        #expect(common.anyAttribute?.processContents == .lax)
        #expect(common.anyAttribute?.occurs == .one)
    }

    @Test func namedGroup() throws {
        let header = try #require(try schemas().groups[QName(c, "Header")])
        #expect(header.group.compositor == .sequence)
        #expect(header.group.particles.map(\.summary) == ["{\(c)}Title 1..1", "{\(c)}Subtitle 0..1"])
    }

    @Test func derivations() throws {
        let schemas = try schemas()
        let circle = try #require(schemas.complexTypes[QName(c, "CircleType")])
        #expect(circle.derivation?.method == .extension)
        #expect(circle.derivation?.contentKind == .complex)
        #expect(circle.derivation?.base == QName(c, "ShapeType"))
        #expect(circle.content?.modelGroup?.particles.map(\.summary) == ["{\(c)}Radius 1..1"])
        guard case .attribute(let unit, .optional)? = circle.attributes.first else {
            Issue.record("expected the unit attribute")
            return
        }
        #expect(unit.fixedValue == "cm")
        #expect(schemas.complexTypes[QName(c, "ShapeType")]?.isAbstract == true)
        let restricted = try #require(schemas.complexTypes[QName(c, "RequiredCaptionShape")])
        #expect(restricted.derivation == Derivation(method: .restriction, contentKind: .complex, base: QName(c, "ShapeType"), location: restricted.derivation?.location ?? restricted.location))
        let measure = try #require(schemas.complexTypes[QName(c, "Measure")])
        #expect(measure.derivation?.contentKind == .simple)
        #expect(measure.derivation?.base == xsd("decimal"))
        #expect(measure.content == nil)
        #expect(measure.attributes.count == 1)
        let small = try #require(schemas.complexTypes[QName(c, "SmallMeasure")])
        #expect(small.derivation?.method == .restriction)
        #expect(small.simpleContentFacets?.maxInclusive == "10")
    }

    @Test func contentModelOrderOccursAndForms() throws {
        let document = try #require(try schemas().complexTypes[QName(c, "Document")])
        #expect(document.isMixed)
        #expect(document.documentation == "A document.")
        let sequence = try #require(document.content?.modelGroup)
        #expect(sequence.compositor == .sequence)
        #expect(sequence.particles.map(\.summary) == [
            "group {\(c)}Header 1..1",
            "choice 0..n",
            "Local 1..1",
            "{\(c)}Percent 1..3",
            "{\(c)}Nested 1..1",
            "{\(c)}Inline 1..1",
            "{\(c)}Untyped 1..1",
            "{\(c)}First 1..1",
            "{\(c)}Second 1..1",
            "any 0..1",
            "any 0..n",
            "any 0..1",
        ])
        let choice = try #require(sequence.particles[1].modelGroup)
        #expect(choice.particles.map(\.summary) == ["ref {\(c)}Shape 1..1", "{\(c)}Text 1..1", "sequence 1..1"])
        #expect(choice.particles[2].modelGroup?.particles.map(\.summary) == ["{\(c)}Key 1..1", "{\(c)}Value 1..1"])

        let local = try #require(sequence.particles[2].element)
        #expect(local.form == .unqualified)
        #expect(local.name.namespace == "")
        #expect(!local.isGlobal)
        let nested = try #require(sequence.particles[4].element?.type?.anonymousComplex?.content?.modelGroup)
        #expect(nested.compositor == .all)
        #expect(nested.particles.map(\.summary) == ["{\(c)}A 1..1", "{\(c)}B 0..1"])
        guard case .anonymousSimple(let inline)? = sequence.particles[5].element?.type,
            case .atomic(_, let facets) = inline.variety else {
            Issue.record("expected an inline simple type")
            return
        }
        #expect(facets.maxLength == 3)
        let untyped = try #require(sequence.particles[6].element)
        #expect(untyped.type == nil)
        #expect(untyped.isNillable)
    }

    @Test func columnsOfTwoElementsOnOneLine() throws {
        let document = try #require(try schemas().complexTypes[QName(c, "Document")])
        let particles = try #require(document.content?.modelGroup?.particles)
        #expect(particles[7].element?.location.line == 123)
        #expect(particles[7].element?.location.column == 7)
        #expect(particles[8].element?.location.line == 123)
        #expect(particles[8].element?.location.column == 47)
    }

    @Test func wildcards() throws {
        let document = try #require(try schemas().complexTypes[QName(c, "Document")])
        let particles = try #require(document.content?.modelGroup?.particles)
        let wildcards = particles.compactMap { particle -> Wildcard? in
            if case .any(let wildcard) = particle { return wildcard }
            return nil
        }
        #expect(wildcards.map(\.namespaces) == [.any, .other(c), .list(["", c, "urn:x"])])
        #expect(wildcards.map(\.processContents) == [.skip, .lax, .strict])
        #expect(wildcards[1].allows(namespace: "urn:y"))
        #expect(!wildcards[1].allows(namespace: c))
        #expect(document.anyAttribute?.namespaces == .any)
        #expect(document.anyAttribute?.processContents == .strict)
    }

    @Test func attributesOfAComplexType() throws {
        let document = try #require(try schemas().complexTypes[QName(c, "Document")])
        #expect(document.attributes.count == 6)
        guard case .attribute(let version, .optional) = document.attributes[0],
            case .attribute(let qualified, .optional) = document.attributes[1],
            case .attribute(let inline, .optional) = document.attributes[2],
            case .attribute(let gone, .prohibited) = document.attributes[3],
            case .groupReference(let group, _) = document.attributes[4],
            case .reference(let lang, .optional, nil, nil, _) = document.attributes[5] else {
            Issue.record("unexpected attributes \(document.attributes)")
            return
        }
        #expect(version.name == QName("", "version"))
        #expect(version.defaultValue == "1.0")
        #expect(!version.isGlobal)
        #expect(qualified.name == QName(c, "qualifiedAttr"))
        #expect(qualified.type == .named(xsd("int")))
        guard case .anonymous(let inlineType)? = inline.type else {
            Issue.record("expected an inline attribute type")
            return
        }
        #expect(inlineType.variety == .atomic(base: .named(xsd("int")), facets: Facets()))
        #expect(gone.name.localName == "gone")
        #expect(group == QName(c, "Common"))
        #expect(lang == QName(c, "lang"))
    }

    @Test func unprefixedNameWithoutDefaultNamespaceIsInNoNamespace() throws {
        let schemas = try Fixtures.parse("no-namespace.xsd").schemas
        #expect(schemas.elements[QName("", "Origin")]?.type == .named(QName("", "Point")))
        #expect(schemas.complexTypes[QName("", "Point")] != nil)
        #expect(schemas.namespaces[""]?.elementFormDefault == .unqualified)
    }
}
