import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// A real sweep through `zoo train` child processes of the built `zoo` (a few seconds in a
/// debug build): three PPO configurations with a linear learning rate, successive halving
/// to one survivor, whose run — trained to the first rung, then resumed to the full
/// budget — is bit for bit the run trained to the full budget in one go. A rerun trains
/// nothing. Skipped when there is no `zoo` executable.
@Suite("Sweep end to end", .enabled(if: builtZooExecutable != nil))
struct SweepEndToEndTests {
    @Test func halvingContinuesTheSurvivorExactly() throws {
        let zoo = try #require(builtZooExecutable)
        let s = try SweepFileTests.Setup(recipe: """
            env: {id: CartPole-v1, copies: 2}
            algorithm: {name: ppo, steps: 16, batch_size: 32, epochs: 2, lr_schedule: linear,
                        networks: {actor: {hidden: [16]}, critic: {hidden: [16]}}}
            train: {steps: 100000}
            output: {log_every: 1}
            """)
        defer { s.remove() }
        let plan = try s.plan("""
            method: grid
            seeds: 1
            steps: 640
            halving: {eta: 3, min_steps: 200}
            space:
              algorithm.networks.actor.lr: {grid: [1.0e-4, 3.0e-3, 1.0e-2], also: [algorithm.networks.critic.lr]}
            """)
        #expect(plan.rungs == [200, 600, 640])
        let result = try SweepRunner.run(plan, backend: LocalBackend(launcher: ProcessLauncher(executable: zoo), jobs: 2),
                                         stop: StopRequest()) { _ in }
        #expect(result.complete)
        let best = try #require(result.best)
        #expect(best.rung == 2 && best.outcomes.map(\.action) == [.resumed] && best.outcomes.map(\.exitStatus) == [0])
        #expect(result.entries.filter { $0.rung == 0 }.count == 2)

        // The survivor against one uninterrupted run of its recipe.
        let whole = s.root + "/whole"
        let recipe = try Recipe.load(path: s.recipe, overrides: ["train.seed=0", "train.steps=640"]
            + plan.overrides(best.configuration) + ["output.dir=\(whole)"])
        try ResumeTests.train(recipe)
        let survivor = best.outcomes[0].job.directory
        #expect(try ResumeTests.text("\(whole)/metrics.csv") == ResumeTests.text("\(survivor)/metrics.csv"))
        #expect(try ResumeTests.tensors("\(whole)/checkpoints/last.safetensors") == ResumeTests.tensors("\(survivor)/checkpoints/last.safetensors"))

        let report = SweepReport(plan: plan, result: result)
        try report.write()
        _ = try Recipe.validate(path: plan.outputDirectory + "/best.yaml")

        let again = try SweepRunner.run(plan, backend: LocalBackend(launcher: ProcessLauncher(executable: zoo), jobs: 2),
                                        stop: StopRequest()) { _ in }
        #expect(again.entries.allSatisfy { $0.outcomes.allSatisfy { $0.action == .reused } })
        #expect(again.ranking.map(\.configuration.name) == result.ranking.map(\.configuration.name))
    }
}
