import ArgumentParser
import Foundation
import Zoo

/// `zoo bench train RECIPE`: trains a recipe without writing anything and prints where the
/// time went, phase by phase, in microseconds per environment step.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Profile a recipe's training: time per phase (environment, inference, advantages, minibatches, forward, backward, optimiser) per environment step.",
        discussion: """
            With train.kernel_threads ≥ 2 a separate actor and critic are built and \
            backpropagated side by side; that time is counted as forward.
            """
    )

    @Argument(help: "The recipe file (YAML).")
    var recipe: String

    @Option(name: .customLong("set"), help: "Override a recipe key, e.g. --set train.steps=100000 (repeatable).")
    var overrides: [String] = []

    func run() throws {
        DebugBuildWarning.printIfDebug()
        let loaded = try UserError.loading(recipe, overrides: overrides)
        do {
            let profile = try TrainingProfile.measure(loaded)
            print("\(loaded.name): \(loaded.algorithmType.name) on \(loaded.env.copies) copies of \(loaded.env.id)")
            print(profile.table)
        } catch {
            throw UserError(error.description)
        }
    }
}
