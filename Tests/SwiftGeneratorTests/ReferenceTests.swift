import Foundation
import GeneratorTemplates
import SwiftGenerator
import Testing
import WSDLModel
import WSDLParser

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One checked-in generated module and the command that produces it.
struct ReferenceModule: Sendable, CustomStringConvertible {
    var input: String
    var output: String
    var moduleName: String
    var modes: Set<GeneratorConfiguration.Mode>
    var imports: [String] = []
    /// Generated with `--config Schemas/onvif/location-map.json` and these `--operation`s.
    var onvifOperations: [String]? = nil
    var description: String { output }

    /// The command in the files' headers, as the CLI writes it.
    var command: String {
        guard let operations = onvifOperations else {
            return GeneratorConfiguration.regenerateCommand(input: input, output: output, moduleName: moduleName, modes: modes, accessModifier: .public, imports: imports)
        }
        return "swift run wsdl2swift generate \(input) --config Schemas/onvif/location-map.json --output \(output) --module-name \(moduleName)"
            + " --mode types --mode client --mode server" + operations.map { " --operation \($0)" }.joined()
    }
}

/// The ONVIF Device and Event service operations the device implements.
let onvifDeviceOperations = [
    "GetServices", "GetServiceCapabilities", "GetCapabilities", "GetDeviceInformation", "GetSystemDateAndTime", "GetScopes", "GetHostname",
    "GetNetworkInterfaces", "GetUsers",
]
let onvifEventOperations = [
    "GetServiceCapabilities", "GetEventProperties", "CreatePullPointSubscription", "PullMessages", "Renew", "Unsubscribe", "SetSynchronizationPoint",
    "Subscribe", "Notify",
]

let referenceModules = [
    ReferenceModule(input: "Schemas/AppMgmt.wsdl", output: "Generated/AppMgmt", moduleName: "AppMgmt", modes: [.types]),
    ReferenceModule(input: "Schemas/AppMgmt.wsdl", output: "Generated/AppMgmtClient", moduleName: "AppMgmtClient", modes: [.client], imports: ["AppMgmt"]),
    ReferenceModule(input: "Schemas/AppMgmt.wsdl", output: "Generated/AppMgmtServer", moduleName: "AppMgmtServer", modes: [.server], imports: ["AppMgmt"]),
    ReferenceModule(input: "Tests/SOAP11Service/Calculator.wsdl", output: "Generated/Calculator11", moduleName: "Calculator11", modes: [.types, .client, .server]),
    ReferenceModule(input: "Tests/Constructs/Constructs.wsdl", output: "Generated/Constructs", moduleName: "Constructs", modes: [.types, .client, .server]),
    ReferenceModule(input: "Tests/SOAPEncoded/Inventory.wsdl", output: "Generated/EncodedInventory", moduleName: "EncodedInventory", modes: [.types, .client, .server]),
    ReferenceModule(
        input: "Schemas/onvif/specs/wsdl/ver10/device/wsdl/devicemgmt.wsdl", output: "Generated/ONVIFDevice", moduleName: "ONVIFDevice",
        modes: [.types, .client, .server], onvifOperations: onvifDeviceOperations),
    ReferenceModule(
        input: "Schemas/onvif/specs/wsdl/ver10/events/wsdl/event.wsdl", output: "Generated/ONVIFEvents", moduleName: "ONVIFEvents",
        modes: [.types, .client, .server], onvifOperations: onvifEventOperations),
    ReferenceModule(
        input: "Schemas/onvif/specs/wsdl/ver10/media/wsdl/media.wsdl", output: "Generated/ONVIFMedia", moduleName: "ONVIFMedia",
        modes: [.types, .client, .server], onvifOperations: ["GetProfiles", "GetStreamUri"]),
    ReferenceModule(
        input: "Schemas/onvif/specs/wsdl/ver20/media/wsdl/media.wsdl", output: "Generated/ONVIFMedia2", moduleName: "ONVIFMedia2",
        modes: [.types, .client, .server], onvifOperations: ["GetProfiles", "GetStreamUri"]),
    ReferenceModule(
        input: "Schemas/onvif/specs/wsdl/ver20/ptz/wsdl/ptz.wsdl", output: "Generated/ONVIFPTZ", moduleName: "ONVIFPTZ",
        modes: [.types, .client, .server], onvifOperations: ["GetStatus", "ContinuousMove"]),
]

