import Foundation
import Testing
@testable import Plugins
@testable import Zoo
import DSL

/// Training is reproducible to the bit: equal seeds give identical metrics.csv and
/// checkpoints, whatever the number of environment threads.
@Suite("Training reproducibility")
struct ReproducibilityTests {
    static func recipe(dir: String, threads: Int?, seed: Int = 3) throws -> Recipe {
        BuiltinPlugins.registerAll()
        let vectorization = threads.map { "vectorization: threads\n  threads: \($0)" } ?? "vectorization: sync"
        let text = """
            env:
              id: CartPole-v1
              copies: 4
              \(vectorization)
            algorithm:
              name: a2c
              steps: 8
              entropy_coef: 0.01
              networks:
                actor: {hidden: [16], activation: tanh}
                critic: {hidden: [16], activation: tanh, optimizer: adam, lr: 1.0e-3}
            train: {steps: 1280, seed: \(seed)}
            output: {dir: \(dir), tensorboard: false, plot: false}
            """
        return try Recipe(document: RecipeDocument(text: text), defaultName: "repro")
    }

    /// metrics.csv and the checkpoint's tensors (its metadata holds the recipe text,
    /// which names the run directory and so differs between these runs).
    static func train(_ recipe: Recipe) throws -> (metrics: String, checkpoint: [String: [Float]]) {
        let recorder = try RunRecorder(recipe: recipe)
        let trainer = try Trainer(recipe: recipe, observers: [recorder])
        #expect(try trainer.run() == .budgetSpent)
        #expect(recorder.failure == nil)
        let dir = recipe.output.directory
        let contents = try SafetensorsReader.read(path: "\(dir)/checkpoints/last.safetensors")
        return (try String(contentsOfFile: "\(dir)/metrics.csv", encoding: .utf8),
                contents.tensors.mapValues(\.scalars))
    }

    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "zoo-repro-\(UUID().uuidString)"
    }

    @Test func sameSeedSameBits() throws {
        let a = try Self.train(Self.recipe(dir: Self.temporaryDirectory(), threads: nil))
        let b = try Self.train(Self.recipe(dir: Self.temporaryDirectory(), threads: nil))
        #expect(a.metrics == b.metrics)
        #expect(a.checkpoint == b.checkpoint)
        #expect(a.metrics.split(separator: "\n").count == 1 + 1280 / 32)
        let c = try Self.train(Self.recipe(dir: Self.temporaryDirectory(), threads: nil, seed: 4))
        #expect(a.metrics != c.metrics)
    }

    /// DQN, SAC and GRPO as the A2C above: equal seeds and 1 or 2 environment threads give
    /// the same files.
    @Test(arguments: [
        ("CartPole-v1", "{name: dqn, learning_starts: 16, batch_size: 16, train_freq: 2, target_update_interval: 8, networks: {q: {hidden: [16]}}}", 400),
        ("Pendulum-v1", "{name: sac, learning_starts: 16, batch_size: 16, networks: {actor: {hidden: [16]}, critic: {hidden: [16]}}}", 160),
        ("CartPole-v1", "{name: grpo, generations: 2, networks: {actor: {hidden: [16]}}}", 1200),
    ])
    func everyFamilyIsReproducible(env: String, algorithm: String, steps: Int) throws {
        BuiltinPlugins.registerAll()
        func run(_ vectorization: String) throws -> (metrics: String, checkpoint: [String: [Float]]) {
            let text = """
                env: {id: \(env), copies: 4, \(vectorization)}
                algorithm: \(algorithm)
                train: {steps: \(steps), seed: 3}
                output: {dir: \(Self.temporaryDirectory()), tensorboard: false, plot: false, log_every: 8}
                """
            return try Self.train(Recipe(document: RecipeDocument(text: text), defaultName: "repro"))
        }
        let a = try run("vectorization: sync"), b = try run("vectorization: sync")
        let threaded = try run("vectorization: threads, threads: 2")
        #expect(a.metrics == b.metrics && a.checkpoint == b.checkpoint)
        #expect(a.metrics == threaded.metrics && a.checkpoint == threaded.checkpoint)
        #expect(a.metrics.split(separator: "\n").count > 3)
    }

    @Test func threadsDoNotChangeTheBits() throws {
        let sync = try Self.train(Self.recipe(dir: Self.temporaryDirectory(), threads: nil))
        let threaded = try Self.train(Self.recipe(dir: Self.temporaryDirectory(), threads: 2))
        #expect(sync.metrics == threaded.metrics)
        #expect(sync.checkpoint == threaded.checkpoint)
    }

    @Test func checkpointRestoresTheNetworks() throws {
        let dir = Self.temporaryDirectory()
        let recipe = try Self.recipe(dir: dir, threads: nil)
        _ = try Self.train(recipe)
        let contents = try SafetensorsReader.read(path: "\(dir)/checkpoints/last.safetensors")
        #expect(contents.metadata["algorithm"] == "a2c")
        #expect(contents.metadata["env_steps"] == "1280")
        let fresh = try Trainer(recipe: recipe)
        try AgentCheckpoint.restore(contents, into: fresh.algorithm, path: "last", optimizers: true)
        let obs = Tensor(shape: [1, 4], scalars: [0.01, -0.02, 0.03, 0.04])
        let restored = fresh.algorithm.values(obs)!.scalars
        let again = try Trainer(recipe: recipe)
        try AgentCheckpoint.restore(contents, into: again.algorithm, path: "last", optimizers: true)
        #expect(again.algorithm.values(obs)!.scalars == restored)
        let untrained = try Trainer(recipe: Self.recipe(dir: Self.temporaryDirectory(), threads: nil)).algorithm.values(obs)!.scalars
        #expect(untrained != restored)
    }
}
