import ArgumentParser
import Foundation
import Plugins
import Zoo

/// `zoo new-plugin NAME`: writes a working REINFORCE plugin skeleton, its CartPole
/// recipe and test, and registers it in `BuiltinPlugins.all`.
struct NewPlugin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-plugin",
        abstract: "Create a new algorithm plugin (a REINFORCE skeleton) with a recipe and a test.",
        discussion: """
            Run from the package root (the directory with Package.swift). Writes \
            Sources/Plugins/<Name>.swift, recipes/<name>-cartpole.yaml and \
            Tests/ZooTests/Plugins/<Name>Tests.swift, and adds <Name>.self to BuiltinPlugins.all. \
            Then: swift test --filter <Name>Tests; swift run -c release zoo train recipes/<name>-cartpole.yaml
            """
    )

    @Argument(help: "The plugin's Swift type name, e.g. MyPG (the recipe name is its lower case).")
    var name: String

    func run() throws {
        BuiltinPlugins.registerAll()
        do throws(ScaffoldError) {
            let scaffold = try PluginScaffold(name: name)
            let written = try scaffold.write(packageRoot: FileManager.default.currentDirectoryPath,
                                             taken: AlgorithmRegistry.shared.names)
            for path in written { print(path == PluginScaffold.registrationFile ? "registered in \(path)" : "wrote \(path)") }
            print("next: swift test --filter \(scaffold.typeName)Tests && swift run -c release zoo train recipes/\(scaffold.recipeKey)-cartpole.yaml")
        } catch {
            throw UserError(error.description)
        }
    }
}
