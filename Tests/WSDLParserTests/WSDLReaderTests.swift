import Testing
import WSDLModel
import WSDLParser

@Suite struct WSDLReaderTests {
    let ns = "http://example.org/calculator"

    @Test func definitions() throws {
        let service = try Fixtures.parse("calculator.wsdl")
        #expect(service.targetNamespace == ns)
        #expect(service.name == "Calculator")
        #expect(service.documentation == "A tiny calculator service.")
        #expect(service.documents == [try Fixtures.path("calculator.wsdl")])
        #expect(service.schemas.namespaces[ns]?.documents == [try Fixtures.path("calculator.wsdl")])
        #expect(service.schemas.namespaces[ns]?.preferredPrefix == "tns")
    }

    @Test func inlineSchemaUsesDeclarationsOfDefinitions() throws {
        let schemas = try Fixtures.parse("calculator.wsdl").schemas
        #expect(schemas.namespaces[ns]?.elementFormDefault == .qualified)
        #expect(schemas.elements[QName(ns, "Divide")]?.type == .named(QName(ns, "DivideRequestType")))
        let add = try #require(schemas.elements[QName(ns, "Add")]?.type?.anonymousComplex)
        let sequence = try #require(add.content?.modelGroup)
        #expect(sequence.particles.map(\.summary) == ["{\(ns)}a 1..1", "{\(ns)}b 1..1"])
        #expect(sequence.particles.first?.element?.form == .qualified)
        #expect(sequence.particles.first?.element?.type == .named(QName(Namespaces.xsd, "int")))
    }

    @Test func messages() throws {
        let service = try Fixtures.parse("calculator.wsdl")
        #expect(service.messages.count == 7)
        let add = try #require(service.messages[QName(ns, "AddRequest")])
        #expect(add.parts.map(\.name) == ["parameters"])
        #expect(add.parts.first?.element == QName(ns, "Add"))
        #expect(add.parts.first?.type == nil)
        let legacy = try #require(service.messages[QName(ns, "Legacy")])
        #expect(legacy.parts.map(\.name) == ["x", "y"])
        #expect(legacy.parts.map(\.type) == [QName(Namespaces.xsd, "int"), QName(Namespaces.xsd, "int")])
        #expect(legacy.parts.first?.element == nil)
    }

    @Test func portType() throws {
        let service = try Fixtures.parse("calculator.wsdl")
        let portType = try #require(service.portTypes[QName(ns, "CalculatorPortType")])
        #expect(portType.operations.map(\.name) == ["Add", "Divide"])
        let add = portType.operations[0]
        #expect(add.documentation == "Adds two numbers.")
        #expect(add.input?.message == QName(ns, "AddRequest"))
        #expect(add.output?.message == QName(ns, "AddResponse"))
        #expect(add.faults.isEmpty)
        let divide = portType.operations[1]
        #expect(divide.input?.name == "DivideIn")
        #expect(divide.faults.map(\.name) == ["DivideByZero"])
        #expect(divide.faults.map(\.message) == [QName(ns, "DivideFault")])
        #expect(divide.location.line == 72)
        #expect(divide.location.column == 5)
    }

    @Test func soap11Binding() throws {
        let service = try Fixtures.parse("calculator.wsdl")
        let binding = try #require(service.bindings[QName(ns, "CalculatorBinding")])
        #expect(binding.portType == QName(ns, "CalculatorPortType"))
        #expect(binding.soapVersion == .soap11)
        #expect(binding.style == .document)
        #expect(binding.transport == "http://schemas.xmlsoap.org/soap/http")
        #expect(binding.operations.map(\.name) == ["Add", "Divide"])
        #expect(binding.operations.map(\.soapAction) == ["http://example.org/calculator/Add", "http://example.org/calculator/Divide"])
        #expect(binding.operations.map(\.style) == [nil, .document])
        #expect(binding.operations.map(\.inputUse) == [.literal, .literal])
        #expect(binding.operations.map(\.outputUse) == [.literal, .literal])
        #expect(binding.operations[0].inputHeaders.map { [$0.message.localName, $0.part] } == [["SessionHeader", "session"]])
        #expect(binding.operations[0].inputHeaders.first?.location?.line != nil)
        #expect(binding.operations[0].inputBodyParts == nil)
        #expect(binding.operations[0].outputHeaders.isEmpty)
    }

    @Test func soap12Binding() throws {
        let service = try Fixtures.parse("calculator.wsdl")
        let binding = try #require(service.bindings[QName(ns, "CalculatorBinding12")])
        #expect(binding.soapVersion == .soap12)
        #expect(binding.style == .rpc)
        #expect(binding.operations.map(\.soapAction) == ["urn:Add"])
    }

    @Test func serviceAndPorts() throws {
        let service = try Fixtures.parse("calculator.wsdl")
        let calculator = try #require(service.services[QName(ns, "CalculatorService")])
        #expect(calculator.documentation == "The service.")
        #expect(calculator.ports.map(\.name) == ["CalculatorPort", "CalculatorPort12"])
        #expect(calculator.ports.map(\.binding) == [QName(ns, "CalculatorBinding"), QName(ns, "CalculatorBinding12")])
        #expect(calculator.ports.map(\.address) == ["http://localhost:8080/calculator", "http://localhost:8080/calculator12"])
    }
}

@Suite struct WSDLImportTests {
    @Test func importedDefinitionsAndSchemas() throws {
        let directory = try Fixtures.directory
        let service = try Fixtures.parse("wsdl-import/service.wsdl")
        #expect(service.targetNamespace == "urn:svc")
        #expect(service.name == "Concrete")
        #expect(service.documents == [
            "\(directory)/wsdl-import/service.wsdl", "\(directory)/wsdl-import/abstract.wsdl", "\(directory)/wsdl-import/types.xsd",
        ])
        #expect(service.messages[QName("urn:abs", "EchoIn")]?.parts.first?.element == QName("urn:types", "Echo"))
        #expect(service.portTypes[QName("urn:abs", "PT")]?.operations.map(\.name) == ["Echo"])
        let binding = try #require(service.bindings[QName("urn:svc", "Binding")])
        #expect(binding.portType == QName("urn:abs", "PT"))
        #expect(binding.soapVersion == .soap12)
        #expect(binding.style == .document)
        #expect(service.services[QName("urn:svc", "Service")]?.ports.first?.binding == QName("urn:svc", "Binding"))
    }
}

@Suite struct ConcurrentParsingTests {
    @Test func parsesFromSeveralTasksAtOnce() async throws {
        let path = try Fixtures.path("calculator.wsdl")
        let parser = WSDLParser()
        let results = try await withThrowingTaskGroup(of: ServiceDescription.self) { group in
            for _ in 0..<8 { group.addTask { try parser.parse(file: path) } }
            return try await group.reduce(into: [ServiceDescription]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(Set(results).count == 1)
    }
}
