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
            Reads a WSDL 1.1 document (or a bare .xsd) and every schema it imports or
            includes, and writes Swift source with fixed file names into an output folder.
            Generated code depends on the SOAPRuntime library of this package.

            Regenerate this repository's AppMgmt module:
              swift run wsdl2swift generate Schemas/AppMgmt.wsdl \\
                --output Generated/AppMgmt --module-name AppMgmt
            or every folder of Generated/, with the command plugin:
              swift package --allow-writing-to-package-directory generate-code-from-wsdl

            Generate as the build plugin does, from a wsdl2swift-config.json:
              swift run wsdl2swift generate --config Sources/API/wsdl2swift-config.json \\
                --output Generated/API --module-name API

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
        ParserOptions(locationMap: try Self.parseLocationMap(locationMap))
    }

    /// `URL=PATH` entries of `--location-map` as a dictionary.
    static func parseLocationMap(_ entries: [String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for entry in entries {
            guard let eq = entry.firstIndex(of: "="), eq != entry.startIndex else {
                throw ValidationError("--location-map expects URL=PATH, got '\(entry)'")
            }
            map[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
        }
        return map
    }
}

extension ParsableCommand {
    static func reportAndExit(_ error: DiagnosticError) -> Never {
        reportAndExit(error.description)
    }

    /// Prints `file:line:column: error: message` lines to standard error (where SwiftPM and
    /// editors pick them up as diagnostics) and exits with status 1.
    static func reportAndExit(_ diagnostics: String) -> Never {
        FileHandle.standardError.write(Data((diagnostics + "\n").utf8))
        Foundation.exit(1)
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift source from a WSDL or XSD.",
        discussion: """
            Writes, per mode, files with fixed names (types: Types.swift, XMLCoding.swift;
            client: Client.swift; server: Server.swift) into the output folder. A file
            whose contents did not change is not touched, so builds stay incremental.
            Errors are printed as file:line:column: error: message.

            --config reads options from a wsdl2swift-config.json file, the format of the
            build plugin: "generate", "accessModifier", "imports", "locationMap",
            "templates" and "input", with paths relative to the config's folder. Options
            on the command line override the config's; a --location-map entry overrides
            the config's entry for the same URL.
              wsdl2swift generate --config Sources/API/wsdl2swift-config.json \\
                --output Generated/API --module-name API
            """
    )

    @Argument(help: "The entry document: a .wsdl file, or an .xsd file. May be left out when the --config file names its \"input\".")
    var input: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("A wsdl2swift-config.json file to read options from; command-line options override it.", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("location-map"),
        help: ArgumentHelp(
            "Map a remote schemaLocation to a local file: URL=PATH. A URL ending in '/' maps every location under it to the folder PATH. Repeatable.",
            valueName: "url=path"))
    var locationMap: [String] = []

    @Option(name: .shortAndLong, help: "The folder to write the generated files into (created if missing).")
    var output: String

    @Option(help: "The name of the Swift module the output is compiled into (used to name module-level declarations).")
    var moduleName: String = "Generated"

    @Option(
        name: .customLong("mode"),
        help: ArgumentHelp("What to generate: \(GeneratorConfiguration.Mode.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable. (default: the config's \"generate\", else types)", valueName: "mode"))
    var modes: [String] = []

    @Option(help: ArgumentHelp("Access modifier of generated declarations: public, package or internal. (default: the config's \"accessModifier\", else public)", valueName: "access-modifier"))
    var accessModifier: String?

    @Option(
        name: .customLong("import"),
        help: ArgumentHelp("A module the output imports, e.g. the module holding the types when generating --mode client or server apart. Repeatable; replaces the config's \"imports\".", valueName: "module"))
    var imports: [String] = []

    @Option(
        name: .customLong("operation"),
        help: ArgumentHelp("Generate only this operation and the types it reaches. Repeatable; replaces the config's \"operations\". (default: every operation)", valueName: "name"))
    var operations: [String] = []

    @Option(help: "A folder of .mustache templates overriding the built-in ones of the same name.")
    var templates: String?

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        if input == nil && config == nil {
            throw ValidationError("Missing expected argument '<input>' (or a --config file naming its \"input\")")
        }
    }

    func run() throws {
        let file: WSDL2SwiftConfigFile?
        if let config {
            do {
                file = try WSDL2SwiftConfigFile.load(path: config)
            } catch {
                Self.reportAndExit(error.description)
            }
        } else {
            file = nil
        }

        // Command line first, then the config, then the defaults.
        let inputPath: String
        if let input {
            inputPath = input
        } else if let config, let configInput = file?.input {
            inputPath = WSDL2SwiftConfigFile.resolve(configInput, configPath: config)
        } else {
            Self.reportAndExit(WSDL2SwiftConfigError(path: config ?? "", "no entry document: set \"input\" in the config, or pass <input>").description)
        }

        var selected = Set<GeneratorConfiguration.Mode>()
        let modeNames = modes.isEmpty ? (file?.generate?.map(\.rawValue) ?? ["types"]) : modes
        for mode in modeNames {
            guard let value = GeneratorConfiguration.Mode(rawValue: mode) else {
                throw ValidationError("unknown mode '\(mode)'; expected one of \(GeneratorConfiguration.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            selected.insert(value)
        }
        let accessName = accessModifier ?? file?.accessModifier?.rawValue ?? "public"
        guard let access = GeneratorConfiguration.AccessModifier(rawValue: accessName) else {
            throw ValidationError("unknown access modifier '\(accessName)'; expected public, package or internal")
        }
        let importedModules = imports.isEmpty ? (file?.imports ?? []) : imports
        let selectedOperations = Set(operations.isEmpty ? (file?.operations ?? []) : operations)
        var templatesFolder = templates
        if templatesFolder == nil, let config, let configTemplates = file?.templates {
            templatesFolder = WSDL2SwiftConfigFile.resolve(configTemplates, configPath: config)
        }
        var parserOptions = ParserOptions(locationMap: config.flatMap { file?.resolvedLocationMap(configPath: $0) } ?? [:])
        for (url, path) in try InputOptions.parseLocationMap(locationMap) {
            parserOptions.locationMap[url] = path
        }

        let command: String
        if let config {
            // Name the config and what the command line overrode, as given.
            var text = "swift run wsdl2swift generate"
            if let input { text += " \(input)" }
            text += " --config \(config) --output \(output) --module-name \(moduleName)"
            for mode in modes { text += " --mode \(mode)" }
            for module in imports { text += " --import \(module)" }
            for operation in operations { text += " --operation \(operation)" }
            if let accessModifier { text += " --access-modifier \(accessModifier)" }
            if let templates { text += " --templates \(templates)" }
            for entry in locationMap { text += " --location-map \(entry)" }
            command = text
        } else {
            command = GeneratorConfiguration.regenerateCommand(
                input: inputPath, output: output, moduleName: moduleName, modes: selected, accessModifier: access, imports: importedModules,
                operations: selectedOperations)
        }
        let configuration = GeneratorConfiguration(
            modes: selected, moduleName: moduleName, accessModifier: access, imports: importedModules, operations: selectedOperations, regenerateCommand: command)
        let written: [String]
        do {
            written = try Self.generate(inputPath, options: parserOptions, configuration: configuration, templates: templatesFolder, output: output)
        } catch {
            Self.reportAndExit(error)
        }
        if !quiet {
            print(written.isEmpty ? "\(output): up to date" : "\(output): wrote \(written.joined(separator: ", "))")
        }
    }

    /// Parses, generates and writes; returns the names of the files written.
    private static func generate(
        _ input: String, options: ParserOptions, configuration: GeneratorConfiguration, templates: String?, output: String
    ) throws(DiagnosticError) -> [String] {
        let description = try WSDLParser(options: options).parse(file: input)
        let generator = Generator(configuration: configuration, renderer: try TemplateRenderer(overridesDirectory: templates))
        let (files, warnings) = try generator.generateWithWarnings(description)
        for warning in warnings {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
        return try Generator.write(files, to: output)
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
            let description = try WSDLParser(options: inputOptions.parserOptions()).parse(file: inputOptions.input)
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
