import DSL

/// Throughput and allocations of LunarLander-v3, for `zoo bench lunar` and the
/// comparison with Gymnasium and EnvPool (`scripts/bench_lunar_vs_python.py`).
///
/// Why separate from `EnvBenchmark`: LunarLander's cost is the physics (180 velocity and
/// 60 position iterations per step) and its resets build a new world, which allocates by
/// design. The timed cases reuse `EnvBenchmark.run` (registry-made environment with its
/// `TimeLimit`, precomputed random actions, `nextStep` autoreset, best of several runs);
/// allocations are reported twice: over the whole loop (autoresets included, so also per
/// reset) and over steps alone (`steadyState`: each episode's steps in their own
/// counting window, reset outside it), which is the "stepping allocates nothing" claim.
public enum LunarBenchmark {
    /// The cases `zoo bench lunar` runs: one copy, 16 copies in the calling thread (to
    /// show what the second thread adds), and 16 copies on 2 threads.
    public static let cases = [
        EnvBenchmark.Case(environment: "LunarLander-v3", copies: 1, threads: 0),
        EnvBenchmark.Case(environment: "LunarLander-v3", copies: 16, threads: 0),
        EnvBenchmark.Case(environment: "LunarLander-v3", copies: 16, threads: 2),
    ]

    /// Allocations made by steps alone, outside resets.
    public struct SteadyState: Sendable, Codable, Equatable {
        public var episodes: Int
        public var steps: Int
        public var allocations: Int
        public var allocationsPerStep: Double { steps > 0 ? Double(allocations) / Double(steps) : 0 }
    }

    /// Steps `episodes` episodes of a bare LunarLander (random discrete actions from a
    /// precomputed list), counting the allocations of each episode's steps in a window
    /// that excludes its reset. `nil` when allocation tracing is unavailable.
    public static func steadyState(episodes: Int, seed: Int = 0, maxSteps: Int = 1000) throws(EnvError) -> SteadyState? {
        guard episodes > 0 else { throw .invalidArgument("episodes must be positive, got \(episodes)") }
        var env = LunarLander(try LunarLanderConfiguration())
        var random = SeededRandom(seed: seed).derived("bench-actions")
        let actions = (0..<maxSteps).map { _ in random.nextInt(below: 4) }
        var observation = [Float](repeating: 0, count: 8)
        var total = SteadyState(episodes: episodes, steps: 0, allocations: 0)
        for k in 0..<episodes {
            try observation.withUnsafeMutableBufferPointer { (row) throws(EnvError) in
                _ = try env.reset(seed: seed + k, options: .none, into: row)
            }
            var steps = 0
            var failure: EnvError?
            let counted = AllocationTrace.count {
                observation.withUnsafeMutableBufferPointer { row in
                    while steps < maxSteps {
                        do throws(EnvError) {
                            let outcome = try env.step(.discrete(actions[steps]), into: row)
                            steps += 1
                            if outcome.terminated { break }
                        } catch {
                            failure = error
                            break
                        }
                    }
                }
            }
            if let failure { throw failure }
            guard let counted else { return nil }
            total.steps += steps
            total.allocations += counted
        }
        return total
    }
}
