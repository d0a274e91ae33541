import DSL
import Dispatch

/// Throughput of Zoo's vector environments, for `zoo bench envs` and BENCHMARKS.md.
///
/// Each case builds `CartPole-v1` through the registry (so with its `TimeLimit` and the
/// existential a user gets), resets with a fixed seed, pre-generates every action outside
/// the timed loop, and times `iterations` vector steps with `nextStep` autoreset. The best
/// of `repeats` runs is reported, since the machine may be shared. Heap allocations are
/// counted separately (`countAllocations`): the same loop runs once more inside an
/// `AllocationTrace` window, which needs glibc's malloc debugging library preloaded, so
/// `zoo bench envs` does that pass in a child process.
public enum EnvBenchmark {
    /// One benchmark configuration.
    public struct Case: Sendable, Codable, Equatable {
        public var environment: String
        public var copies: Int
        /// 0 for `sync`, otherwise the number of threads.
        public var threads: Int
        /// Each copy inside Gymnasium's `AtariPreprocessing` (defaults) and a 4-frame stack:
        /// what EnvPool's `Pong-v5` computes, for an Atari id without frame skip.
        public var atariPreprocessing = false

        public init(environment: String = "CartPole-v1", copies: Int, threads: Int, atariPreprocessing: Bool = false) {
            self.environment = environment
            self.copies = copies
            self.threads = threads
            self.atariPreprocessing = atariPreprocessing
        }

        public var label: String {
            "\(environment)\(atariPreprocessing ? " + AtariPreprocessing + FrameStack(4)" : "") × \(copies), "
                + (threads == 0 ? "sync" : "threads(\(threads))")
        }

        /// The per-copy wrappers of the case.
        var observationWrappers: ObservationWrappers {
            guard atariPreprocessing else { return .none }
            return ObservationWrappers([.atariPreprocessing(noopMax: 30, frameSkip: 4, screenSize: 84,
                                                            terminalOnLifeLoss: false, grayscale: true),
                                        .frameStack(depth: 4)])
        }
    }

    /// What one case measured.
    public struct Result: Sendable, Codable, Equatable {
        public var environment: String
        public var copies: Int
        public var threads: Int
        public var iterations: Int
        public var envSteps: Int
        public var bestSeconds: Double
        public var stepsPerSecond: Double
        public var episodesFinished: Int
        /// Heap allocations during one untraced-timing copy of the loop (`nil` when not
        /// counted).
        public var allocations: Int?
        public var allocationsPerStep: Double?
    }

    /// The cases `zoo bench envs` runs by default.
    public static let defaultCases = [
        Case(copies: 1, threads: 0),
        Case(copies: 16, threads: 0),
        Case(copies: 16, threads: 2),
    ]

    /// Runs one case: `repeats` timed loops, or with `countAllocations` one loop inside
    /// an `AllocationTrace` window (untimed, as tracing slows allocation down).
    public static func run(
        _ benchCase: Case, iterations: Int, repeats: Int = 3, seed: Int = 0, countAllocations: Bool = false
    ) throws(EnvError) -> Result {
        guard iterations > 0, repeats > 0 else {
            throw .invalidArgument("iterations and repeats must be positive, got \(iterations) and \(repeats)")
        }
        let execution: VectorExecution = benchCase.threads == 0 ? .sync : .threads(benchCase.threads)
        let envs = try VectorEnv(id: benchCase.environment, numEnvs: benchCase.copies,
                                 observationWrappers: benchCase.observationWrappers, execution: execution)
        guard case let .discrete(space) = envs.singleActionSpace else {
            throw .invalidArgument("the environment benchmark needs a discrete action space")
        }
        let n = benchCase.copies
        var random = SeededRandom(seed: seed).derived("bench-actions")
        let actions = (0..<(iterations * n)).map { _ in Int32(space.sample(using: &random)) }

        var episodes = 0
        try envs.reset(seed: seed)
        func loop() throws(EnvError) {
            episodes = 0
            try actions.withUnsafeBufferPointer { (all) throws(EnvError) in
                let target = envs.actions.integers
                let terminated = envs.buffers.terminated
                let truncated = envs.buffers.truncated
                for t in 0..<iterations {
                    for i in 0..<n { target[i] = all[t * n + i] }
                    try envs.step(mask: nil)
                    for i in 0..<n where terminated[i] || truncated[i] { episodes += 1 }
                }
            }
        }
        // Warm up: page in buffers, wake the pool, let lazily created storage appear.
        for _ in 0..<min(iterations, 1_000) { try envs.step(mask: nil) }
        var best = Double.infinity
        var allocations: Int?
        if countAllocations {
            var failure: EnvError?
            allocations = AllocationTrace.count {
                do throws(EnvError) { try loop() } catch { failure = error }
            }
            if let failure { throw failure }
            guard allocations != nil else {
                throw .invalidArgument("allocation tracing is not active in this process (libc_malloc_debug not preloaded)")
            }
        } else {
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                try loop()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
            }
        }
        let steps = iterations * n
        return Result(
            environment: benchCase.environment, copies: n, threads: benchCase.threads, iterations: iterations,
            envSteps: steps, bestSeconds: best, stepsPerSecond: Double(steps) / best, episodesFinished: episodes,
            allocations: allocations, allocationsPerStep: allocations.map { Double($0) / Double(steps) })
    }

    /// The results as a fixed-width table.
    public static func table(_ results: [Result]) -> String {
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        func lpad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
        var lines = [
            pad("environment", 14) + lpad("copies", 7) + "  " + pad("execution", 11) + lpad("env steps/s", 14)
                + lpad("ns/env step", 13) + lpad("allocs/step", 13),
        ]
        for r in results {
            let execution = r.threads == 0 ? "sync" : "threads(\(r.threads))"
            let allocations = r.allocationsPerStep.map { formatFixed($0, 4) } ?? "n/a"
            lines.append(
                pad(r.environment, 14) + lpad("\(r.copies)", 7) + "  " + pad(execution, 11)
                    + lpad(formatFixed(r.stepsPerSecond, 0), 14) + lpad(formatFixed(1e9 / r.stepsPerSecond, 2), 13)
                    + lpad(allocations, 13))
        }
        return lines.joined(separator: "\n")
    }

    static func formatFixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        let scale = Double((0..<digits).reduce(1) { r, _ in r * 10 })
        let scaled = (x * scale).rounded()
        let integer = Int(scaled) / Int(scale)
        let fraction = abs(Int(scaled)) % Int(scale)
        if digits == 0 { return "\(Int(scaled))" }
        let f = String(fraction)
        return "\(integer).\(String(repeating: "0", count: digits - f.count))\(f)"
    }
}
