import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// A run directory or checkpoint loads back into an agent that acts like the trained one.
@Suite("Trained agents")
struct TrainedAgentTests {
    @Test func runDirectoryLoadsAndEvaluatesReproducibly() throws {
        let dir = ReproducibilityTests.temporaryDirectory()
        let recipe = try ReproducibilityTests.recipe(dir: dir, threads: nil)
        _ = try ReproducibilityTests.train(recipe)
        let agent = try TrainedAgent.load(dir)
        #expect(agent.checkpoint == "\(dir)/checkpoints/last.safetensors")
        let a = try agent.evaluate(episodes: 3, seed: 10, deterministic: true)
        let b = try TrainedAgent.load("\(dir)/checkpoints/last.safetensors").evaluate(episodes: 3, seed: 10, deterministic: true)
        #expect(a == b)
        #expect(a.seeds == [10, 11, 12])
    }

    @Test func missingOrCorruptCheckpointsAreClearErrors() throws {
        #expect(throws: ZooError.self) { _ = try TrainedAgent.load("/no/such/run") }
        let path = NSTemporaryDirectory() + "corrupt-\(UUID().uuidString).safetensors"
        _ = FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3]))
        do {
            _ = try TrainedAgent.load(path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("file is truncated"))
        }
    }
}
