import ArgumentParser
import Foundation
import Zoo

/// `zoo bench learner RECIPE`: a recipe's update alone over one fixed rollout — time per
/// update (minimum of repetitions) and heap allocations per update.
struct BenchLearner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learner",
        abstract: "Time a recipe's update (forward, backward, optimiser) over one fixed rollout and count its heap allocations."
    )

    @Argument(help: "The recipe file (YAML).")
    var recipe: String

    @Option(name: .customLong("set"), help: "Override a recipe key (repeatable).")
    var overrides: [String] = []

    @Option(parsing: .unconditional, help: "Updates per timed repetition.")
    var updates = 2

    @Option(parsing: .unconditional, help: "Timed repetitions; the minimum is reported.")
    var repeats = 5

    @Flag(help: "Skip the allocation count (which runs in a child process under glibc's mtrace).")
    var noAllocationCount = false

    @Flag(help: .hidden)
    var allocationPass = false

    func validate() throws {
        guard updates > 0 else { throw ValidationError("--updates must be positive") }
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
    }

    func run() throws {
        DebugBuildWarning.printIfDebug()
        let loaded = try UserError.loading(recipe, overrides: overrides)
        do {
            if allocationPass {
                let r = try LearnerBenchmark.run(loaded, updates: 1, repeats: 1, countAllocations: true)
                print(r.allocationsPerUpdate ?? -1)
                return
            }
            var r = try LearnerBenchmark.run(loaded, updates: updates, repeats: repeats, countAllocations: false)
            if !noAllocationCount {
                let output = try AllocationTrace.runTracedChild(
                    arguments: ["bench", "learner", recipe, "--allocation-pass"] + overrides.flatMap { ["--set", $0] })
                r.allocationsPerUpdate = Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let steps = Double(r.rolloutSteps)
            print("\(loaded.name): update over \(r.rolloutSteps) steps, \(r.updates) update(s) × \(repeats) repetitions")
            print(String(format: "min %.2f ms/update (%.3f µs/step), median %.2f ms/update",
                         r.minSecondsPerUpdate * 1e3, r.minSecondsPerUpdate * 1e6 / steps, r.medianSecondsPerUpdate * 1e3))
            if let a = r.allocationsPerUpdate {
                print(String(format: "allocations: %d per update (%.2f per step)", a, Double(a) / steps))
            }
        } catch let error as ZooError {
            throw UserError(error.description)
        }
    }
}
