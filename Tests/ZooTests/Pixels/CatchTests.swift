import Foundation
import Testing
import DSL
@testable import Plugins
@testable import Zoo

/// Catch-v0, the pixel environment of the tests: its rules, its pixels, seeding, vector
/// semantics with uint8 rows and snapshots.
@Suite("Catch-v0 (pixels)")
struct CatchTests {
    /// The grid read back from an observation: (ball row, ball column, paddle column).
    static func read(_ pixels: [Float], rows: Int = 10, columns: Int = 5, cell: Int = 4) -> (Int, Int, Int)? {
        var ball: (Int, Int)?, paddle: Int?
        let width = columns * cell
        for r in 0..<rows {
            for c in 0..<columns {
                let k = ((r * cell) * width + c * cell) * 3
                let rgb = (pixels[k], pixels[k + 1], pixels[k + 2])
                if rgb == (255, 255, 255) { ball = (r, c) }
                if rgb == (255, 140, 0), r == rows - 1 { paddle = c }
            }
        }
        // A caught ball is drawn over the paddle.
        guard let ball, let paddle = paddle ?? (ball.0 == rows - 1 ? ball.1 : nil) else { return nil }
        return (ball.0, ball.1, paddle)
    }

    @Test func spacesAndFirstFrame() throws {
        var env = try make("Catch-v0")
        #expect(env.observationSpace.shape == [40, 20, 3])
        #expect(env.observationSpace.dtype == .uint8)
        #expect(env.actionSpace == .discrete(try Discrete(3)))
        let (obs, _) = try env.reset(seed: 3)
        #expect(obs.count == 40 * 20 * 3)
        let state = try #require(Self.read(obs))
        #expect(state.0 == 0 && state.2 == 2)
        // Only the ball's and the paddle's cells are lit.
        #expect(obs.filter { $0 != 0 }.count == 2 * 16 * 3 - 16)
    }

    @Test func catchingScoresOneMissingScoresMinusOne() throws {
        for seed in 0..<10 {
            for follow in [true, false] {
                var env = try make("Catch-v0")
                var (obs, _) = try env.reset(seed: seed)
                var total = 0.0, steps = 0
                while true {
                    let (_, ball, paddle) = try #require(Self.read(obs))
                    let target = follow ? ball : (ball + 2) % 5
                    let t = try env.step(target > paddle ? 2 : target < paddle ? 0 : 1)
                    total += t.reward
                    steps += 1
                    obs = t.observation
                    if t.terminated { break }
                    #expect(t.reward == 0)
                }
                #expect(steps == 9)
                #expect(total == (follow ? 1 : -1), "seed \(seed)")
                #expect(throws: EnvError.self) { _ = try env.step(1) }
            }
        }
    }

    @Test func seedsRepeatAndCoverEveryColumn() throws {
        var env = try make("Catch-v0")
        var columns = Set<Int>()
        for seed in 0..<40 {
            let first = try #require(Self.read(try env.reset(seed: seed).observation)).1
            #expect(try #require(Self.read(try env.reset(seed: seed).observation)).1 == first)
            columns.insert(first)
        }
        #expect(columns == Set(0..<5))
        #expect(throws: EnvError.self) { _ = try env.step(3) }
    }

    @Test func vectorSameStepKeepsTheFinalFrameInBytes() throws {
        let vec = try VectorEnv(id: "Catch-v0", numEnvs: 3, autoreset: .sameStep)
        try vec.reset(seed: 1)
        for _ in 0..<8 { try vec.step([1, 0, 2]) }
        #expect(vec.buffers.terminatedArray == [false, false, false])
        try vec.step([1, 1, 1])
        #expect(vec.buffers.terminatedArray == [true, true, true])
        for i in 0..<3 {
            #expect(vec.buffers.hasFinal[i])
            #expect(Self.read(vec.buffers.rowValues(i, final: true))?.0 == 9)
            #expect(Self.read(vec.buffers.rowValues(i))?.0 == 0)
        }
    }

    @Test func snapshotsRestoreTheFrame() throws {
        let vec = try VectorEnv(id: "Catch-v0", numEnvs: 2)
        try vec.reset(seed: 7)
        try vec.step([0, 2])
        let snapshot = try vec.snapshot(copy: 0)
        try vec.restore(snapshot, into: [1])
        #expect(vec.buffers.rowValues(1) == vec.buffers.rowValues(0))
        try vec.step([2, 2])
        #expect(vec.buffers.rowValues(1) == vec.buffers.rowValues(0))
    }

    /// PPO with a convolutional trunk learns Catch from grey pixels (opt-in:
    /// `ZOO_LONG_TESTS=1`; about 3 minutes in a debug build, 20 s in release).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ZOO_LONG_TESTS"] == "1"))
    func ppoLearnsCatchFromPixels() throws {
        BuiltinPlugins.registerAll()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let dir = NSTemporaryDirectory() + "catch-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recipe = try Recipe.load(path: root.appendingPathComponent("recipes/ppo-catch-pixels.yaml").path,
                                          overrides: ["output.dir=\(dir)"])
        let trainer = try Trainer(recipe: recipe, observers: [try RunRecorder(recipe: recipe)])
        _ = try trainer.run()
        let agent = try TrainedAgent.load(dir)
        let summary = try agent.evaluate(episodes: 100, seed: 1000, deterministic: true)
        #expect(summary.meanReturn >= 0.9)
    }
}
