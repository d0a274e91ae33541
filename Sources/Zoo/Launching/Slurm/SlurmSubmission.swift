/// One Slurm submission of a comparison or a sweep: a job array whose task i trains run i
/// (`zoo train`, exactly as the local backend would start it) and a report job that
/// runs once every task has ended (`--dependency=afterany:<array job id>`).
///
/// Why a value of its own: the batch scripts are pure functions of it, so what would be
/// submitted can be printed (`--dry-run`) and tested without a cluster.
public struct SlurmSubmission: Sendable, Equatable {
    /// A run to train and what to do with its directory first.
    public struct Task: Sendable, Equatable {
        public let job: TrainingJob
        /// `.train`, `.resume` or `.restart`: the jobs that need a process.
        public let decision: RunDecision

        public init(job: TrainingJob, decision: RunDecision) {
            self.job = job
            self.decision = decision
        }
    }

    /// The jobs' name in the queue (the report job's gets "-report").
    public let name: String
    public let tasks: [Task]
    /// The `zoo` executable, on a file system every node sees.
    public let executable: String
    /// Extra flags for every `zoo train` (e.g. `--memory-limit`).
    public let trainArguments: [String]
    /// The `zoo` arguments that write the report (`compare … --report-only`).
    public let reportArguments: [String]
    /// Where the jobs run (`--chdir`): the submitting directory, so relative paths hold.
    public let workingDirectory: String
    /// Where the scripts and Slurm's own output files go (`OUT/slurm`).
    public let scriptDirectory: String
    public let options: SlurmOptions

    public init(name: String, tasks: [Task], executable: String, trainArguments: [String], reportArguments: [String],
                workingDirectory: String, scriptDirectory: String, options: SlurmOptions) {
        self.name = name.map { $0.isWhitespace ? "-" : $0 }.reduce(into: "") { $0.append($1) }
        self.tasks = tasks
        self.executable = executable
        self.trainArguments = trainArguments
        self.reportArguments = reportArguments
        self.workingDirectory = workingDirectory
        self.scriptDirectory = scriptDirectory
        self.options = options
    }

    public var arrayScriptPath: String { "\(scriptDirectory)/train.sh" }
    public var reportScriptPath: String { "\(scriptDirectory)/report.sh" }

    /// The `sbatch` arguments that submit the array, and the report job after the job
    /// `arrayID`.
    public var arraySubmission: [String] { ["--parsable", arrayScriptPath] }
    public func reportSubmission(after arrayID: String) -> [String] {
        ["--parsable", "--dependency=afterany:\(arrayID)", reportScriptPath]
    }

    /// The array's batch script.
    public var arrayScript: String {
        let last = tasks.count - 1
        var directives = ["--job-name=\(name)", "--array=0-\(last)" + (options.concurrency.map { "%\($0)" } ?? ""),
                          "--output=\(scriptDirectory)/train-%A_%a.out", "--chdir=\(workingDirectory)"]
        directives += options.cpusPerTask.map { ["--cpus-per-task=\($0)"] } ?? []
        var script = Self.header(directives + options.commonDirectives)
        script += """
            # Written by zoo: task i trains run i below with `zoo train` (its output in the run's
            # log), then records how it ended in the run's .outcome file for the report. The
            # scheduler's SIGTERM (scancel, the time limit) reaches zoo train, which saves a
            # checkpoint and stops; rerunning the same zoo command continues from there.
            set -u
            trap '' TERM
            zoo=\(ShellText.quoted(executable))
            # run LOG ARGUMENTS...: zoo ARGUMENTS with its output appended to LOG.
            run() {
                log=$1
                shift
                printf '$ %s\\n' "$zoo $*" >> "$log"
                "$zoo" "$@" >> "$log" 2>&1
            }
            case "${SLURM_ARRAY_TASK_ID:-}" in

            """
        for (index, task) in tasks.enumerated() {
            script += "\(index))\n" + commands(task).map { "    " + $0 + "\n" }.joined() + "    ;;\n"
        }
        script += """
            *)
                echo "zoo: this array has no task ${SLURM_ARRAY_TASK_ID:-} (0-\(last))" >&2
                exit 2
                ;;
            esac
            exit "$status"

            """
        return script
    }

    /// The report job's batch script.
    public var reportScript: String {
        let directives = ["--job-name=\(name)-report", "--output=\(scriptDirectory)/report-%j.out",
                          "--chdir=\(workingDirectory)"] + options.commonDirectives
        return Self.header(directives) + """
            # Written by zoo: once every task of the array has ended (the dependency is given when
            # submitting, sbatch --dependency=afterany:<array job id>), write the report.
            exec \(ShellText.command([executable] + reportArguments))

            """
    }

    /// Both `sbatch` commands and both scripts, as `--dry-run` prints them.
    public var dryRunText: String {
        """
        # \(tasks.count) run\(tasks.count == 1 ? "" : "s") to train; submit with
        #   sbatch \(ShellText.command(arraySubmission))
        #   sbatch \(ShellText.command(reportSubmission(after: "<array job id>")))
        # ---- \(arrayScriptPath)
        \(arrayScript)# ---- \(reportScriptPath)
        \(reportScript)
        """
    }

    static func header(_ directives: [String]) -> String {
        "#!/bin/bash\n" + directives.map { "#SBATCH \($0)\n" }.joined()
    }

    /// The shell lines of one task: what `LocalBackend` does for the decision, and the
    /// outcome record (`RunOutcome.Record`).
    func commands(_ task: Task) -> [String] {
        let job = task.job
        let log = ShellText.quoted(job.log), record = ShellText.quoted(job.outcomeFile)
        let directory = ShellText.quoted(job.directory)
        func train(resume: Bool) -> String {
            "run \(log) " + ShellText.command(job.trainArguments(resume: resume) + trainArguments)
        }
        /// Sets `status` and writes the record `"<status> <action>"`; `word` is a shell word.
        func recordLine(_ word: String, status: String = "$?") -> String {
            "status=\(status); printf '%s %s\\n' \"$status\" \(word) > \(record)"
        }
        func words(_ action: RunOutcome.Action) -> String { ShellText.quoted(RunOutcome.Record.words(job, action)) }
        switch task.decision {
        case .resume:
            let restarted = RunOutcome.Record.words(job, .restarted(reason: RunDecision.resumeFailed(exit: "$resumed")))
            return ["if \(train(resume: true)); then",
                    "    " + recordLine(words(.resumed), status: "0"),
                    "else",
                    "    resumed=$?",
                    "    rm -rf \(directory)",
                    "    : > \(log)",
                    "    " + train(resume: false),
                    "    " + recordLine("\"\(restarted)\""),
                    "fi"]
        case .restart(let reason):
            return ["rm -rf \(directory)", ": > \(log)", train(resume: false), recordLine(words(.restarted(reason: reason)))]
        default:
            return [": > \(log)", train(resume: false), recordLine(words(.trained))]
        }
    }
}
