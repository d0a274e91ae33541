import DSL
import Foundation
import Testing
@testable import Zoo

/// Writes one of each output format into a directory, as a run would, and checks that Zoo
/// reads each back. With `ZOO_REPORTING_SAMPLE_DIR` set, the files are kept there for the
/// Python interop checks (`scripts/check_outputs.py safetensors|events`) and for looking at
/// the plots; otherwise a temporary directory is used and removed.
@Suite("SampleOutputs")
struct SampleOutputsTests {
    @Test func writeEveryFormat() throws {
        let keep = ProcessInfo.processInfo.environment["ZOO_REPORTING_SAMPLE_DIR"]
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let dir = keep ?? temporary.path

        let checkpoint = SafetensorsContents(
            tensors: [
                "actor/0.weight": Tensor(shape: [2, 4], scalars: (0..<8).map { Float($0) * 0.125 - 0.5 }),
                "actor/0.bias": Tensor([0.1, -0.2]),
                "optimizer/actor/exp_avg.0": Tensor(shape: [2, 4], scalars: [Float](repeating: 1e-3, count: 8)),
                "optimizer/step": Tensor(12),
            ],
            metadata: ["recipe": "env: CartPole-v1\nalgo: ppo\nseed: 1\n", "env_steps": "6144", "updates": "12"])
        try SafetensorsWriter.write(checkpoint, to: dir + "/checkpoints/last.safetensors")
        let back = try SafetensorsReader.read(path: dir + "/checkpoints/last.safetensors")
        #expect(sameBits(back.tensors, checkpoint.tensors) && back.metadata == checkpoint.metadata)

        let events = try TensorBoardEventWriter(directory: dir + "/tb", wallTime: 1_700_000_000, hostname: "zoo-test")
        for update in 1...12 {
            try events.write(scalars: [
                .init(tag: "charts/episode_return", value: Float(update * update)),
                .init(tag: "losses/critic", value: 10 / Float(update)),
                .init(tag: "losses/entropy", value: 0.69 - Float(update) * 0.01),
            ], step: Int64(update * 512), wallTime: 1_700_000_000 + Double(update))
        }
        try events.close()
        #expect(try TensorBoardEventReader.read(path: events.path).count == 13)

        let metrics = try MetricsCSV.create(path: dir + "/metrics.csv", columns: ["update", "env_step", "losses/critic"])
        for update in 1...12 {
            try metrics.append(["update": .int(Int64(update)), "env_step": .int(Int64(update * 512)),
                                "losses/critic": .float(10 / Float(update))])
        }
        let plot = sampleTrainingPlot()
        try plot.write(to: dir + "/training.svg")
        let curves = ["a2c", "ppo", "grpo"].enumerated().map { index, name in
            ComparisonCurve.aggregate(name: name, runs: (0..<5).map { seed in
                syntheticSeries(count: 300, stepsPerPoint: 1000, seed: UInt64(100 * index + seed)) { t in
                    20 + Double(120 * (index + 2)) * (1 - exp(-3 * t * Double(index + 1)))
                }.rollingMean(window: 20)
            })
        }
        try ComparisonPlot(curves: curves, title: "CartPole-v1: A2C vs PPO vs GRPO").write(to: dir + "/compare.svg")
        try RunSummaryFile.write(RunSummary(
            recipe: "ppo-cartpole", algorithm: "ppo", environment: "CartPole-v1", seed: 1, envSteps: 6144, updates: 12,
            episodes: 40, wallSeconds: 3.25, finalMeanReturn: 144.1, bestMeanReturn: 150.5, bestUpdate: 11,
            status: .finished), to: dir + "/summary.json")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["checkpoints", "compare.svg", "metrics.csv", "summary.json", "tb", "training.svg"])
    }
}
