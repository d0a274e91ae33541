import ArgumentParser
import Foundation
import Zoo

/// Where `zoo compare` and `zoo sweep` run their trainings — `--backend local|slurm`,
/// `--jobs`, the Slurm options, `--dry-run`, `--report-only` — and how Ctrl-C reaches
/// them.
struct BackendOptions: ParsableArguments {
    /// The backends one can choose.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Option(help: "Where the trainings run: local (processes on this machine) or slurm (a job array and a report job).")
    var backend: Kind = .local

    @Option(parsing: .unconditional, help: "Runs at a time (default: local, the number of cores; slurm, as many as the scheduler allows).")
    var jobs: Int?

    @Option(help: "slurm: the partition to submit to.")
    var partition: String?

    @Option(help: "slurm: each task's time limit, in a format sbatch accepts (e.g. 30, 2:00:00, 1-12).")
    var time: String?

    @Option(parsing: .unconditional, help: "slurm: CPUs per training task.")
    var cpusPerTask: Int?

    @Option(name: .customLong("sbatch-arg"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("slurm: one more sbatch option for every job, e.g. --sbatch-arg=--mem=4G (repeatable).", valueName: "OPTION"))
    var sbatchArguments: [String] = []

    @Flag(help: "slurm: print the batch scripts and the sbatch commands; submit nothing.")
    var dryRun = false

    @Flag(help: "Train nothing: write the report from the runs already in the output directory.")
    var reportOnly = false

    /// The Slurm options, or an error for one that does not fit the backend.
    func slurmOptions() throws(UserError) -> SlurmOptions {
        if let jobs, jobs <= 0 { throw UserError("--jobs must be positive, got \(jobs)") }
        if reportOnly && dryRun { throw UserError("--report-only and --dry-run cannot be combined") }
        let slurmOnly = [("--partition", partition != nil), ("--time", time != nil), ("--cpus-per-task", cpusPerTask != nil),
                         ("--sbatch-arg", !sbatchArguments.isEmpty), ("--dry-run", dryRun)]
        if backend == .local, let flag = slurmOnly.first(where: \.1)?.0 {
            throw UserError("\(flag) is an option of --backend slurm")
        }
        if let cpusPerTask, cpusPerTask <= 0 { throw UserError("--cpus-per-task must be positive, got \(cpusPerTask)") }
        for argument in sbatchArguments where !argument.hasPrefix("-") || argument.contains(where: \.isNewline) {
            throw UserError("--sbatch-arg: expected one sbatch option such as --mem=4G, got \(OneLine.quoted(argument))")
        }
        for (flag, value) in [("--partition", partition), ("--time", time)] {
            if let value, value.isEmpty || value.contains(where: { $0.isWhitespace }) {
                throw UserError("\(flag): expected one word, got \(OneLine.quoted(value))")
            }
        }
        return SlurmOptions(partition: partition, time: time, cpusPerTask: cpusPerTask, sbatchArguments: sbatchArguments,
                            concurrency: jobs)
    }

    /// The backend: recorded outcomes with `--report-only`, else local processes or a
    /// Slurm submission named `name` whose report job runs `zoo REPORT_COMMAND --report-only`.
    func make(name: String, outputDirectory: String, memory: MemoryLimitOption,
              reportCommand: [String]) throws(UserError) -> any RunBackend {
        let slurm = try slurmOptions()
        _ = try memory.limits()
        if reportOnly { return RecordedBackend() }
        let trainArguments = memory.memoryLimit.map { ["--memory-limit", $0] } ?? []
        switch backend {
        case .local:
            let launcher = ProcessLauncher(executable: ProcessLauncher.currentExecutable, trainArguments: trainArguments)
            return LocalBackend(launcher: launcher, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        case .slurm:
            return SlurmBackend(options: slurm, name: "zoo-" + URL(fileURLWithPath: outputDirectory).lastPathComponent,
                                executable: ProcessLauncher.currentExecutable, trainArguments: trainArguments,
                                reportCommand: reportCommand, outputDirectory: outputDirectory)
        }
    }

    /// Ctrl-C / SIGTERM: `stop` is requested and the backend asked to stop its runs (local:
    /// they save and stop, a second signal makes them quit; Slurm: the array is cancelled,
    /// a second signal stops waiting).
    /// What `compare` and `sweep` do before running anything: prepare the output directory
    /// and, unless only reporting, say what will run and let Ctrl-C stop it.
    func start(_ outputDirectory: String, runner: any RunBackend, announcing work: String) throws -> StopRequest {
        do {
            try OutputDirectory.prepare(outputDirectory)
        } catch {
            throw UserError("--out: \(error.description)")
        }
        let stop = StopRequest()
        if !reportOnly {
            FileHandle.standardError.write(Data("\(work), outputs in \(outputDirectory)\n".utf8))
            Self.stopOnSignal(stop, backend: runner)
        }
        return stop
    }

    static func stopOnSignal(_ stop: StopRequest, backend: any RunBackend) {
        let again = backend is SlurmBackend ? "again to stop waiting" : "again to make them quit now"
        Interrupt.onSignal { count in
            stop.request()
            FileHandle.standardError.write(Data(count == 1
                ? "\nstopping: asking the running trainings to save and stop (\(again))…\n".utf8
                : "\nstopping now…\n".utf8))
            backend.interrupt()
        }
    }

    /// Prints `line` indented on standard error: the backends' progress.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("  \(line)\n".utf8))
    }
}
