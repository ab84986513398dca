import Foundation

/// What both plugins work out for a target with a `wsdl2swift-config.json`: the config, the
/// entry document, every input the generation depends on and the files it writes.
struct GenerationPlan {
    var targetName: String
    var moduleName: String
    /// Absolute path of the config file.
    var config: String
    var configFile: WSDL2SwiftConfigFile
    /// Absolute path of the entry `.wsdl`/`.xsd`.
    var entry: String
    /// Every file generation reads, as far as it can be known without parsing: the target's
    /// `.wsdl`/`.xsd` files, the entry, the config, local files of the `locationMap` and the
    /// template overrides. Sorted, without duplicates.
    var inputFiles: [String]
    /// The files the generator writes (fixed per mode).
    var outputFileNames: [String]

    /// The `wsdl2swift` arguments writing into `outputDirectory`; `path` turns each path into
    /// the form passed (absolute for the build plugin, package-relative for the command).
    func arguments(outputDirectory: String, path: (String) -> String = { $0 }) -> [String] {
        ["generate", path(entry), "--config", path(config), "--output", path(outputDirectory), "--module-name", moduleName]
    }
}

enum PluginUtils {
    /// The generator executable's product name.
    static let toolName = "wsdl2swift"

    /// Works out the generation plan of a target from the files SwiftPM lists for it.
    static func plan(targetName: String, moduleName: String, targetDirectory: String, files: [String]) throws(PluginError) -> GenerationPlan {
        let configs = files.filter { fileName(of: $0) == WSDL2SwiftConfigFile.fileName }.sorted()
        guard let config = configs.first else {
            throw .missingConfig(targetName: targetName, targetDirectory: targetDirectory)
        }
        guard configs.count == 1 else {
            throw .multipleConfigs(targetName: targetName, files: configs)
        }
        let configFile: WSDL2SwiftConfigFile
        do {
            configFile = try WSDL2SwiftConfigFile.load(path: config)
        } catch {
            throw .invalidConfig(targetName: targetName, error: error)
        }

        let schemas = files.filter { isSchema($0) }.sorted()
        let entry: String
        if let input = configFile.input {
            entry = WSDL2SwiftConfigFile.resolve(input, configPath: config)
            guard FileManager.default.fileExists(atPath: entry) else {
                throw .inputNotFound(targetName: targetName, config: config, input: entry)
            }
        } else {
            let documents = schemas.filter { pathExtension(of: $0) == "wsdl" }
            guard let document = documents.first else {
                throw .missingDocument(targetName: targetName, targetDirectory: targetDirectory, schemas: schemas.filter { pathExtension(of: $0) == "xsd" })
            }
            guard documents.count == 1 else {
                throw .multipleDocuments(targetName: targetName, files: documents)
            }
            entry = document
        }

        var inputs = Set(schemas)
        inputs.insert(config)
        inputs.insert(entry)
        for path in configFile.resolvedLocationMap(configPath: config).values {
            inputs.formUnion(schemaFiles(at: path))
        }
        if let templates = configFile.templates {
            let folder = WSDL2SwiftConfigFile.resolve(templates, configPath: config)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .templatesNotFound(targetName: targetName, config: config, templates: folder)
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where name.hasSuffix(".mustache") {
                inputs.insert(join(folder, name))
            }
        }
        return GenerationPlan(
            targetName: targetName, moduleName: moduleName, config: config, configFile: configFile, entry: entry,
            inputFiles: inputs.sorted(), outputFileNames: configFile.outputFileNames)
    }

    /// The `.wsdl`/`.xsd` files at a `locationMap` path: the file itself, or those under a
    /// folder. Nothing for a path that does not exist (the generator reports it).
    static func schemaFiles(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if isSchema(relative) { found.append(join(path, relative)) }
        }
        return found.sorted()
    }

    static func isSchema(_ path: String) -> Bool {
        let ext = pathExtension(of: path)
        return ext == "wsdl" || ext == "xsd"
    }

    static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func pathExtension(of path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `path` relative to `base` when it lies under it, else unchanged.
    static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if path == base { return "." }
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
