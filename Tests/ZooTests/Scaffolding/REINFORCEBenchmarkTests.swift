import Foundation
import Testing
import DSL
import Plugins
import Zoo

/// Opt-in (`ZOO_LONG_TESTS=1`): `recipes/reinforce-cartpole.yaml` trains REINFORCE on
/// CartPole-v1 until its last 100 training episodes all reach 500, within the recipe's
/// 1 M-step budget, and the greedy policy then scores 500 on 20 evaluation episodes.
/// About a minute in a debug build (seed 0: 620,000 steps).
@Suite("REINFORCE CartPole benchmark", .enabled(if: ProcessInfo.processInfo.environment["ZOO_LONG_TESTS"] == "1"))
struct REINFORCEBenchmarkTests {
    @Test func reinforceReaches500OnCartPole() throws {
        BuiltinPlugins.registerAll()
        let path = PluginScaffoldTests.packageRoot + "/recipes/reinforce-cartpole.yaml"
        let recipe = try Recipe.load(path: path)
        let trainer = try Trainer(recipe: recipe)
        let clock = ContinuousClock(), start = clock.now
        let outcome = try trainer.run()
        let seconds = (clock.now - start) / .seconds(1)
        print("REINFORCE CartPole: \(outcome) after \(trainer.collector.envSteps) env steps, \(trainer.updates) updates, \(seconds) s")
        #expect(outcome == .targetReached(meanReturn: 500))
        var env = try make("CartPole-v1")
        var policy = AgentPolicy(algorithm: trainer.algorithm, actionSpace: env.actionSpace, mode: .deterministic,
                                 random: SeededRandom(seed: 0))
        let evaluation = try PolicyEvaluation.run(&env, policy: &policy, episodes: 20, seed: 1000)
        print("greedy evaluation: mean \(evaluation.meanReturn), min \(evaluation.minReturn)")
        #expect(evaluation.meanReturn >= 475)
    }
}
