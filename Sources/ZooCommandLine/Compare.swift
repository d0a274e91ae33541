import ArgumentParser
import Foundation
import Zoo

/// `zoo compare RECIPE…`: trains every recipe with seeds 0…N−1 as separate `zoo train`
/// processes (here, or as a Slurm job array), then writes `report.md` and `compare.svg`
/// and prints the table.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train several recipes over several seeds and compare them.",
        discussion: """
            Each run is `zoo train RECIPE --set train.seed=K --set train.steps=S --set \
            output.dir=OUT/runs/<recipe>/<K>`, its output in OUT/logs/<recipe>-<K>.log. Rerunning \
            reuses finished runs with the same recipe and budget; unfinished ones are resumed \
            (zoo train --resume), else trained again from scratch. A failed run is reported in the \
            table. With --backend slurm the runs that need training are one job array and a \
            report job writes the report after it; OUT must be on a file system every node sees. \
            Example:
              zoo compare recipes/a2c-cartpole.yaml recipes/ppo-cartpole.yaml --seeds 3 --steps 100000
            """
    )

    @Argument(help: "The recipes (YAML) to compare.")
    var recipes: [String] = []

    @Option(parsing: .unconditional, help: "Number of seeds (0…N−1) per recipe.")
    var seeds = 3

    @Option(parsing: .unconditional, help: "Budget in env steps for every run (default: each recipe's train.steps).")
    var steps: Int?

    @Option(help: "Output directory (default: compare/<recipe names joined by -vs->).")
    var out: String?

    @OptionGroup var memory: MemoryLimitOption
    @OptionGroup var backend: BackendOptions

    func run() throws {
        guard !recipes.isEmpty else { throw UserError("give the recipes to compare, e.g. zoo compare a.yaml b.yaml") }
        let plan: ComparisonPlan
        do {
            plan = try ComparisonPlan(recipePaths: recipes, seeds: seeds, steps: steps, output: out)
        } catch {
            throw UserError(error.description)
        }
        let reportCommand = ["compare"] + recipes + ["--seeds", "\(seeds)"] + (steps.map { ["--steps", "\($0)"] } ?? [])
            + ["--out", plan.outputDirectory]
        let runner = try backend.make(name: URL(fileURLWithPath: plan.outputDirectory).lastPathComponent,
                                      outputDirectory: plan.outputDirectory, memory: memory, reportCommand: reportCommand)
        if backend.dryRun, let slurm = runner as? SlurmBackend {
            print(slurm.submission(for: plan.jobs).dryRunText, terminator: "")
            return
        }
        let stop = try backend.start(plan.outputDirectory, runner: runner, announcing: "\(plan.jobs.count) runs")
        let outcomes: [RunOutcome]
        do {
            outcomes = try runner.run(plan.jobs, stop: stop, progress: BackendOptions.progress)
        } catch {
            throw UserError(error.description)
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
