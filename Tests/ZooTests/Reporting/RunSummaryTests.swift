import Foundation
import Testing
@testable import Zoo

@Suite("RunSummary")
struct RunSummaryTests {
    static func summary() -> RunSummary {
        RunSummary(recipe: "grpo-lunar", algorithm: "grpo", environment: "LunarLander-v3", seed: 7,
                   envSteps: 1_000_000, updates: 244, episodes: 5123, wallSeconds: 0.1 + 0.2,
                   finalMeanReturn: 212.5, bestMeanReturn: 1e-5, bestUpdate: 230, status: .finished,
                   zooVersion: "0.1.0", extra: ["eval/return": .nan, "b/x": .infinity, "a": 100])
    }

    @Test func exactBytesSortedKeysAndStableFloats() throws {
        let text = String(decoding: try RunSummaryFile.encode(Self.summary()), as: UTF8.self)
        #expect(text == """
            {
              "algorithm" : "grpo",
              "best_mean_return" : 1e-05,
              "best_update" : 230,
              "env_steps" : 1000000,
              "environment" : "LunarLander-v3",
              "episodes" : 5123,
              "extra" : {
                "a" : 100,
                "b/x" : "inf",
                "eval/return" : "nan"
              },
              "final_mean_return" : 212.5,
              "recipe" : "grpo-lunar",
              "seed" : 7,
              "status" : "finished",
              "updates" : 244,
              "wall_seconds" : 0.30000000000000004,
              "zoo_version" : "0.1.0"
            }

            """)
    }

    @Test func writesAtomicallyAndReadsBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var summary = Self.summary()
        summary.extra = ["eval/return": 321.25]
        summary.finalMeanReturn = nil
        try RunSummaryFile.write(summary, to: dir.file("run/summary.json"))
        #expect(try RunSummaryFile.read(path: dir.file("run/summary.json")) == summary)
        #expect(try !dir.text("run/summary.json").contains("final_mean_return"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("run")) == ["summary.json"])
        try AtomicFile.write("x", to: dir.file("blocker"))
        #expect(throws: RunSummaryError.self) { try RunSummaryFile.write(summary, to: dir.file("blocker/summary.json")) }
    }
}
