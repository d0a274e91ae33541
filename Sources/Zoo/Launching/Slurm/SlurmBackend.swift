import Foundation
import Synchronization

/// Runs jobs on a Slurm cluster: one job array whose tasks train the runs that need it
/// (`zoo train`, decided by the same rule as the local backend: finished runs are reused,
/// unfinished ones resumed, stale ones redone) and a report job after it; then waits,
/// polling `squeue`, and returns the outcomes the tasks recorded.
///
/// Why: comparisons and sweeps spread over a cluster's nodes with the scheduler's own
/// queueing, limits and accounting; every file goes to the output directory, which must
/// be on a file system every node sees.
public final class SlurmBackend: RunBackend {
    public let client: any SlurmClient
    public let options: SlurmOptions
    /// The job name in the queue.
    public let name: String
    /// The `zoo` executable the tasks run.
    public let executable: String
    /// Extra flags for every `zoo train` (e.g. `--memory-limit`).
    public let trainArguments: [String]
    /// The `zoo` command whose `--report-only` the report job runs (`compare RECIPE… --out OUT`).
    public let reportCommand: [String]
    /// Where the scripts and Slurm's own output go (`OUT/slurm`).
    public let scriptDirectory: String
    /// Seconds between `squeue` polls: the first, and the most it grows to.
    public let polling: (first: Double, most: Double)
    /// The array being waited for, so that a stop can cancel it.
    private let array = Mutex<String?>(nil)

    public init(client: any SlurmClient = SlurmCommands(), options: SlurmOptions, name: String, executable: String,
                trainArguments: [String] = [], reportCommand: [String], outputDirectory: String,
                polling: (first: Double, most: Double) = (0.5, 10)) {
        self.client = client
        self.options = options
        self.name = name
        self.executable = executable
        self.trainArguments = trainArguments
        self.reportCommand = reportCommand
        scriptDirectory = "\(outputDirectory)/slurm"
        self.polling = polling
    }

    /// What would be submitted for `jobs` now: the runs that need training, with what to
    /// do with each directory first.
    public func submission(for jobs: [TrainingJob]) -> SlurmSubmission {
        let tasks = jobs.compactMap { job -> SlurmSubmission.Task? in
            let decision = RunState.of(job).decision(canResume: true)
            switch decision {
            case .reuse, .leaveAlone: return nil
            default: return SlurmSubmission.Task(job: job, decision: decision)
            }
        }
        return SlurmSubmission(name: name, tasks: tasks, executable: executable, trainArguments: trainArguments,
                               reportArguments: reportCommand + ["--report-only"],
                               workingDirectory: FileManager.default.currentDirectoryPath,
                               scriptDirectory: scriptDirectory, options: options)
    }

    public func run(_ jobs: [TrainingJob], stop: StopRequest,
                    progress: @escaping @Sendable (String) -> Void) throws(ZooError) -> [RunOutcome] {
        let submission = submission(for: jobs)
        for job in jobs { RunOutcome.Record.clear(job) }
        if !submission.tasks.isEmpty && !stop.requested {
            try submit(submission, stop: stop, progress: progress)
        }
        let submitted = Set(submission.tasks.map(\.job.directory))
        return jobs.map { job in
            if submitted.contains(job.directory) { return RunOutcome.Record.read(job) }
            let action: RunOutcome.Action = switch RunState.of(job) {
            case .finished: .reused
            case .inUse: .inUse
            default: .notStarted
            }
            return RunOutcome(job: job, action: action, exitStatus: nil, log: nil)
        }
    }

    /// Cancels the array: running tasks get SIGTERM (zoo train saves and stops), pending
    /// ones never start; the report job still runs.
    public func interrupt() {
        if let id = array.withLock({ $0 }) { client.cancel(id) }
    }

    /// Writes the scripts, submits the array and the report job, and waits for both.
    private func submit(_ submission: SlurmSubmission, stop: StopRequest,
                        progress: @escaping @Sendable (String) -> Void) throws(ZooError) {
        do {
            for path in [submission.arrayScriptPath, submission.reportScriptPath] + submission.tasks.map(\.job.log) {
                try FileSystem.createDirectories((path as NSString).deletingLastPathComponent, for: path)
            }
            try AtomicFile.write(submission.arrayScript, to: submission.arrayScriptPath)
            try AtomicFile.write(submission.reportScript, to: submission.reportScriptPath)
        } catch {
            throw .file(path: scriptDirectory, message: "\(error)")
        }
        let arrayID: String, reportID: String
        do {
            arrayID = try client.submit(submission.arraySubmission)
            array.withLock { $0 = arrayID }
            if stop.requested { interrupt() }
            reportID = try client.submit(submission.reportSubmission(after: arrayID))
        } catch {
            throw .slurm(error)
        }
        progress("submitted job array \(arrayID) (\(submission.tasks.count) runs) and report job \(reportID); waiting (Ctrl-C cancels the array)")
        try wait(for: [arrayID, reportID], tasks: submission.tasks, stop: stop, progress: progress)
        array.withLock { $0 = nil }
    }

    /// Polls `squeue` until none of `ids` is queued, or a second stop request; reports how
    /// many runs have ended (recorded their outcome) as that changes.
    private func wait(for ids: [String], tasks: [SlurmSubmission.Task], stop: StopRequest,
                      progress: @Sendable (String) -> Void) throws(ZooError) {
        var interval = polling.first, failures = 0, ended = 0
        while stop.count < 2 {
            do {
                guard try client.anyQueued(ids) else { return }
                failures = 0
            } catch {
                failures += 1
                if failures >= 10 { throw .slurm(.queueUnreadable(attempts: failures, message: error.description)) }
            }
            let now = tasks.filter { FileManager.default.fileExists(atPath: $0.job.outcomeFile) }.count
            if now != ended {
                ended = now
                progress("\(ended)/\(tasks.count) runs ended")
            }
            let until = Date().addingTimeInterval(interval)
            let requests = stop.count
            while Date() < until && stop.count == requests { Thread.sleep(forTimeInterval: 0.05) }
            interval = min(interval * 1.5, polling.most)
        }
        progress("stopped waiting; the cancelled tasks may still be saving, and the report job will rewrite the report")
    }
}
