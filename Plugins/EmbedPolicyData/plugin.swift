import Foundation
import PackagePlugin

/// Compiles every `PolicyData/**/*.json` policy file (not the `*.cases.json` case files) into the PolicyKit module, so a copied
/// `premium` binary needs no resource bundle and no build folder.
///
/// Known gap of SwiftPM's native build system: adding or removing a JSON file is noticed
/// only after `touch Package.swift` or a clean build. `EmbeddedPolicyDataTests` catches it.
@main
struct EmbedPolicyData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let dataDirectory = context.package.directoryURL.appending(path: "PolicyData")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPolicyData.swift")
        let inputs = try jsonFiles(under: dataDirectory)
        return [
            .buildCommand(
                displayName: "Embedding policy data (\(inputs.count) files)",
                executable: try context.tool(named: "embed-policy-data").url,
                arguments: [dataDirectory.path(percentEncoded: false), output.path(percentEncoded: false)]
                    + inputs.map { $0.path(percentEncoded: false) },
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    private func jsonFiles(under directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }
            // A notice's case file (`2023.cases.json`) is for `check` and the tests only.
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".cases.json") }
            .sorted { $0.path < $1.path }
    }
}
