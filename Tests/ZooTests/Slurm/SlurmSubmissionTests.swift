import Foundation
import Testing
@testable import Zoo

/// The batch scripts of a Slurm submission, as text for a given plan: the array's
/// directives and each task's commands (train, resume with its fallback, restart), the
/// report job, quoting, and what `--dry-run` prints.
@Suite("Slurm batch scripts")
struct SlurmSubmissionTests {
    /// A recipe at a path with a space and a quote, and three jobs of it.
    struct Setup {
        let root: String
        let jobs: [TrainingJob]

        init() throws {
            root = NSTemporaryDirectory() + "zoo-slurm-scripts-" + UUID().uuidString
            let recipe = root + "/my recipe's.yaml"
            try AtomicFile.write("env: {id: CartPole-v1}\nalgorithm: {name: a2c}\n", to: recipe)
            let entry = RecipeEntry(name: "a2c", path: recipe, environment: "CartPole-v1")
            jobs = try (0..<3).map { seed in
                try TrainingJob(recipe: entry, seed: seed, directory: "out/runs/a2c/\(seed)",
                                overrides: ["train.seed=\(seed)", "output.dir=out/runs/a2c/\(seed)"], log: "out/logs/a2c-\(seed).log")
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func submission(_ options: SlurmOptions) -> SlurmSubmission {
            SlurmSubmission(name: "zoo-my out", tasks: [
                .init(job: jobs[0], decision: .train),
                .init(job: jobs[1], decision: .resume),
                .init(job: jobs[2], decision: .restart(reason: "its recipe or budget differs")),
            ], executable: "/opt/zoo/bin/zoo", trainArguments: ["--memory-limit", "8G"],
            reportArguments: ["compare", jobs[0].recipe.path, "--seeds", "3", "--out", "out", "--report-only"],
            workingDirectory: "/shared/work", scriptDirectory: "out/slurm", options: options)
        }
    }

    static let options = SlurmOptions(partition: "gpu", time: "1:00:00", cpusPerTask: 2,
                                      sbatchArguments: ["--mem=4G", "--account=rl"], concurrency: 2)

    @Test func arrayScriptTrainsResumesAndRestarts() throws {
        let s = try Setup()
        defer { s.remove() }
        let recipe = ShellText.quoted(s.jobs[0].recipe.path)
        let fingerprints = s.jobs.map(RunOutcome.Record.fingerprint)
        #expect(recipe.hasPrefix("'") && recipe.contains(#"my recipe'\''s.yaml'"#))
        #expect(s.submission(Self.options).arrayScript == """
            #!/bin/bash
            #SBATCH --job-name=zoo-my-out
            #SBATCH --array=0-2%2
            #SBATCH --output=out/slurm/train-%A_%a.out
            #SBATCH --chdir=/shared/work
            #SBATCH --cpus-per-task=2
            #SBATCH --partition=gpu
            #SBATCH --time=1:00:00
            #SBATCH --mem=4G
            #SBATCH --account=rl
            # Written by zoo: task i trains run i below with `zoo train` (its output in the run's
            # log), then records how it ended in the run's .outcome file for the report. The
            # scheduler's SIGTERM (scancel, the time limit) reaches zoo train, which saves a
            # checkpoint and stops; rerunning the same zoo command continues from there.
            set -u
            trap '' TERM
            zoo=/opt/zoo/bin/zoo
            # run LOG ARGUMENTS...: zoo ARGUMENTS with its output appended to LOG.
            run() {
                log=$1
                shift
                printf '$ %s\\n' "$zoo $*" >> "$log"
                "$zoo" "$@" >> "$log" 2>&1
            }
            case "${SLURM_ARRAY_TASK_ID:-}" in
            0)
                : > out/logs/a2c-0.log
                run out/logs/a2c-0.log train \(recipe) --set train.seed=0 --set output.dir=out/runs/a2c/0 --memory-limit 8G
                status=$?; printf '%s %s\\n' "$status" '\(fingerprints[0]) trained' > out/logs/a2c-0.outcome
                ;;
            1)
                if run out/logs/a2c-1.log train \(recipe) --set train.seed=1 --set output.dir=out/runs/a2c/1 --resume out/runs/a2c/1 --memory-limit 8G; then
                    status=0; printf '%s %s\\n' "$status" '\(fingerprints[1]) resumed' > out/logs/a2c-1.outcome
                else
                    resumed=$?
                    rm -rf out/runs/a2c/1
                    : > out/logs/a2c-1.log
                    run out/logs/a2c-1.log train \(recipe) --set train.seed=1 --set output.dir=out/runs/a2c/1 --memory-limit 8G
                    status=$?; printf '%s %s\\n' "$status" "\(fingerprints[1]) restarted resuming failed (exit $resumed)" > out/logs/a2c-1.outcome
                fi
                ;;
            2)
                rm -rf out/runs/a2c/2
                : > out/logs/a2c-2.log
                run out/logs/a2c-2.log train \(recipe) --set train.seed=2 --set output.dir=out/runs/a2c/2 --memory-limit 8G
                status=$?; printf '%s %s\\n' "$status" '\(fingerprints[2]) restarted its recipe or budget differs' > out/logs/a2c-2.outcome
                ;;
            *)
                echo "zoo: this array has no task ${SLURM_ARRAY_TASK_ID:-} (0-2)" >&2
                exit 2
                ;;
            esac
            exit "$status"

            """)
    }

    @Test func reportScriptAndSubmissions() throws {
        let s = try Setup()
        defer { s.remove() }
        let submission = s.submission(Self.options)
        #expect(submission.reportScript == """
            #!/bin/bash
            #SBATCH --job-name=zoo-my-out-report
            #SBATCH --output=out/slurm/report-%j.out
            #SBATCH --chdir=/shared/work
            #SBATCH --partition=gpu
            #SBATCH --time=1:00:00
            #SBATCH --mem=4G
            #SBATCH --account=rl
            # Written by zoo: once every task of the array has ended (the dependency is given when
            # submitting, sbatch --dependency=afterany:<array job id>), write the report.
            exec /opt/zoo/bin/zoo compare \(ShellText.quoted(s.jobs[0].recipe.path)) --seeds 3 --out out --report-only

            """)
        #expect(submission.arraySubmission == ["--parsable", "out/slurm/train.sh"])
        #expect(submission.reportSubmission(after: "417") == ["--parsable", "--dependency=afterany:417", "out/slurm/report.sh"])
        let dryRun = submission.dryRunText
        #expect(dryRun.hasPrefix("# 3 runs to train; submit with\n#   sbatch --parsable out/slurm/train.sh\n"))
        #expect(dryRun.contains("# ---- out/slurm/train.sh\n" + submission.arrayScript))
        #expect(dryRun.contains("# ---- out/slurm/report.sh\n" + submission.reportScript))
    }

    @Test func withoutOptionsOnlyTheNecessaryDirectives() throws {
        let s = try Setup()
        defer { s.remove() }
        let script = s.submission(SlurmOptions()).arrayScript
        let directives = script.split(separator: "\n").filter { $0.hasPrefix("#SBATCH") }
        #expect(directives == ["#SBATCH --job-name=zoo-my-out", "#SBATCH --array=0-2", "#SBATCH --output=out/slurm/train-%A_%a.out",
                               "#SBATCH --chdir=/shared/work"])
    }

    /// bash parses both scripts (`bash -n`).
    @Test func scriptsAreValidShell() throws {
        let s = try Setup()
        defer { s.remove() }
        let submission = s.submission(Self.options)
        for (name, text) in [("train", submission.arrayScript), ("report", submission.reportScript)] {
            let path = s.root + "/\(name).sh"
            try AtomicFile.write(text, to: path)
            let bash = Process()
            bash.executableURL = URL(fileURLWithPath: "/bin/bash")
            bash.arguments = ["-n", path]
            try bash.run()
            bash.waitUntilExit()
            #expect(bash.terminationStatus == 0, "\(name).sh")
        }
    }

    @Test func shellQuoting() {
        #expect(ShellText.quoted("out/runs/a2c-0") == "out/runs/a2c-0")
        #expect(ShellText.quoted("") == "''")
        #expect(ShellText.quoted("a b") == "'a b'")
        #expect(ShellText.quoted("it's $HOME") == #"'it'\''s $HOME'"#)
        #expect(ShellText.command(["zoo", "--set", "algorithm.x=[1, 2]"]) == "zoo --set 'algorithm.x=[1, 2]'")
    }
}
