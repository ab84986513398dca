import ArgumentParser
import SwiftGenerator
import WSDLModel
import WSDLParser

import Foundation

/// The `wsdl2swift` command line tool.
@main
struct WSDL2Swift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wsdl2swift",
        abstract: "Generate Swift types, XML coding and SOAP stubs from WSDL 1.1 and XML Schema.",
        discussion: """
            Reads a WSDL 1.1 document (or a bare .xsd) and every schema it imports or includes,
            and writes Swift source with fixed file names into an output folder. Generated code
            depends on the SOAPRuntime library of this package.

            Regenerate this repository's AppMgmt module:
              swift run wsdl2swift generate Schemas/AppMgmt.wsdl --output Generated/AppMgmt --module-name AppMgmt

            Look at what the parser understood:
              swift run wsdl2swift dump-ir Schemas/AppMgmt.wsdl
            """,
        version: GeneratorVersion.current,
        subcommands: [Generate.self, DumpIR.self]
    )
}

/// Options every subcommand that reads documents shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "The entry document: a .wsdl file, or an .xsd file.")
    var input: String

    @Option(
        name: .customLong("location-map"),
        help: ArgumentHelp(
            "Map a remote schemaLocation to a local file: URL=PATH. A URL ending in '/' maps every location under it to the folder PATH. Repeatable.",
            valueName: "url=path"))
    var locationMap: [String] = []

    func parserOptions() throws -> ParserOptions {
        var map: [String: String] = [:]
        for entry in locationMap {
            guard let eq = entry.firstIndex(of: "="), eq != entry.startIndex else {
                throw ValidationError("--location-map expects URL=PATH, got '\(entry)'")
            }
            map[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
        }
        return ParserOptions(locationMap: map)
    }
}

extension ParsableCommand {
    static func reportAndExit(_ error: DiagnosticError) -> Never {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        Foundation.exit(1)
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift source from a WSDL or XSD.",
        discussion: """
            Writes, per mode, files with fixed names (types: Types.swift, XMLCoding.swift;
            client: Client.swift; server: Server.swift) into
            the output folder. A file whose contents did not change is not touched, so builds
            stay incremental. Errors are printed as file:line:column: error: message.
            """
    )

    @OptionGroup var inputOptions: InputOptions

    @Option(name: .shortAndLong, help: "The folder to write the generated files into (created if missing).")
    var output: String

    @Option(help: "The name of the Swift module the output is compiled into (used to name module-level declarations).")
    var moduleName: String = "Generated"

    @Option(
        name: .customLong("mode"),
        help: ArgumentHelp("What to generate: \(GeneratorConfiguration.Mode.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.", valueName: "mode"))
    var modes: [String] = ["types"]

    @Option(help: "Access modifier of generated declarations: public, package or internal.")
    var accessModifier: String = "public"

    @Option(
        name: .customLong("import"),
        help: ArgumentHelp("A module the output imports, e.g. the module holding the types when generating --mode client or server apart. Repeatable.", valueName: "module"))
    var imports: [String] = []

    @Option(help: "A folder of .mustache templates overriding the built-in ones of the same name.")
    var templates: String?

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        var selected = Set<GeneratorConfiguration.Mode>()
        for mode in modes {
            guard let value = GeneratorConfiguration.Mode(rawValue: mode) else {
                throw ValidationError("unknown mode '\(mode)'; expected one of \(GeneratorConfiguration.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            selected.insert(value)
        }
        guard let access = GeneratorConfiguration.AccessModifier(rawValue: accessModifier) else {
            throw ValidationError("unknown access modifier '\(accessModifier)'; expected public, package or internal")
        }
        let command = GeneratorConfiguration.regenerateCommand(
            input: inputOptions.input, output: output, moduleName: moduleName, modes: selected, accessModifier: access, imports: imports)
        let configuration = GeneratorConfiguration(modes: selected, moduleName: moduleName, accessModifier: access, imports: imports, regenerateCommand: command)
        do {
            let description = try Generator.parse(inputOptions.input, options: inputOptions.parserOptions())
            let generator = Generator(configuration: configuration, renderer: try TemplateRenderer(overridesDirectory: templates))
            let files = try generator.generate(description)
            let written = try Generator.write(files, to: output)
            if !quiet {
                print(written.isEmpty ? "\(output): up to date" : "\(output): wrote \(written.joined(separator: ", "))")
            }
        } catch let error as DiagnosticError {
            Self.reportAndExit(error)
        }
    }
}

struct DumpIR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-ir",
        abstract: "Print the intermediate representation of a WSDL or XSD as stable JSON.",
        discussion: "Keys are sorted and names are in Clark notation ({namespace}local), so the output diffs well."
    )

    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        do {
            let description = try Generator.parse(inputOptions.input, options: inputOptions.parserOptions())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(description)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch let error as DiagnosticError {
            Self.reportAndExit(error)
        }
    }
}
