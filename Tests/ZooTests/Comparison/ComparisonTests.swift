import Foundation
import Testing
@testable import Zoo

/// `zoo compare` without training: the plan, the report's aggregation over synthetic run
/// directories, and the rerun rule (finished runs reused, unfinished ones redone).
@Suite("Comparison")
struct ComparisonTests {
    /// Two CartPole recipes in a temporary directory, and the plan's output inside it.
    struct Setup {
        let root: String
        let recipes: [String]

        init() throws {
            root = NSTemporaryDirectory() + "zoo-compare-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            recipes = [root + "/fast.yaml", root + "/slow.yaml"]
            for path in recipes {
                try AtomicFile.write("""
                    env: {id: CartPole-v1, copies: 2}
                    algorithm: {name: a2c}
                    train: {steps: 1000, window: 10}
                    """, to: path)
            }
        }

        func plan(seeds: Int = 2, steps: Int? = 500) throws -> ComparisonPlan {
            try ComparisonPlan(recipePaths: recipes, seeds: seeds, steps: steps, output: root + "/out")
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// "fast" reaches 500 per episode after 10 episodes, "slow" climbs to 200 (seed 1
    /// climbs a bit higher).
    static func episodes(_ job: TrainingJob) -> [(step: Int, value: Double)] {
        (1...30).map { i in
            let value: Double = job.recipe.name == "fast" ? (i <= 10 ? 20 : 500) : Double(i) * 6 + Double(job.seed) * 10
            return (i * 100, value)
        }
    }

    @Test func planNamesDirectoriesOverridesAndTheDefaultOutput() throws {
        let s = try Setup()
        defer { s.remove() }
        let plan = try s.plan()
        #expect(plan.jobs.count == 4)
        #expect(plan.recipes.map(\.name) == ["fast", "slow"] && plan.recipes[0].environment == "CartPole-v1")
        let job = plan.jobs[1]
        #expect(job.seed == 1 && job.directory == s.root + "/out/runs/fast/1")
        #expect(job.overrides == ["train.seed=1", "train.steps=500", "output.dir=\(s.root)/out/runs/fast/1"])
        #expect(job.resolvedRecipe.contains("steps: 500") && job.resolvedRecipe.contains("seed: 1"))
        let defaulted = try ComparisonPlan(recipePaths: s.recipes, seeds: 1, steps: nil, output: nil)
        #expect(defaulted.outputDirectory == "compare/fast-vs-slow")
        #expect(defaulted.jobs[0].overrides.count == 2)
        #expect(throws: ZooError.self) { _ = try ComparisonPlan(recipePaths: [s.recipes[0], s.recipes[0]], seeds: 1, steps: nil, output: nil) }
        #expect(throws: ZooError.self) { _ = try ComparisonPlan(recipePaths: s.recipes, seeds: 0, steps: nil, output: nil) }
        #expect(throws: ZooError.self) { _ = try ComparisonPlan(recipePaths: [s.root + "/missing.yaml"], seeds: 1, steps: nil, output: nil) }
    }

    @Test func rollingMeanThresholdCrossing() {
        let run = RunResult(recipe: "r", seed: 0, summary: nil,
                            episodes: [(10, 400), (20, 500), (30, 500), (40, 450), (50, 500)], window: 2, failure: nil)
        #expect(run.stepsToReach(475) == 30)
        #expect(run.stepsToReach(500) == 30)
        #expect(run.stepsToReach(501) == nil)
        #expect(RunResult(recipe: "r", seed: 0, summary: nil, episodes: [(1, 600)], window: 2, failure: nil).stepsToReach(1) == nil)
    }

    @Test func reportAggregatesSeedsAndReportsFailures() throws {
        let s = try Setup()
        defer { s.remove() }
        let plan = try s.plan()
        let launcher = FakeLauncher(failing: ["slow/1"], episodes: Self.episodes)
        let outcomes = LocalBackend(launcher: launcher, jobs: 2).run(plan.jobs)
        #expect(outcomes.map(\.action) == [.trained, .trained, .trained, .trained])
        #expect(outcomes.map(\.exitStatus) == [0, 0, 0, 2])
        let report = ComparisonReport(plan: plan, outcomes: outcomes)
        let fast = report.recipes[0], slow = report.recipes[1]
        #expect(fast.threshold == 475)
        #expect(fast.finalReturn?.mean == 500 && fast.finalReturn?.std == 0)
        // Window 10: the mean of episodes 11…20 is the first to reach 475, at step 2000.
        #expect(fast.toThreshold.reached == 2 && fast.toThreshold.steps == 2000)
        #expect(fast.toThreshold.seconds == 10.0 * 2000 / 3000)
        #expect(fast.stepsPerSecond == 300)
        #expect(slow.finishedRuns.map(\.seed) == [0])
        #expect(slow.runs[1].failure == "exit 2: algorithm.lr: must be in 0…10, got 99")
        #expect(slow.toThreshold.reached == 0)
        let rows = report.rows
        #expect(rows[0] == ["fast", "2/2", "500.0 ± 0.00", "500.0", "2,000 (2/2 reached 475.0)", "≈ 6.7 s", "300"])
        #expect(rows[1][1] == "1/2" && rows[1][4] == "not reached (475.0)")
        #expect(report.table.split(separator: "\n").count == 4)
        let md = report.markdown
        #expect(md.contains("| fast | 2/2 | 500.0 ± 0.00 |"))
        #expect(md.contains("| slow | 1 | failed: exit 2: algorithm.lr"))
        try report.write()
        let svg = try String(contentsOfFile: plan.outputDirectory + "/compare.svg", encoding: .utf8)
        #expect(svg.contains("fast") && svg.contains("slow") && svg.contains("<polyline"))
        #expect(FileManager.default.fileExists(atPath: plan.outputDirectory + "/report.md"))
        // The curve averages the seeds' rolling means on a grid; "fast" ends at 500.
        #expect(fast.curve.mean.last == 500 && fast.curve.x.last == 3000)
    }

    @Test func rerunReusesFinishedRunsAndRedoesUnfinishedOnes() throws {
        let s = try Setup()
        defer { s.remove() }
        let plan = try s.plan()
        let first = FakeLauncher(episodes: Self.episodes)
        _ = LocalBackend(launcher: first, jobs: 3).run(plan.jobs)
        #expect(first.callList.count == 4)

        // Everything finished: nothing runs again.
        let second = FakeLauncher(episodes: Self.episodes)
        let reused = LocalBackend(launcher: second, jobs: 2).run(plan.jobs)
        #expect(second.callList.isEmpty)
        #expect(reused.allSatisfy { $0.action == .reused })

        // fast/0 was interrupted after a checkpoint; slow/1 ran with another budget;
        // fast/1 has no summary and no checkpoint.
        try FakeLauncher.writeRun(plan.jobs[0], episodes: [(100, 20)], status: .interrupted)
        try AtomicFile.write("env: {id: CartPole-v1}\n", to: plan.jobs[3].directory + "/recipe.yaml")
        try FileManager.default.removeItem(atPath: plan.jobs[1].directory + "/summary.json")
        try FileManager.default.removeItem(atPath: plan.jobs[1].directory + "/checkpoints")
        #expect(RunState.of(plan.jobs[0]) == .unfinished)
        #expect(RunState.of(plan.jobs[1]) == .stale(reason: "it stopped before its first checkpoint"))
        #expect(RunState.of(plan.jobs[2]) == .finished)
        #expect(RunState.of(plan.jobs[3]) == .stale(reason: "its recipe or budget differs"))

        let third = FakeLauncher(episodes: Self.episodes)
        let redone = LocalBackend(launcher: third, jobs: 1).run(plan.jobs)
        #expect(Set(third.callList.map(\.job)) == ["fast/0", "fast/1", "slow/1"])
        #expect(third.callList.allSatisfy { !$0.resume })
        #expect(redone[0].action == .restarted(reason: "unfinished; zoo train has no --resume"))
        #expect(redone[2].action == .reused)
        #expect(RunState.of(plan.jobs[0]) == .finished && RunState.of(plan.jobs[3]) == .finished)

        // With --resume available an unfinished run continues instead.
        try FakeLauncher.writeRun(plan.jobs[2], episodes: [(100, 20)], status: .interrupted)
        let fourth = FakeLauncher(canResume: true, episodes: Self.episodes)
        let resumed = LocalBackend(launcher: fourth, jobs: 2).run(plan.jobs)
        #expect(fourth.callList.map(\.job) == ["slow/0"] && fourth.callList[0].resume)
        #expect(resumed[2].action == .resumed)
        let report = ComparisonReport(plan: plan, outcomes: resumed)
        #expect(report.markdown.contains("finished (resumed)") && report.markdown.contains("finished (reused)"))
    }
}
