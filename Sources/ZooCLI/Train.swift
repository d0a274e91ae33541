import ArgumentParser
import Foundation
import Plugins
import Zoo

/// `zoo train RECIPE` (also `zoo RECIPE`): trains the recipe's algorithm.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train an agent from a YAML recipe.")

    @Argument(help: "The recipe file (YAML).")
    var recipe: String

    @Option(name: .customLong("set"), help: "Override a recipe key, e.g. --set algorithm.gamma=0.99 (repeatable).")
    var overrides: [String] = []

    func run() throws {
        BuiltinPlugins.registerAll()
        DebugBuildWarning.printIfDebug()
        let loaded: Recipe
        do {
            loaded = try Recipe.load(path: recipe, overrides: overrides)
        } catch {
            throw UserError(error.description)
        }
        let progress = ConsoleProgress(budget: loaded.train.steps)
        do {
            let recorder = try RunRecorder(recipe: loaded)
            let trainer = try Trainer(recipe: loaded, observers: [progress, recorder])
            Interrupt.stopGracefully(trainer)
            let outcome = try trainer.run()
            if let failure = recorder.failure { throw failure }
            print("outputs in \(recorder.directory)")
            if case .nonFiniteLoss = outcome {
                throw UserError("training stopped: a loss became non-finite; the last good checkpoint is in \(recorder.directory)/checkpoints")
            }
        } catch let error as ZooError {
            throw UserError(error.description)
        }
    }
}

/// `zoo validate RECIPE`: checks a recipe completely (environment, algorithm
/// hyperparameters) without training.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a recipe without training.")

    @Argument(help: "The recipe file (YAML).")
    var recipe: String

    @Option(name: .customLong("set"), help: "Override a recipe key (repeatable).")
    var overrides: [String] = []

    func run() throws {
        BuiltinPlugins.registerAll()
        do {
            let loaded = try Recipe.validate(path: recipe, overrides: overrides)
            print("\(recipe): ok (\(loaded.algorithmType.name) on \(loaded.env.id) × \(loaded.env.copies))")
        } catch {
            throw UserError(error.description)
        }
    }
}

/// A mistake the user can fix: printed as one line, exit status 2.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Debug builds run numeric code about 100× slower; say so once.
enum DebugBuildWarning {
    static func printIfDebug() {
        #if DEBUG
        FileHandle.standardError.write(Data("note: this is a debug build of zoo, ~100× slower at training; use `swift run -c release zoo …`\n".utf8))
        #endif
    }
}
