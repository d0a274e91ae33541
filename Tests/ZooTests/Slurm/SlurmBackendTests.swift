import Foundation
import Synchronization
import Testing
@testable import Zoo

/// The Slurm backend without a cluster: submitting, waiting and cancelling against a
/// scripted scheduler, and (with the built `zoo`) a whole comparison through the
/// generated batch scripts run by bash — the same report numbers and run files as the
/// local backend, failures reported, and a rerun that resubmits only what is missing.
@Suite("Slurm backend")
struct SlurmBackendTests {
    /// A scheduler that keeps every job queued until it is cancelled.
    final class QueueingSlurm: SlurmClient {
        let submitted = Mutex<[[String]]>([])
        let cancelled = Mutex<[String]>([])
        let polls = Atomic<Int>(0)

        func submit(_ arguments: [String]) throws(SlurmError) -> String {
            submitted.withLock { list in
                list.append(arguments)
                return "\(list.count)"
            }
        }

        func anyQueued(_ jobs: [String]) throws(SlurmError) -> Bool {
            polls.add(1, ordering: .relaxed)
            return cancelled.withLock { $0.isEmpty }
        }

        func cancel(_ job: String) { cancelled.withLock { $0.append(job) } }
    }

    static func temporaryRecipes(_ texts: [String: String]) throws -> (root: String, paths: [String]) {
        let root = NSTemporaryDirectory() + "zoo-slurm-backend-" + UUID().uuidString
        var paths: [String] = []
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(text, to: "\(root)/\(name).yaml")
            paths.append("\(root)/\(name).yaml")
        }
        return (root, paths)
    }

    static func backend(_ client: any SlurmClient, plan: ComparisonPlan, executable: String = "/bin/false",
                        concurrency: Int? = nil) -> SlurmBackend {
        SlurmBackend(client: client, options: SlurmOptions(concurrency: concurrency), name: "zoo-test", executable: executable,
                     reportCommand: ["compare"] + plan.recipes.map(\.path) + ["--seeds", "\(plan.seeds)"]
                        + (plan.steps.map { ["--steps", "\($0)"] } ?? []) + ["--out", plan.outputDirectory],
                     outputDirectory: plan.outputDirectory, polling: (0.01, 0.02))
    }

    @Test func ctrlCCancelsTheArrayAndASecondStopsWaiting() throws {
        let (root, paths) = try Self.temporaryRecipes(["r": "env: {id: CartPole-v1}\nalgorithm: {name: a2c}\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try ComparisonPlan(recipePaths: paths, seeds: 2, steps: 100, output: root + "/out")
        let client = QueueingSlurm()
        let backend = Self.backend(client, plan: plan, concurrency: 1)
        let stop = StopRequest()
        let lines = Mutex<[String]>([])
        let finished = Mutex<[RunOutcome]?>(nil)
        Thread.detachNewThread {
            let outcomes = try? backend.run(plan.jobs, stop: stop) { line in lines.withLock { $0.append(line) } }
            finished.withLock { $0 = outcomes }
        }
        while client.polls.load(ordering: .relaxed) < 3 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(client.submitted.withLock { $0 } == [["--parsable", plan.outputDirectory + "/slurm/train.sh"],
                                                     ["--parsable", "--dependency=afterany:1", plan.outputDirectory + "/slurm/report.sh"]])
        let script = try String(contentsOfFile: plan.outputDirectory + "/slurm/train.sh", encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-1%1\n"))
        stop.request()
        backend.interrupt()
        #expect(client.cancelled.withLock { $0 } == ["1"])
        while finished.withLock({ $0 }) == nil { Thread.sleep(forTimeInterval: 0.01) }
        // Cancelled before any task ran: nothing recorded, so not started.
        #expect(finished.withLock { $0 }?.map(\.action) == [.notStarted, .notStarted])
        #expect(lines.withLock { $0 }.first?.hasPrefix("submitted job array 1 (2 runs) and report job 2") == true)
    }

    @Test func aSecondStopRequestStopsWaiting() throws {
        let (root, paths) = try Self.temporaryRecipes(["r": "env: {id: CartPole-v1}\nalgorithm: {name: a2c}\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try ComparisonPlan(recipePaths: paths, seeds: 1, steps: 100, output: root + "/out")
        /// Jobs that never end; each poll is a Ctrl-C.
        final class NeverEnding: SlurmClient {
            let stop = StopRequest()
            func submit(_ arguments: [String]) throws(SlurmError) -> String { "7" }
            func anyQueued(_ jobs: [String]) throws(SlurmError) -> Bool {
                stop.request()
                return true
            }
            func cancel(_ job: String) {}
        }
        let client = NeverEnding()
        let outcomes = try Self.backend(client, plan: plan).run(plan.jobs, stop: client.stop) { _ in }
        #expect(client.stop.count == 2)
        #expect(outcomes.map(\.action) == [.notStarted])
    }

    @Test func sbatchErrorsAreOneLineUserErrors() throws {
        let (root, paths) = try Self.temporaryRecipes(["r": "env: {id: CartPole-v1}\nalgorithm: {name: a2c}\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try ComparisonPlan(recipePaths: paths, seeds: 1, steps: 100, output: root + "/out")
        final class Refusing: SlurmClient {
            func submit(_ arguments: [String]) throws(SlurmError) -> String {
                throw .commandFailed(command: "sbatch", status: 1, message: "sbatch: error: invalid partition specified: nope")
            }
            func anyQueued(_ jobs: [String]) throws(SlurmError) -> Bool { false }
            func cancel(_ job: String) {}
        }
        #expect(throws: ZooError.self) { _ = try Self.backend(Refusing(), plan: plan).run(plan.jobs, stop: StopRequest()) { _ in } }
        #expect(ZooError.slurm(.commandFailed(command: "sbatch", status: 1, message: "sbatch: error: invalid partition specified: nope"))
            .description == "sbatch failed (exit 1): sbatch: error: invalid partition specified: nope")
    }

    /// Two CartPole recipes × 2 seeds through the generated scripts, then the same plan on
    /// the local backend: identical run files and report numbers. Then a rerun after one
    /// run directory is removed resubmits that run alone, and a recipe that fails in `zoo
    /// train` is reported as the local backend reports it.
    @Test(.enabled(if: builtZooExecutable != nil))
    func sameResultsAsTheLocalBackendAndRerunsSubmitOnlyWhatIsMissing() throws {
        let zoo = try #require(builtZooExecutable)
        let packageRoot = PluginScaffoldTests.packageRoot
        let recipes = [packageRoot + "/recipes/a2c-cartpole.yaml", packageRoot + "/recipes/reinforce-cartpole.yaml"]
        let root = NSTemporaryDirectory() + "zoo-slurm-e2e-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let slurmPlan = try ComparisonPlan(recipePaths: recipes, seeds: 2, steps: 3000, output: root + "/slurm")
        let localPlan = try ComparisonPlan(recipePaths: recipes, seeds: 2, steps: 3000, output: root + "/local")
        let client = ScriptRunningSlurm()
        let backend = Self.backend(client, plan: slurmPlan, executable: zoo, concurrency: 2)
        let outcomes = try backend.run(slurmPlan.jobs, stop: StopRequest()) { _ in }
        #expect(outcomes.map(\.action) == Array(repeating: .trained, count: 4))
        #expect(outcomes.map(\.exitStatus) == [0, 0, 0, 0], "\(outcomes.map(\.job.log))")
        // The report job (zoo compare --report-only) wrote the report.
        let reportText = try String(contentsOfFile: slurmPlan.outputDirectory + "/report.md", encoding: .utf8)
        let local = LocalBackend(launcher: ProcessLauncher(executable: zoo), jobs: 2).run(localPlan.jobs)
        let slurmReport = ComparisonReport(plan: slurmPlan, outcomes: outcomes)
        let localReport = ComparisonReport(plan: localPlan, outcomes: local)
        // Every figure but the wall-clock ones (wall time to threshold, steps/s).
        #expect(slurmReport.rows.map { $0.prefix(5) } == localReport.rows.map { $0.prefix(5) })
        for row in slurmReport.rows { #expect(reportText.contains("| " + row.prefix(5).joined(separator: " | ") + " |")) }
        for (a, b) in zip(slurmPlan.jobs, localPlan.jobs) {
            #expect(FileManager.default.contents(atPath: a.directory + "/metrics.csv") == FileManager.default.contents(atPath: b.directory + "/metrics.csv"))
        }

        try FileManager.default.removeItem(atPath: slurmPlan.jobs[3].directory)
        let again = try backend.run(slurmPlan.jobs, stop: StopRequest()) { _ in }
        #expect(client.arrayTasks.withLock { $0 } == [4, 1])
        #expect(again.map(\.action) == [.reused, .reused, .reused, .trained])
        #expect(RunOutcome.Record.read(slurmPlan.jobs[0]).action == .reused)
        #expect(RunOutcome.Record.read(slurmPlan.jobs[3]) == again[3])
        // Nothing left to train: nothing submitted.
        _ = try backend.run(slurmPlan.jobs, stop: StopRequest()) { _ in }
        #expect(client.submissions.withLock { $0.count } == 4)

        let broken = root + "/broken.yaml"
        try AtomicFile.write("env: {id: CartPole-v1}\nalgorithm: {name: a2c, bogus: 1}\n", to: broken)
        let failingPlan = try ComparisonPlan(recipePaths: [broken], seeds: 1, steps: 100, output: root + "/failing")
        let failed = try Self.backend(client, plan: failingPlan, executable: zoo).run(failingPlan.jobs, stop: StopRequest()) { _ in }
        #expect(failed[0].exitStatus == 2 && failed[0].action == .trained)
        let run = ComparisonReport(plan: failingPlan, outcomes: failed).recipes[0].runs[0]
        #expect(run.failure?.hasPrefix("exit 2: ") == true && run.failure?.contains("unknown key 'bogus'") == true)
        let report = try String(contentsOfFile: failingPlan.outputDirectory + "/report.md", encoding: .utf8)
        #expect(report.contains("failed: exit 2:"))
    }
}
