import Foundation
import SwiftGenerator
import Testing
import WSDLModel
import WSDLParser

/// The official ONVIF files in Schemas/onvif, with their location map resolved.
func onvifParserOptions() throws -> ParserOptions {
    let folder = packageRoot.appendingPathComponent("Schemas/onvif")
    let data = try Data(contentsOf: folder.appendingPathComponent("location-map.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: String]])
    let map = try #require(json["locationMap"])
    return ParserOptions(locationMap: map.mapValues { folder.appendingPathComponent($0).path })
}

@Suite("Operation filter: only the selected operations and what they reach")
struct OperationFilterTests {
    let devicemgmt = packageRoot.appendingPathComponent("Schemas/onvif/specs/wsdl/ver10/device/wsdl/devicemgmt.wsdl").path

    func generate(_ operations: Set<String>) throws -> [String: String] {
        let description = try Generator.parse(devicemgmt, options: onvifParserOptions())
        let configuration = GeneratorConfiguration(modes: [.types, .client, .server], moduleName: "ONVIFDevice", operations: operations)
        let files = try Generator(configuration: configuration, renderer: TemplateRenderer()).generate(description)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
    }

    @Test("devicemgmt filtered to two operations carries only their types")
    func filtered() throws {
        let all = try generate([])
        let some = try generate(["GetDeviceInformation", "GetSystemDateAndTime"])
        let types = try #require(some["Types.swift"])
        let client = try #require(some["Client.swift"])
        #expect(types.contains("public struct GetDeviceInformationResponse"))
        #expect(types.contains("public struct SystemDateTime"))
        #expect(!types.contains("public struct GetNetworkInterfacesResponse"))
        #expect(!types.contains("public struct NetworkInterface:"))
        #expect(client.contains("func getDeviceInformation("))
        #expect(client.contains("func getSystemDateAndTime("))
        #expect(!client.contains("func getNetworkInterfaces("))
        #expect(some["Server.swift"]?.contains("func getDeviceInformation(_ request: GetDeviceInformation, context: SOAPRequestContext)") == true)
        // A fraction of the whole service.
        let size = some.values.map(\.utf8.count).reduce(0, +)
        let full = all.values.map(\.utf8.count).reduce(0, +)
        #expect(size * 10 < full, "filtered output \(size) bytes, full \(full) bytes")
        #expect(all["Client.swift"]?.contains("func getNetworkInterfaces(") == true)
    }

    @Test("An unknown operation name is an error that lists the operations")
    func unknownOperation() throws {
        #expect {
            _ = try generate(["GetDeviceInfo"])
        } throws: { error in
            guard let error = error as? DiagnosticError else { return false }
            return error.description.contains("no operation named 'GetDeviceInfo'") && error.description.contains("GetDeviceInformation")
        }
    }
}
