import ArgumentParser
import Foundation
import Zoo

/// `zoo train RECIPE` (also `zoo RECIPE`): trains the recipe's algorithm.
/// `zoo train [RECIPE] --resume RUN_DIR` continues a stopped run exactly.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train an agent from a YAML recipe, or continue a stopped run.")

    @Argument(help: "The recipe file (YAML); with --resume, defaults to the run's own recipe.yaml.")
    var recipe: String?

    @Option(name: .customLong("set"), help: "Override a recipe key, e.g. --set algorithm.gamma=0.99 (repeatable).")
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Continue the stopped run in this directory from its last checkpoint, exactly as if it had not stopped. The recipe may differ only in train.steps / train.updates.", valueName: "RUN_DIR"))
    var resume: String?

    @OptionGroup var memory: MemoryLimitOption

    func run() throws {
        DebugBuildWarning.printIfDebug()
        var loaded: Recipe
        var point: ResumePoint?
        do {
            if let resume {
                (point, loaded) = try ResumePoint.resolve(directory: resume, recipePath: recipe, overrides: overrides)
            } else {
                guard let recipe else { throw UserError("give a recipe file, or --resume RUN_DIR to continue a stopped run") }
                loaded = try Recipe.load(path: recipe, overrides: overrides)
            }
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("\(error)")
        }
        loaded.limits = try memory.limits()
        let progress = ConsoleProgress(budget: loaded.train.steps)
        do {
            // Before anything is built or written: one process per run directory.
            let lock = try RunLock.acquire(loaded.output.directory)
            defer { withExtendedLifetime(lock) {} }
            let trainer = try Trainer(recipe: loaded, observers: [progress])
            if let point {
                try trainer.resume(from: point)
                ConsoleProgress.standardOutput("resuming \(point.directory) at update \(point.updates) (\(point.envSteps) environment steps)\n")
            }
            // Only once everything is restored: the recorder then continues the run's files.
            let recorder = try RunRecorder(recipe: loaded, resuming: point)
            trainer.observers.append(recorder)
            Interrupt.stopGracefully(trainer)
            let outcome = try trainer.run()
            if let failure = recorder.failure { throw failure }
            if case .environmentFailed(let error) = outcome {
                throw UserError("training stopped at update \(trainer.updates + 1): \(error)")
            }
            print("outputs in \(recorder.directory)")
            if case .nonFiniteLoss(let update, let term) = outcome {
                let last = "\(recorder.directory)/checkpoints/last.safetensors"
                let kept = FileManager.default.fileExists(atPath: last)
                    ? "the last good checkpoint is \(last)"
                    : "no checkpoint was written before it (the first is saved after 30 s of training)"
                throw UserError("training stopped: \(term) became non-finite at update \(update); \(kept)")
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

    @OptionGroup var memory: MemoryLimitOption

    func run() throws {
        let limits = try memory.limits()
        do {
            let loaded = try Recipe.validate(path: recipe, overrides: overrides, limits: limits)
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

    /// The recipe at `path` with `overrides` applied, or its problem as a `UserError`.
    static func loading(_ path: String, overrides: [String]) throws(UserError) -> Recipe {
        do {
            return try Recipe.load(path: path, overrides: overrides)
        } catch {
            throw UserError("\(error)")
        }
    }
}

/// Debug builds train about 12× slower (measured on the main job); say so once.
enum DebugBuildWarning {
    static func printIfDebug() {
        #if DEBUG
        FileHandle.standardError.write(Data("note: this is a debug build of zoo: training runs about 12× slower than a release build (the main job: 1.5M steps in 4 min 43 s instead of 24 s); use `swift run -c release zoo …`\n".utf8))
        #endif
    }
}
