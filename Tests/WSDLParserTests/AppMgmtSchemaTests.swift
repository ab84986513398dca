import Foundation
import Testing
import WSDLModel
import WSDLParser

/// Reads the project's own AppMgmt service description (`Schemas/AppMgmt.wsdl`).
@Suite struct AppMgmtSchemaTests {
    static let packageRoot: String = {
        // .../Tests/WSDLParserTests/AppMgmtSchemaTests.swift -> package root
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    let ans = "http://www.onvif.org/ver10/appmgmt/wsdl"

    func service() throws -> ServiceDescription {
        try WSDLParser().parse(file: Self.packageRoot + "/Schemas/AppMgmt.wsdl")
    }

    @Test func operationsInOrder() throws {
        let service = try service()
        let portType = try #require(service.portTypes[QName(ans, "AppManagement")])
        #expect(portType.operations.map(\.name) == [
            "GetServiceCapabilities", "Uninstall", "GetInstalledApps", "GetAppsInfo",
            "Activate", "Deactivate", "InstallLicense", "GetDeviceId",
        ])
    }

    @Test func soap12BindingWithActions() throws {
        let service = try service()
        let binding = try #require(service.bindings.values.first { $0.portType == QName(ans, "AppManagement") })
        #expect(binding.soapVersion == .soap12)
        #expect(binding.style == .document)
        #expect(binding.operations.count == 8)
        for operation in binding.operations {
            #expect(operation.soapAction == "http://www.onvif.org/ver10/appmgmt/wsdl/\(operation.name)")
            #expect(operation.inputUse == .literal)
        }
        for message in service.messages.values {
            #expect(message.parts.map(\.name) == ["parameters"])
        }
    }

    @Test func appInfoSequence() throws {
        let schemas = try service().schemas
        let appInfo = try #require(schemas.complexTypes[QName(ans, "AppInfo")])
        let particles = try #require(appInfo.content?.modelGroup?.particles)
        #expect(particles.map(\.summary) == [
            "AppID 1..1", "Name 1..1", "Version 1..1", "Licenses 0..n", "Privileges 0..n",
            "InstallationDate 1..1", "LastUpdate 1..1", "State 1..1", "Status 1..1", "Autostart 1..1",
            "Website 1..1", "OpenSource 0..1", "Configuration 0..1", "InterfaceDescription 0..n", "any 0..n",
        ])
        for particle in particles.dropLast() {
            #expect(particle.element?.form == .unqualified)
            #expect(particle.element?.name.namespace == "")
        }
        #expect(particles[3].element?.type == .named(QName(ans, "LicenseInfo")))
        #expect(appInfo.anyAttribute?.processContents == .lax)
    }

    @Test func relativeEntryPathStaysRelative() throws {
        guard FileManager.default.currentDirectoryPath == Self.packageRoot else { return }
        let service = try WSDLParser().parse(file: "Schemas/AppMgmt.wsdl")
        #expect(service.documents.first == "Schemas/AppMgmt.wsdl")
        #expect(service.documents.allSatisfy { $0.hasPrefix("Schemas/") })
        #expect(service.schemas.complexTypes[QName(ans, "AppInfo")]?.location.file == "Schemas/AppInfo.xsd")
    }
}
