import ArgumentParser
import Foundation
import Zoo

/// `zoo bench lunar`: LunarLander-v3 steps/s (1 copy; 16 copies sync and on 2 threads) and heap
/// allocations, per step and per reset.
struct BenchLunar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar",
        abstract: "Measure LunarLander-v3 steps/s (1 copy; 16 copies sync and on 2 threads) and heap allocations per step."
    )

    @Option(parsing: .unconditional, help: "Vector steps per timed run for 1 copy (the 16-copy case runs a sixteenth as many).")
    var iterations = 100_000

    @Option(parsing: .unconditional, help: "Timed runs per case; the best is reported.")
    var repeats = 3

    @Option(parsing: .unconditional, help: "Episodes whose steps are counted for the steady-state allocation figure.")
    var allocationEpisodes = 20

    @Flag(help: "Print the results as JSON instead of a table.")
    var json = false

    @Flag(help: "Skip the allocation-counting pass (which runs in a child process under glibc's mtrace).")
    var noAllocationCount = false

    @Flag(help: .hidden)
    var allocationPass = false

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
        guard allocationEpisodes > 0 else { throw ValidationError("--allocation-episodes must be positive") }
    }

    private func iterations(for benchCase: EnvBenchmark.Case) -> Int {
        benchCase.copies == 1 ? iterations : max(1, iterations / benchCase.copies)
    }

    /// What the traced child reports.
    private struct AllocationReport: Codable {
        var calibration: Int
        var loops: [Int]
        var episodesFinished: [Int]
        var steadyState: LunarBenchmark.SteadyState?
    }

    func run() throws {
        if allocationPass {
            var report = AllocationReport(calibration: AllocationTrace.calibrate(allocations: 10) ?? -1, loops: [], episodesFinished: [])
            for c in LunarBenchmark.cases {
                let r = try EnvBenchmark.run(c, iterations: iterations(for: c), countAllocations: true)
                report.loops.append(r.allocations ?? -1)
                report.episodesFinished.append(r.episodesFinished)
            }
            report.steadyState = try LunarBenchmark.steadyState(episodes: allocationEpisodes)
            print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
            return
        }
        var results = try LunarBenchmark.cases.map { c in
            try EnvBenchmark.run(c, iterations: iterations(for: c), repeats: repeats)
        }
        var steady: LunarBenchmark.SteadyState?
        var perReset: [Double?] = results.map { _ in nil }
        var method = "not counted (--no-allocation-count)"
        if !noAllocationCount {
            let output = try AllocationTrace.runTracedChild(arguments: [
                "bench", "lunar", "--allocation-pass", "--iterations", "\(iterations)",
                "--allocation-episodes", "\(allocationEpisodes)",
            ])
            let report = try JSONDecoder().decode(AllocationReport.self, from: output)
            guard report.calibration == 10 else {
                throw ValidationError("allocation counter failed its self-check (counted \(report.calibration) of 10 known allocations)")
            }
            for k in results.indices where k < report.loops.count && report.loops[k] >= 0 {
                results[k].allocations = report.loops[k]
                results[k].allocationsPerStep = Double(report.loops[k]) / Double(results[k].envSteps)
                let resets = report.episodesFinished[k]
                perReset[k] = resets > 0 ? Double(report.loops[k]) / Double(resets) : nil
            }
            steady = report.steadyState
            method = "glibc mtrace in a child process (every malloc/calloc/realloc/memalign of every thread); "
                + "loop figures include autoresets, which build a new physics world; steady state counts "
                + "\(allocationEpisodes) episodes' steps with their resets outside the counting window; "
                + "self-check: a window making 10 known allocations counted 10"
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = Report(results: results, allocationsPerReset: perReset, steadyState: steady, allocationMethod: method)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(EnvBenchmark.table(results))
            for (r, a) in zip(results, perReset) {
                if let a { print("\(r.copies) cop\(r.copies == 1 ? "y" : "ies"): \(r.episodesFinished) autoresets, \(String(format: "%.1f", a)) allocations per reset") }
            }
            if let steady {
                print("steady state: \(steady.allocations) allocations in \(steady.steps) steps of \(steady.episodes) episodes (resets excluded)")
            }
            print("\nallocations: \(method)")
        }
    }

    private struct Report: Encodable {
        let results: [EnvBenchmark.Result]
        let allocationsPerReset: [Double?]
        let steadyState: LunarBenchmark.SteadyState?
        let allocationMethod: String
    }
}
