import Foundation
import Testing
@testable import Plugins
@testable import Zoo
import DSL

/// `train.kernel_threads` spreads large GEMMs over threads, and lets a separate actor and
/// critic learn side by side, without changing a bit of the run.
@Suite("Kernel threads in training", .serialized)
struct KernelThreadsTrainingTests {
    /// Runs with `threads` kernel threads: SAC with large products, PPO and A2C with
    /// separate networks (learning side by side) and PPO with a shared trunk (in turn).
    static let cases: [(env: String, algorithm: String, steps: Int, rows: Int)] = [
        ("{id: Pendulum-v1, copies: 1}",
         "{name: sac, learning_starts: 20, batch_size: 128, networks: {actor: {hidden: [128, 128]}, critic: {hidden: [128, 128]}}}",
         60, 7),
        ("{id: CartPole-v1, copies: 4}", "{name: ppo, steps: 16, batch_size: 32, epochs: 2, entropy_coef: 0.01}", 128, 3),
        ("{id: Pendulum-v1, copies: 2}", "{name: ppo, steps: 16, batch_size: 16, epochs: 2, target_kl: 0.001}", 64, 3),
        ("{id: CartPole-v1, copies: 4}",
         "{name: ppo, steps: 16, batch_size: 32, epochs: 2, networks: {shared: {hidden: [32]}}}", 128, 3),
        ("{id: CartPole-v1, copies: 4}", "{name: a2c, steps: 5, entropy_coef: 0.01}", 60, 3),
    ]

    static func metrics(_ index: Int, threads: Int) throws -> String {
        BuiltinPlugins.registerAll()
        let dir = NSTemporaryDirectory() + "zoo-kthreads-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = cases[index]
        let text = """
            env: \(c.env)
            algorithm: \(c.algorithm)
            train: {steps: \(c.steps), seed: 2, kernel_threads: \(threads)}
            output: {dir: \(dir), plot: false, tensorboard: false, log_every: \(c.steps / (c.rows - 1))}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "kt")
        let trainer = try Trainer(recipe: recipe, observers: [try RunRecorder(recipe: recipe)])
        defer { KernelThreads.count = 1 }
        try trainer.run()
        return try String(contentsOfFile: "\(dir)/metrics.csv", encoding: .utf8)
    }

    @Test(arguments: cases.indices)
    func twoThreadsTrainTheSameBits(_ index: Int) throws {
        let one = try Self.metrics(index, threads: 1), two = try Self.metrics(index, threads: 2)
        #expect(one == two)
        #expect(one.split(separator: "\n").count == Self.cases[index].rows)
    }
}
