import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// `train.eval`: evaluations at their step cadence in `eval.csv`, `best` chosen by them,
/// and training itself bit-identical with evaluation on or off.
@Suite("Evaluation during training")
struct EvaluationDuringTrainingTests {
    static func train(eval: String, dir: String) throws {
        BuiltinPlugins.registerAll()
        let text = """
            env: {id: CartPole-v1, copies: 2}
            algorithm: {name: ppo, steps: 32, batch_size: 32, epochs: 2, networks: {actor: {hidden: [16]}, critic: {hidden: [16]}}}
            train: {steps: 1280, seed: 3\(eval)}
            output: {dir: \(dir), plot: false, tensorboard: false}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "eval-test")
        let recorder = try RunRecorder(recipe: recipe)
        let trainer = try Trainer(recipe: recipe, observers: [recorder])
        #expect(try trainer.run() == .budgetSpent)
        #expect(recorder.failure == nil)
    }

    @Test func evaluationsAreLoggedAndChooseBestWithoutChangingTraining() throws {
        let with = NSTemporaryDirectory() + "zoo-eval-\(UUID().uuidString)", without = with + "-off"
        defer {
            try? FileManager.default.removeItem(atPath: with)
            try? FileManager.default.removeItem(atPath: without)
        }
        try Self.train(eval: ", eval: {every: 256, episodes: 3}", dir: with)
        try Self.train(eval: "", dir: without)
        let read = { (path: String) in try String(contentsOfFile: path, encoding: .utf8) }
        #expect(try read("\(with)/metrics.csv") == read("\(without)/metrics.csv"))
        #expect(!FileManager.default.fileExists(atPath: "\(without)/eval.csv"))

        let rows = try read("\(with)/eval.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        // Every 256 steps of 64-step updates: after updates 4, 8, …, 20.
        #expect(rows.map { Int($0[0]) } == [4, 8, 12, 16, 20])
        #expect(rows.map { Int($0[1]) } == [256, 512, 768, 1024, 1280])
        let means = rows.map { Double($0[2]) ?? .nan }
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: "\(with)/summary.json")))
        let bestRow = means.indices.max { means[$0] < means[$1] }
        #expect(summary.bestMeanReturn == bestRow.map { means[$0] })
        #expect(summary.bestUpdate == bestRow.map { Int64(rows[$0][0]) ?? -1 })
    }
}
