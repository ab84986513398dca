import Foundation
import PackagePlugin

/// Build-tool plugin: generates Swift from the `.wsdl` of a target on every build that needs
/// it. The target's folder holds the `.wsdl` (and the `.xsd` files it imports; subfolders and
/// symlinked folders work) and a `wsdl2swift-config.json`; the output lands in the plugin's
/// work folder and is compiled into the target. See Plugins/README.md.
@main
struct WSDL2SwiftPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget, target.kind != .macro else {
            throw PluginError.incompatibleTarget(targetName: target.name)
        }
        let plan = try PluginUtils.plan(
            targetName: target.name, moduleName: target.moduleName,
            targetDirectory: target.directoryURL.path(percentEncoded: false),
            files: target.sourceFiles.map { $0.url.path(percentEncoded: false) })
        let outputDirectory = context.pluginWorkDirectoryURL.appending(component: "GeneratedSources")
        let tool = try context.tool(named: PluginUtils.toolName)
        // Absolute paths, so diagnostics (file:line:column: error: ...) link to the schemas.
        let arguments = plan.arguments(outputDirectory: outputDirectory.path(percentEncoded: false)) + ["--quiet"]
        return [
            .buildCommand(
                displayName: "wsdl2swift: generating \(plan.outputFileNames.joined(separator: ", ")) of \(target.name) from \(PluginUtils.fileName(of: plan.entry))",
                executable: tool.url,
                arguments: arguments,
                environment: [:],
                inputFiles: plan.inputFiles.map { URL(fileURLWithPath: $0) },
                outputFiles: plan.outputFileNames.map { outputDirectory.appending(component: $0) }
            )
        ]
    }
}
