import Foundation
import Testing
@testable import Plugins
@testable import Zoo
import DSL

/// `train.kernel_threads` spreads large GEMMs over threads without changing a bit of the run.
@Suite("Kernel threads in training", .serialized)
struct KernelThreadsTrainingTests {
    static func metrics(threads: Int) throws -> String {
        BuiltinPlugins.registerAll()
        let dir = NSTemporaryDirectory() + "zoo-kthreads-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
            env: {id: Pendulum-v1, copies: 1}
            algorithm: {name: sac, learning_starts: 20, batch_size: 128, networks: {actor: {hidden: [128, 128]}, critic: {hidden: [128, 128]}}}
            train: {steps: 60, seed: 2, kernel_threads: \(threads)}
            output: {dir: \(dir), plot: false, tensorboard: false, log_every: 10}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "kt")
        let trainer = try Trainer(recipe: recipe, observers: [try RunRecorder(recipe: recipe)])
        defer { KernelThreads.count = 1 }
        try trainer.run()
        return try String(contentsOfFile: "\(dir)/metrics.csv", encoding: .utf8)
    }

    @Test func twoThreadsTrainTheSameBits() throws {
        let one = try Self.metrics(threads: 1), two = try Self.metrics(threads: 2)
        #expect(one == two)
        #expect(one.split(separator: "\n").count == 7)
    }
}
