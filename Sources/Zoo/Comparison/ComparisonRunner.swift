import Foundation
import Synchronization

/// What happened to one planned run in `zoo compare`.
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

    public let job: ComparisonPlan.Job
    public let action: Action
    /// The child's exit status; nil when reused.
    public let exitStatus: Int32?
    /// The child's output; nil when reused.
    public let log: String?
}

/// Runs a comparison plan's jobs, `jobs` at a time, reusing finished runs.
///
/// Why here: the rerun rule (reuse finished, resume or restart unfinished, replace
/// stale) is the comparison's contract; the launcher only starts processes.
public enum ComparisonRunner {
    /// Runs every job of `plan` that needs it; `progress` receives one line per started
    /// and finished run (from worker threads). Outcomes are in plan order.
    /// With `stop`, no run starts once a stop is requested (those runs are `.notStarted`).
    public static func run(_ plan: ComparisonPlan, launcher: any RunLauncher, jobs: Int, stop: ComparisonStop? = nil,
                           progress: @escaping @Sendable (String) -> Void = { _ in }) -> [RunOutcome] {
        let count = plan.jobs.count
        let next = Mutex(0)
        let results = Mutex([RunOutcome?](repeating: nil, count: count))
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, count)) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let index: Int = next.withLock { i in
                        defer { i += 1 }
                        return i
                    }
                    guard index < count else { break }
                    let outcome = stop?.requested == true
                        ? RunOutcome(job: plan.jobs[index], action: .notStarted, exitStatus: nil, log: nil)
                        : runOne(plan.jobs[index], plan: plan, launcher: launcher, progress: progress)
                    results.withLock { $0[index] = outcome }
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }

    /// The log file of `job`.
    public static func logPath(_ job: ComparisonPlan.Job, plan: ComparisonPlan) -> String {
        "\(plan.outputDirectory)/logs/\(job.recipe.name)-\(job.seed).log"
    }

    /// "done", or why a run that exited successfully is still not finished (interrupted).
    static func finishedNote(_ job: ComparisonPlan.Job) -> String {
        RunState.of(job) == .finished ? "done" : "stopped before finishing (interrupted?)"
    }

    static func runOne(_ job: ComparisonPlan.Job, plan: ComparisonPlan, launcher: any RunLauncher,
                       progress: @Sendable (String) -> Void) -> RunOutcome {
        let label = "\(job.recipe.name) seed \(job.seed)"
        let log = logPath(job, plan: plan)
        var action: RunOutcome.Action
        switch RunState.of(job) {
        case .finished:
            progress("\(label): finished earlier, reused")
            return RunOutcome(job: job, action: .reused, exitStatus: nil, log: nil)
        case .inUse:
            progress("\(label): another zoo process is training in \(job.directory); left alone")
            return RunOutcome(job: job, action: .inUse, exitStatus: nil, log: nil)
        case .absent:
            action = .trained
        case .unfinished:
            if launcher.canResume {
                progress("\(label): resuming")
                let status = launcher.train(job, resume: true, log: log)
                if status == 0 {
                    progress("\(label): \(finishedNote(job))")
                    return RunOutcome(job: job, action: .resumed, exitStatus: status, log: log)
                }
                action = .restarted(reason: "resuming failed (exit \(status))")
            } else {
                action = .restarted(reason: "unfinished; zoo train has no --resume")
            }
        case .stale(let reason):
            action = .restarted(reason: reason)
        }
        if case .restarted(let reason) = action {
            progress("\(label): \(reason), training from scratch")
            try? FileManager.default.removeItem(atPath: job.directory)
        } else {
            progress("\(label): training")
        }
        let status = launcher.train(job, resume: false, log: log)
        progress("\(label): \(status == 0 ? finishedNote(job) : "failed (exit \(status)), see \(log)")")
        return RunOutcome(job: job, action: action, exitStatus: status, log: log)
    }
}

/// A request to stop a comparison (Ctrl-C or SIGTERM on `zoo compare`): no further run
/// starts, and the caller asks the launcher to interrupt the running ones.
public final class ComparisonStop: Sendable {
    private let signals = Atomic<Int>(0)

    public init() {}

    /// Whether a stop was requested.
    public var requested: Bool { signals.load(ordering: .acquiring) > 0 }

    /// Records a request; returns how many there have been.
    @discardableResult
    public func request() -> Int {
        signals.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
    }
}
