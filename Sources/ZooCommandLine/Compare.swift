import ArgumentParser
import Foundation
import Zoo

/// `zoo compare RECIPE…`: trains every recipe with seeds 0…N−1 as separate `zoo train`
/// processes, then writes `report.md` and `compare.svg` and prints the table.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train several recipes over several seeds and compare them.",
        discussion: """
            Each run is `zoo train RECIPE --set train.seed=K --set train.steps=S --set \
            output.dir=OUT/runs/<recipe>/<K>`, its output in OUT/logs/<recipe>-<K>.log. Rerunning \
            reuses finished runs with the same recipe and budget; unfinished ones are resumed \
            (zoo train --resume) when this zoo has it, else trained again from scratch. A failed \
            run is reported in the table. Example:
              zoo compare recipes/a2c-cartpole.yaml recipes/ppo-cartpole.yaml --seeds 3 --steps 100000
            """
    )

    @Argument(help: "The recipes (YAML) to compare.")
    var recipes: [String] = []

    @Option(parsing: .unconditional, help: "Number of seeds (0…N−1) per recipe.")
    var seeds = 3

    @Option(parsing: .unconditional, help: "Budget in env steps for every run (default: each recipe's train.steps).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Runs at a time (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Output directory (default: compare/<recipe names joined by -vs->).")
    var out: String?

    @OptionGroup var memory: MemoryLimitOption

    func run() throws {
        guard !recipes.isEmpty else { throw UserError("give the recipes to compare, e.g. zoo compare a.yaml b.yaml") }
        let parallel = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard parallel > 0 else { throw UserError("--jobs must be positive, got \(parallel)") }
        let plan: ComparisonPlan
        do {
            plan = try ComparisonPlan(recipePaths: recipes, seeds: seeds, steps: steps, output: out)
        } catch {
            throw UserError(error.description)
        }
        do {
            try plan.prepareOutput()
        } catch {
            throw UserError("--out: \(error.description)")
        }
        _ = try memory.limits()
        let launcher = ProcessLauncher(executable: ProcessLauncher.currentExecutable,
                                       trainArguments: memory.memoryLimit.map { ["--memory-limit", $0] } ?? [])
        FileHandle.standardError.write(Data("\(plan.jobs.count) runs, \(min(parallel, plan.jobs.count)) at a time, outputs in \(plan.outputDirectory)\n".utf8))
        // Ctrl-C / SIGTERM: start nothing more, let the running children save and stop,
        // then report what finished.
        let stop = ComparisonStop()
        Interrupt.onSignal { count in
            stop.request()
            FileHandle.standardError.write(Data(count == 1
                ? "\nstopping: asking the running trainings to save and stop (again to make them quit now)…\n".utf8
                : "\nstopping the running trainings now…\n".utf8))
            launcher.interruptRuns()
        }
        let outcomes = ComparisonRunner.run(plan, launcher: launcher, jobs: parallel, stop: stop) { line in
            FileHandle.standardError.write(Data("  \(line)\n".utf8))
        }
        let report = ComparisonReport(plan: plan, outcomes: outcomes)
        do {
            try report.write()
        } catch {
            throw UserError(error.description)
        }
        print(report.table)
        print("report: \(plan.outputDirectory)/report.md, curves: \(plan.outputDirectory)/compare.svg")
        if stop.requested {
            FileHandle.standardError.write(Data("comparison interrupted: rerun the same command to continue the unfinished runs\n".utf8))
            throw ExitCode(130)
        }
    }
}
