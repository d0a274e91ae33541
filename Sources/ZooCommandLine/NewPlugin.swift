import ArgumentParser
import Foundation
import Zoo

/// `zoo new-plugin NAME`: writes a working REINFORCE plugin skeleton, its CartPole
/// recipe and test into Zoo's own tree and registers it in `BuiltinPlugins.all`;
/// `zoo new-plugin NAME --package DIR` writes the same into a package of its own that
/// depends on Zoo and has its own `zoo`.
struct NewPlugin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-plugin",
        abstract: "Create a new algorithm plugin (a REINFORCE skeleton) with a recipe and a test.",
        discussion: """
            Without --package, run from the root of Zoo's package: writes \
            Sources/Plugins/<Name>.swift, recipes/<name>-cartpole.yaml and \
            Tests/ZooTests/Plugins/<Name>Tests.swift, and adds <Name>.self to BuiltinPlugins.all. \
            Then: swift test --filter <Name>Tests; swift run -c release zoo train recipes/<name>-cartpole.yaml

            With --package DIR: writes a package of its own into DIR (Package.swift depending on \
            Zoo, Sources/<Name>/<Name>.swift, Sources/<Name>CLI/main.swift — the executable \
            <name>-zoo: this command line with the plugin registered —, recipes/<name>-cartpole.yaml, \
            Tests/<Name>Tests/<Name>Tests.swift, .gitignore). Its Package.swift finds Zoo by --zoo-path (a checkout on this machine, \
            written relative to DIR) or --zoo-url (Zoo's git repository, branch main). \
            Then: cd DIR; swift test; swift run -c release <name>-zoo train recipes/<name>-cartpole.yaml
            """
    )

    @Argument(help: "The plugin's Swift type name, e.g. MyPG (the recipe name is its lower case).")
    var name: String

    @Option(name: .customLong("package"), help: ArgumentHelp("Write a package of its own into this directory instead of adding to Zoo's tree.", valueName: "DIR"))
    var packageDirectory: String?

    @Option(help: ArgumentHelp("With --package: the new package depends on the Zoo checkout in this directory.", valueName: "DIR"))
    var zooPath: String?

    @Option(name: .customLong("zoo-url"), help: ArgumentHelp("With --package: the new package depends on Zoo's git repository at this URL (branch main).", valueName: "URL"))
    var zooURL: String?

    func run() throws {
        do throws(ScaffoldError) {
            let scaffold = try PluginScaffold(name: name)
            if let packageDirectory {
                try writePackage(scaffold, into: packageDirectory)
            } else {
                try writeIntoZoo(scaffold)
            }
        } catch {
            throw UserError(error.description)
        }
    }

    /// Adds the plugin to the Zoo package in the current directory.
    private func writeIntoZoo(_ scaffold: PluginScaffold) throws(ScaffoldError) {
        guard zooPath == nil, zooURL == nil else {
            throw ScaffoldError("--zoo-path and --zoo-url say where a new package finds Zoo: give them with --package DIR")
        }
        let written = try scaffold.write(packageRoot: FileManager.default.currentDirectoryPath,
                                         taken: AlgorithmRegistry.shared.names)
        for path in written { print(path == PluginScaffold.registrationFile ? "registered in \(path)" : "wrote \(path)") }
        print("next: swift test --filter \(scaffold.typeName)Tests && swift run -c release zoo train recipes/\(scaffold.recipeKey)-cartpole.yaml")
    }

    /// Writes a package of its own into `directory`.
    private func writePackage(_ scaffold: PluginScaffold, into directory: String) throws(ScaffoldError) {
        let zoo: PackageScaffold.ZooDependency
        switch (zooPath, zooURL) {
        case (let path?, nil): zoo = try .checkout(at: path, from: directory)
        case (nil, let url?): zoo = try .repository(url)
        case (nil, nil): throw ScaffoldError("--package: say where the new package finds Zoo: --zoo-path DIR (a checkout of Zoo) or --zoo-url URL (its git repository)")
        case (_?, _?): throw ScaffoldError("--zoo-path and --zoo-url: give one of them")
        }
        let written = try PackageScaffold(plugin: scaffold, zoo: zoo).write(to: directory, taken: AlgorithmRegistry.shared.names)
        for path in written { print("wrote \(directory)/\(path)") }
        print("next: cd \(directory) && swift test && swift run -c release \(scaffold.recipeKey)-zoo train recipes/\(scaffold.recipeKey)-cartpole.yaml")
    }
}