@Suite("Reference: Generated/ is exactly what the generator produces")
struct ReferenceTests {
    @Test(arguments: referenceModules)
    func generatedModuleIsUpToDate(module: ReferenceModule) throws {
        let command = module.command
        let configuration = GeneratorConfiguration(
            modes: module.modes, moduleName: module.moduleName, imports: module.imports, operations: Set(module.onvifOperations ?? []), regenerateCommand: command)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let description = try Generator.parse(module.input, options: module.onvifOperations == nil ? ParserOptions() : onvifParserOptions())
        let files = try Generator(configuration: configuration, renderer: TemplateRenderer()).generate(description)

        // Write into a temp dir and compare byte for byte with the checked-in folder.
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("wsdl2swift-reference-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temp) }
        try Generator.write(files, to: temp.path)
        let checkedIn = packageRoot.appendingPathComponent(module.output)
        let expectedNames = Set(files.map(\.name))
        let actualNames = Set(try FileManager.default.contentsOfDirectory(atPath: checkedIn.path))
        #expect(actualNames == expectedNames, "\(module.output) holds \(actualNames.sorted()), the generator writes \(expectedNames.sorted()). Regenerate with: \(command)")
        for file in files {
            let existing = try? String(contentsOf: checkedIn.appendingPathComponent(file.name), encoding: .utf8)
            if existing != file.contents {
                Issue.record("\(module.output)/\(file.name) differs from the generator's output:\n\(diff(checkedIn.appendingPathComponent(file.name).path, temp.appendingPathComponent(file.name).path))\nRegenerate with: \(command)")
            }
        }
    }

    @Test("Generation is deterministic")
    func deterministic() throws {
        let path = packageRoot.appendingPathComponent("Schemas/AppMgmt.wsdl").path
        let configuration = GeneratorConfiguration(moduleName: "AppMgmt")
        let first = try Generator(configuration: configuration, renderer: TemplateRenderer()).generate(Generator.parse(path))
        let second = try Generator(configuration: configuration, renderer: TemplateRenderer()).generate(Generator.parse(path))
        #expect(first == second)
        for file in first {
            #expect(!file.contents.contains("Codable"), "\(file.name) must not use Codable")
            #expect(!file.contents.contains(packageRoot.path), "\(file.name) must not contain absolute paths")
        }
    }

    /// `git diff --no-index` output, or a note when git is not available.
    func diff(_ a: String, _ b: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "diff", "--no-index", "--no-color", a, b]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data.prefix(8000), as: UTF8.self)
        } catch {
            return "(git diff unavailable: \(error))"
        }
    }
}

@Suite("Templates")
struct TemplateTests {
    @Test("The embedded templates equal Templates/*.mustache (run scripts/embed-templates.sh after editing)")
    func embeddedTemplatesMatchFiles() throws {
        let folder = packageRoot.appendingPathComponent("Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        var fromFiles: [String: String] = [:]
        for file in files {
            fromFiles[String(file.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        #expect(Set(fromFiles.keys) == Set(EmbeddedTemplates.all.keys))
        for (name, text) in fromFiles {
            #expect(EmbeddedTemplates.all[name] == text, "Templates/\(name).mustache differs from EmbeddedTemplates.swift: run scripts/embed-templates.sh")
        }
    }

    @Test("A templates directory overrides one template and falls back for the rest")
    func overrideDirectory() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("wsdl2swift-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        try "{{% CONTENT_TYPE: TEXT}}\n// custom header for {{inputs}}\n".write(to: temp.appendingPathComponent("header.mustache"), atomically: true, encoding: .utf8)
        let path = packageRoot.appendingPathComponent("Schemas/AppMgmt.wsdl").path
        let files = try Generator(configuration: GeneratorConfiguration(moduleName: "AppMgmt"), renderer: TemplateRenderer(overridesDirectory: temp.path)).generate(Generator.parse(path))
        #expect(files.allSatisfy { $0.contents.hasPrefix("// custom header for AppMgmt.wsdl") })
        #expect(files.first { $0.name == "Types.swift" }?.contents.contains("public struct AppInfo") == true)
    }
}
