import Foundation

/// What happened to one planned run: what a backend did with it and how the training
/// process exited. Reports show it next to each run's results.
public struct RunOutcome: Sendable, Equatable {
    /// What was done with the run.
    public enum Action: Sendable, Equatable {
        /// Finished earlier with the same recipe and budget: not run again.
        case reused
        /// Trained from an empty directory.
        case trained
        /// An unfinished run continued with `zoo train --resume`.
        case resumed
        /// Something was there (`reason`) and the run started again from scratch.
        case restarted(reason: String)
        /// Another process was training in the directory: left alone.
        case inUse
        /// Not started: the comparison was stopped (Ctrl-C or SIGTERM) first.
        case notStarted
    }

    public let job: TrainingJob
    public let action: Action
    /// The child's exit status; nil when reused.
    public let exitStatus: Int32?
    /// The child's output; nil when reused.
    public let log: String?

    public init(job: TrainingJob, action: Action, exitStatus: Int32?, log: String?) {
        self.job = job
        self.action = action
        self.exitStatus = exitStatus
        self.log = log
    }
}

extension RunOutcome {
    /// The one-line file (`TrainingJob.outcomeFile`) in which a backend records a run it
    /// started, `"<exit status> <recipe fingerprint> trained|resumed|restarted <reason>"`,
    /// so that a report written later by another process — the report job of a Slurm
    /// submission, `--report-only` — shows what happened exactly as the backend saw it.
    /// The fingerprint (CRC-32C of the resolved recipe) ties the record to the planned
    /// run: a sweep's next rung plans another budget in the same directory.
    public enum Record {
        /// The record's text for `job`, started by `action` and ended with `status`.
        public static func text(_ job: TrainingJob, status: Int32, action: Action) -> String {
            "\(status) \(words(job, action))\n"
        }

        /// What follows the exit status: the fingerprint, and the action's word (with the
        /// reason of a restart).
        static func words(_ job: TrainingJob, _ action: Action) -> String {
            let word = switch action {
            case .restarted(let reason): "restarted \(OneLine.elided(reason, limit: 200))"
            case .resumed: "resumed"
            default: "trained"
            }
            return fingerprint(job) + " " + word
        }

        static func fingerprint(_ job: TrainingJob) -> String {
            String(CRC32C.checksum(Array(job.resolvedRecipe.utf8)), radix: 16)
        }

        /// Writes the record of a run that `action` started and `status` ended.
        public static func write(_ job: TrainingJob, status: Int32, action: Action) {
            try? AtomicFile.write(text(job, status: status, action: action), to: job.outcomeFile)
        }

        /// Removes `job`'s record, before a backend decides about the job again.
        public static func clear(_ job: TrainingJob) {
            try? FileManager.default.removeItem(atPath: job.outcomeFile)
        }

        /// The outcome of `job` as recorded; without a record of it, reused when the run is
        /// finished, else not started (a cancelled task, a submission still running).
        public static func read(_ job: TrainingJob) -> RunOutcome {
            if let data = FileManager.default.contents(atPath: job.outcomeFile),
               let outcome = parse(String(decoding: data, as: UTF8.self), job: job) {
                return outcome
            }
            switch RunState.of(job) {
            case .finished: return RunOutcome(job: job, action: .reused, exitStatus: nil, log: nil)
            case .inUse: return RunOutcome(job: job, action: .inUse, exitStatus: nil, log: nil)
            default: return RunOutcome(job: job, action: .notStarted, exitStatus: nil, log: nil)
            }
        }

        static func parse(_ text: String, job: TrainingJob) -> RunOutcome? {
            let line = text.split(separator: "\n").first ?? ""
            let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
            guard parts.count >= 3, let status = Int32(parts[0]), parts[1] == fingerprint(job) else { return nil }
            let action: Action
            switch parts[2] {
            case "trained": action = .trained
            case "resumed": action = .resumed
            case "restarted": action = .restarted(reason: parts.count > 3 ? parts[3] : "")
            default: return nil
            }
            return RunOutcome(job: job, action: action, exitStatus: status, log: job.log)
        }
    }
}
