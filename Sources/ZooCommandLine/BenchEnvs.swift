import ArgumentParser
import Foundation
import Zoo

/// `zoo bench envs`: CartPole-v1 vector-environment throughput and allocations per step.
struct BenchEnvs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "Measure CartPole-v1 steps/s (1 copy; 16 copies sync and on 2 threads) and heap allocations per step.",
        discussion: "Other environments with discrete actions can be measured with --env, other layouts with --case."
    )

    @Option(parsing: .unconditional, help: "Vector steps per timed run for 1 copy (a case with N > 1 copies runs 2·iterations/N, about twice the env steps).")
    var iterations = 400_000

    @Option(parsing: .unconditional, help: "Timed runs per case; the best is reported.")
    var repeats = 5

    @Flag(help: "Print the results as JSON instead of a table.")
    var json = false

    @Flag(help: "Skip the allocation-counting pass (which runs in a child process under glibc's mtrace).")
    var noAllocationCount = false

    @Option(help: "The environment id (one with a discrete action space).")
    var env = "CartPole-v1"

    @Flag(help: "Wrap each copy in Gymnasium's AtariPreprocessing and a 4-frame stack (for an Atari id without frame skip, e.g. PongNoFrameskip-v4).")
    var atariPreprocessing = false

    @Option(name: .customLong("case"), help: "A case as COPIES:THREADS (THREADS 0 = sync); repeatable. Default: 1:0, 16:0, 16:2.")
    var cases: [String] = []

    @Flag(help: .hidden)
    var allocationPass = false

    private var benchCases: [EnvBenchmark.Case] {
        get throws {
            if cases.isEmpty {
                return EnvBenchmark.defaultCases.map { EnvBenchmark.Case(environment: env, copies: $0.copies, threads: $0.threads,
                                                                         atariPreprocessing: atariPreprocessing) }
            }
            return try cases.map { text in
                let parts = text.split(separator: ":").map { Int($0) }
                guard parts.count == 2, let copies = parts[0], let threads = parts[1], copies >= 1, threads >= 0 else {
                    throw ValidationError("--case must be COPIES:THREADS with COPIES ≥ 1 and THREADS ≥ 0, got '\(text)'")
                }
                return EnvBenchmark.Case(environment: env, copies: copies, threads: threads, atariPreprocessing: atariPreprocessing)
            }
        }
    }

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
        _ = try benchCases
    }

    /// Vector steps for a case: about the same number of env steps for every case
    /// (half as many per copy as the 1-copy case gets in total, at least 1).
    private func iterations(for benchCase: EnvBenchmark.Case) -> Int {
        benchCase.copies == 1 ? iterations : max(1, iterations * 2 / benchCase.copies)
    }

    func run() throws {
        if allocationPass {
            // Child process: count allocations of each case's loop, print them as JSON.
            // The first number is the counter's self-check: a window with 10 allocations.
            let calibration = AllocationTrace.calibrate(allocations: 10) ?? -1
            let counts = try benchCases.map { c in
                try EnvBenchmark.run(c, iterations: iterations(for: c), countAllocations: true).allocations ?? -1
            }
            print(String(decoding: try JSONEncoder().encode([calibration] + counts), as: UTF8.self))
            return
        }
        var results = try benchCases.map { c in
            try EnvBenchmark.run(c, iterations: iterations(for: c), repeats: repeats)
        }
        var method = "not counted (--no-allocation-count)"
        if !noAllocationCount {
            do {
                let output = try AllocationTrace.runTracedChild(
                    arguments: ["bench", "envs", "--allocation-pass", "--iterations", "\(iterations)", "--env", env]
                        + (atariPreprocessing ? ["--atari-preprocessing"] : [])
                        + cases.flatMap { ["--case", $0] })
                let reported = try JSONDecoder().decode([Int].self, from: output)
                guard reported.first == 10 else {
                    throw ValidationError("the counter failed its self-check (counted \(reported.first ?? -1) of 10 known allocations)")
                }
                for (k, count) in reported.dropFirst().enumerated() where k < results.count && count >= 0 {
                    results[k].allocations = count
                    results[k].allocationsPerStep = Double(count) / Double(results[k].envSteps)
                }
                method = "every malloc/calloc/realloc/memalign of every thread during one full copy of each timed loop, "
                    + "logged by glibc's mtrace (libc_malloc_debug preloaded in a child process) and counted; "
                    + "self-check: a window making 10 known allocations counted 10"
            } catch {
                method = "not counted: \(error)"
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(Report(results: results, allocationMethod: method)), as: UTF8.self))
        } else {
            print(EnvBenchmark.table(results))
            print("\nallocations: \(method)")
        }
    }

    private struct Report: Encodable {
        let results: [EnvBenchmark.Result]
        let allocationMethod: String
    }
}
