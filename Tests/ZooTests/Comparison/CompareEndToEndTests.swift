import Foundation
import Testing
@testable import Zoo

/// The `zoo` executable in the test bundle's build directory, if built.
let builtZooExecutable: String? = {
    var directory = URL(fileURLWithPath: ProcessLauncher.currentExecutable).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("zoo").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    return nil
}()

/// A real `zoo compare` of two CartPole recipes (A2C and REINFORCE, 2 seeds, 4000 steps)
/// through `zoo train` child processes of the `zoo` executable that `swift test` builds
/// next to the test bundle (about 4 s in a debug build), then a rerun that reuses every
/// run. Skipped when there is no `zoo` executable.
@Suite("Compare end to end", .enabled(if: builtZooExecutable != nil))
struct CompareEndToEndTests {
    @Test func twoCartPoleRecipes() throws {
        let zoo = try #require(builtZooExecutable)
        let root = PluginScaffoldTests.packageRoot
        let out = NSTemporaryDirectory() + "zoo-compare-e2e-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let plan = try ComparisonPlan(recipePaths: [root + "/recipes/a2c-cartpole.yaml", root + "/recipes/reinforce-cartpole.yaml"],
                                      seeds: 2, steps: 4000, output: out)
        let launcher = ProcessLauncher(executable: zoo)
        let outcomes = LocalBackend(launcher: launcher, jobs: 2).run(plan.jobs)
        #expect(outcomes.allSatisfy { $0.exitStatus == 0 }, "\(outcomes.map { $0.log ?? "" })")
        let report = ComparisonReport(plan: plan, outcomes: outcomes)
        try report.write()
        #expect(report.recipes.map { $0.finishedRuns.count } == [2, 2])
        #expect(report.recipes.allSatisfy { $0.runs.allSatisfy { ($0.summary?.envSteps ?? 0) >= 4000 } })
        #expect(FileManager.default.fileExists(atPath: out + "/compare.svg"))
        let again = LocalBackend(launcher: launcher, jobs: 2).run(plan.jobs)
        #expect(again.allSatisfy { $0.action == .reused })
    }
}
