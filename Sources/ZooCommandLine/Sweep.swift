import ArgumentParser
import Foundation
import Zoo

/// `zoo sweep SWEEP.yaml`: trains the configurations of a hyperparameter sweep over seeds
/// (with successive halving if the file asks for it), then writes `report.md`,
/// `sweep.svg` and `best.yaml` and prints the ranking.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search a recipe's hyperparameters: grid or random search, optionally with successive halving.",
        discussion: """
            The sweep file names a base recipe and a search space over its keys (the dotted keys \
            --set takes); every configuration's recipe is validated before anything trains. Runs are \
            `zoo train` processes in OUT/runs/<configuration>/<seed> (OUT defaults to sweep/<name>), \
            here or as Slurm job arrays, and rerunning the same sweep reuses finished runs. See the \
            README for the file format. Example:
              zoo sweep sweeps/ppo-cartpole-lr-ent.yaml --jobs 2
            """
    )

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(help: "Output directory (default: sweep/<name>).")
    var out: String?

    @OptionGroup var memory: MemoryLimitOption
    @OptionGroup var backend: BackendOptions

    func run() throws {
        let plan: SweepPlan
        do {
            plan = try SweepPlan(contentsOf: file, output: out, limits: try memory.limits())
        } catch let error as SweepError {
            throw UserError(error.description)
        }
        let runner = try backend.make(name: URL(fileURLWithPath: plan.outputDirectory).lastPathComponent,
                                      outputDirectory: plan.outputDirectory, memory: memory,
                                      reportCommand: ["sweep", file, "--out", plan.outputDirectory])
        if backend.dryRun, let slurm = runner as? SlurmBackend {
            var jobs: [TrainingJob] = []
            for configuration in plan.configurations {
                do { jobs += try plan.jobs(configuration, rung: 0) } catch { throw UserError(error.description) }
            }
            if plan.rungs.count > 1 {
                print("# rung 1 of \(plan.rungs.count); each later rung is submitted once the one before has ended and been ranked")
            }
            print(slurm.submission(for: jobs).dryRunText, terminator: "")
            return
        }
        let stop = try backend.start(plan.outputDirectory, runner: runner,
                                     announcing: "\(plan.configurations.count) configurations × \(plan.spec.seeds) seeds")
        let report: SweepReport
        do {
            let result = try SweepRunner.run(plan, backend: runner, stop: stop, progress: BackendOptions.progress)
            report = SweepReport(plan: plan, result: result)
            try report.write()
        } catch {
            throw UserError(error.description)
        }
        print(report.table)
        let best = report.result.best != nil ? ", best recipe: \(plan.outputDirectory)/best.yaml" : ""
        print("report: \(plan.outputDirectory)/report.md, curves: \(plan.outputDirectory)/sweep.svg\(best)")
        if stop.requested {
            FileHandle.standardError.write(Data("sweep interrupted: rerun the same command to continue\n".utf8))
            throw ExitCode(130)
        }
    }
}
