import DSL
import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// A trained agent acting alone replays its recipe's wrappers: observations normalised
/// with the frozen training statistics, actions rescaled onto the environment's box.
@Suite("Trained agents replay their wrappers")
struct AgentIOTests {
    @Test func normalisationStatisticsAndRescalingAreReplayed() throws {
        BuiltinPlugins.registerAll()
        let dir = NSTemporaryDirectory() + "zoo-io-\(UUID().uuidString)"
        let text = """
            env:
              id: Pendulum-v1
              copies: 2
              wrappers: [normalize_observation, {rescale_action: {min: -1, max: 1}}]
            algorithm: {name: ppo, steps: 16, batch_size: 16, epochs: 1}
            train: {steps: 64, seed: 3}
            output: {dir: \(dir), plot: false, tensorboard: false}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "io")
        let recorder = try RunRecorder(recipe: recipe)
        _ = try Trainer(recipe: recipe, observers: [recorder]).run()
        let agent = try TrainedAgent.load(dir)
        #expect(agent.io.normalizers.count == 1)
        #expect(agent.io.rescale != nil)
        let n = agent.io.normalizers[0]
        #expect(n.mean.count == 3 && n.mean != [0, 0, 0], "statistics were learned during training")
        // The policy sees the normalised observation.
        let raw: [Float] = [0.5, -0.5, 1.0]
        let seen = agent.io.observation(raw)
        for k in 0..<3 {
            #expect(Swift.abs(seen[k] - (raw[k] - n.mean[k]) / (n.variance[k] + 1e-8).squareRoot()) < 1e-6)
        }
        // Actions in [-1, 1] are mapped onto Pendulum's [-2, 2].
        let box = try Box(low: -2, high: 2, shape: [1])
        #expect(agent.io.action([0.5], box: box) == [1.0])
        #expect(agent.io.action([3.0], box: box) == [2.0])
        _ = try agent.evaluate(episodes: 1, seed: 0, deterministic: true)
    }

    @Test func aCheckpointWithoutStatisticsIsAClearError() throws {
        BuiltinPlugins.registerAll()
        let dir = NSTemporaryDirectory() + "zoo-io2-\(UUID().uuidString)"
        let text = """
            env: {id: CartPole-v1, copies: 2, wrappers: [normalize_observation]}
            algorithm: {name: a2c}
            train: {steps: 40, seed: 1}
            output: {dir: \(dir), plot: false, tensorboard: false}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "io2")
        let recorder = try RunRecorder(recipe: recipe)
        let trainer = try Trainer(recipe: recipe, observers: [recorder])
        _ = try trainer.run()
        // An agent-only checkpoint (no resume state) cannot replay the normalisation.
        let bare = AgentCheckpoint.contents(of: trainer.algorithm, recipe: recipe.text, envSteps: 40, updates: 1)
        let path = "\(dir)/bare.safetensors"
        try AgentCheckpoint.write(bare, to: path)
        #expect(throws: ZooError.self) { _ = try TrainedAgent.load(path) }
        // `best` (no resume state) carries the statistics itself.
        let best = try TrainedAgent.load("\(dir)/checkpoints/best.safetensors")
        #expect(best.io.normalizers.count == 1 && best.io.normalizers[0].mean.count == 4)
        _ = try best.evaluate(episodes: 1, seed: 0, deterministic: true)
    }
}
