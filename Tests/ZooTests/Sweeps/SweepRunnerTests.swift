import Foundation
import Synchronization
import Testing
@testable import Plugins
@testable import Zoo

/// The rungs of successive halving without training: a launcher writes runs whose
/// rolling return grows with the configuration's γ, so the ranking is known; survivors
/// are resumed with the larger budget, a rerun trains nothing and ranks the same,
/// `--report-only` reads the same back, and the report and `best.yaml` follow.
@Suite("Sweep rungs")
struct SweepRunnerTests {
    /// Writes a run as `zoo train` would: `metrics.csv` every 100 steps with mean return
    /// γ × steps / 10 + seed, continuing the rows on a resume.
    final class FakeTrainer: RunLauncher {
        let canResume = true
        let calls = Mutex<[String]>([])
        /// Requested once this many runs have been started.
        let stopAfter: (calls: Int, stop: StopRequest)?

        init(stopAfter: (calls: Int, stop: StopRequest)? = nil) {
            self.stopAfter = stopAfter
        }

        static func value(_ key: String, in job: TrainingJob) -> String? {
            job.overrides.last { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }

        func train(_ job: TrainingJob, resume: Bool) -> Int32 {
            let steps = Int(Self.value("train.steps", in: job) ?? "") ?? 0
            let gamma = Double(Self.value("algorithm.gamma", in: job) ?? "") ?? 0
            let count = calls.withLock { calls in
                calls.append("\(job.recipe.name)/\(job.seed) \(resume ? "resume" : "train") \(steps)")
                return calls.count
            }
            if let stopAfter, count >= stopAfter.calls { stopAfter.stop.request() }
            let dir = job.directory, fm = FileManager.default
            var csv = "update,env_steps,episodes,mean_return\n"
            var start = 100
            if resume, let old = fm.contents(atPath: dir + "/metrics.csv") {
                csv = String(decoding: old, as: UTF8.self)
                start = (SweepScore.rows(of: dir + "/metrics.csv").last?["env_steps"].flatMap(Int.init) ?? 0) + 100
            }
            for step in stride(from: start, through: steps, by: 100) {
                csv += "\(step / 100),\(step),\(step / 50),\(gamma * Double(step) / 10 + Double(job.seed))\n"
            }
            do {
                try AtomicFile.write(job.resolvedRecipe, to: dir + "/recipe.yaml")
                try AtomicFile.write(csv, to: dir + "/metrics.csv")
                try AtomicFile.write([UInt8](), to: dir + "/checkpoints/last.safetensors")
                let summary = RunSummary(recipe: job.recipe.name, algorithm: "fake", environment: "CartPole-v1", seed: UInt64(job.seed),
                                         envSteps: Int64(steps), updates: Int64(steps / 100), episodes: 1, wallSeconds: 1,
                                         finalMeanReturn: gamma, bestMeanReturn: gamma, bestUpdate: 1, status: .finished)
                try RunSummaryFile.write(summary, to: dir + "/summary.json")
            } catch {
                return 1
            }
            return 0
        }
    }

    static func plan(_ s: SweepFileTests.Setup) throws -> SweepPlan {
        try s.plan("""
            method: grid
            seeds: 2
            halving: {eta: 2, min_steps: 1000}
            space:
              algorithm.gamma: {grid: [0.9, 0.95, 0.97, 0.99]}
            """)
    }

    @Test func survivorsContinueAndRerunsReuse() throws {
        let s = try SweepFileTests.Setup()
        defer { s.remove() }
        let plan = try Self.plan(s)
        #expect(plan.rungs == [1000, 2000, 4000])
        let trainer = FakeTrainer()
        let backend = LocalBackend(launcher: trainer, jobs: 1)
        let result = try SweepRunner.run(plan, backend: backend, stop: StopRequest()) { _ in }
        #expect(trainer.calls.withLock { $0 } == [
            "c0/0 train 1000", "c0/1 train 1000", "c1/0 train 1000", "c1/1 train 1000",
            "c2/0 train 1000", "c2/1 train 1000", "c3/0 train 1000", "c3/1 train 1000",
            "c2/0 resume 2000", "c2/1 resume 2000", "c3/0 resume 2000", "c3/1 resume 2000",
            "c3/0 resume 4000", "c3/1 resume 4000",
        ])
        #expect(result.complete)
        #expect(result.ranking.map(\.configuration.name) == ["c3", "c2", "c1", "c0"])
        #expect(result.ranking.map(\.rung) == [2, 1, 0, 0])
        let best = try #require(result.best?.score)
        #expect(abs(best.mean - 396.5) < 1e-9 && abs(best.std - 0.5) < 1e-9)
        // c2's score is the one it had at 2,000 steps.
        let c2: [Double] = [0.97 * 2000 / 10, 0.97 * 2000 / 10 + 1]
        #expect(result.entries[2].scores == c2)
        #expect(result.entries[3].outcomes.map(\.action) == [.resumed, .resumed])

        let again = FakeTrainer()
        let rerun = try SweepRunner.run(plan, backend: LocalBackend(launcher: again, jobs: 2), stop: StopRequest()) { _ in }
        #expect(again.calls.withLock { $0 }.isEmpty)
        #expect(rerun.ranking.map(\.configuration.name) == ["c3", "c2", "c1", "c0"])
        #expect(rerun.entries.allSatisfy { $0.outcomes.allSatisfy { $0.action == .reused } })
        #expect(rerun.entries.map(\.scores) == result.entries.map(\.scores))

        let recorded = try SweepRunner.run(plan, backend: RecordedBackend(), stop: StopRequest()) { _ in }
        #expect(recorded.ranking.map(\.configuration.name) == ["c3", "c2", "c1", "c0"] && recorded.complete)

        let report = SweepReport(plan: plan, result: result)
        try report.write()
        let md = try String(contentsOfFile: plan.outputDirectory + "/report.md", encoding: .utf8)
        #expect(md.contains("| 1 | c3 | 0.99 | 3/3 (4,000) | 396.5 ± 0.50 | 2/2 |"))
        #expect(md.contains("| 2 | c2 | 0.97 | 2/3 (2,000) | 194.5 ± 0.50 | 2/2 |"))
        #expect(md.contains("| c3 | 1 | 3/3 (4,000) | finished (resumed) | 397.0 |"))
        #expect(md.contains("Best: **c3** (algorithm.gamma=0.99)"))
        let bestText = try String(contentsOfFile: plan.outputDirectory + "/best.yaml", encoding: .utf8)
        #expect(bestText.hasPrefix("# \(s.recipe) with configuration c3 of the sweep"))
        let recipe = try Recipe(document: RecipeDocument(text: bestText), defaultName: "best")
        #expect(recipe.text.contains("gamma: 0.99"))
        #expect(FileManager.default.fileExists(atPath: plan.outputDirectory + "/sweep.svg"))
        #expect(report.table.split(separator: "\n").count == 2 + 4)
    }

    @Test func aStoppedSweepEndsAfterTheRungAndSaysSo() throws {
        let s = try SweepFileTests.Setup()
        defer { s.remove() }
        let plan = try Self.plan(s)
        let stop = StopRequest()
        stop.request()
        let result = try SweepRunner.run(plan, backend: LocalBackend(launcher: FakeTrainer(), jobs: 1), stop: stop) { _ in }
        #expect(!result.complete && result.best == nil)
        #expect(result.entries.allSatisfy { $0.rung == 0 && $0.outcomes.allSatisfy { $0.action == .notStarted } })
        let report = SweepReport(plan: plan, result: result)
        try report.write()
        #expect(report.markdown.contains("No configuration has a score yet") && report.markdown.contains("rerun the same command"))
        #expect(!FileManager.default.fileExists(atPath: plan.outputDirectory + "/best.yaml"))
    }

    /// A sweep stopped after its first rung: the report written then (`--report-only`, as
    /// a Slurm report job would) ranks the first rung, with the survivors there, not as
    /// having reached the second.
    @Test func aReportBetweenRungsShowsOnlyWhatEnded() throws {
        let s = try SweepFileTests.Setup()
        defer { s.remove() }
        let plan = try Self.plan(s)
        let stop = StopRequest()
        let first = try SweepRunner.run(plan, backend: LocalBackend(launcher: FakeTrainer(stopAfter: (8, stop)), jobs: 1),
                                        stop: stop) { _ in }
        #expect(!first.complete && first.entries.allSatisfy { $0.rung == 0 && $0.finished == 2 })
        let recorded = try SweepRunner.run(plan, backend: RecordedBackend(), stop: StopRequest()) { _ in }
        #expect(!recorded.complete)
        #expect(recorded.entries.map(\.rung) == [0, 0, 0, 0])
        #expect(recorded.ranking.map(\.configuration.name) == ["c3", "c2", "c1", "c0"])
        #expect(recorded.entries.map(\.scores) == first.entries.map(\.scores))
        // Continuing trains the second and third rungs only.
        let trainer = FakeTrainer()
        let rest = try SweepRunner.run(plan, backend: LocalBackend(launcher: trainer, jobs: 1), stop: StopRequest()) { _ in }
        #expect(rest.complete && rest.best?.configuration.name == "c3")
        #expect(trainer.calls.withLock { $0 }.count == 6)
    }
}
