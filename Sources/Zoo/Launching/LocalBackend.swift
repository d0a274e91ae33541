import Foundation
import Synchronization

/// Runs jobs as processes on this machine, `jobs` at a time, through a `RunLauncher`
/// (normally `zoo train` children of this very program).
///
/// Why here: the rerun rule (reuse finished, resume or restart unfinished, replace
/// stale) is the contract of comparisons and sweeps; the launcher only starts processes.
public struct LocalBackend: RunBackend {
    public let launcher: any RunLauncher
    /// Runs at a time.
    public let jobs: Int

    public init(launcher: any RunLauncher, jobs: Int) {
        self.launcher = launcher
        self.jobs = jobs
    }

    public func run(_ jobs: [TrainingJob], stop: StopRequest = StopRequest(),
                    progress: @escaping @Sendable (String) -> Void = { _ in }) -> [RunOutcome] {
        let count = jobs.count
        let next = Mutex(0)
        let results = Mutex([RunOutcome?](repeating: nil, count: count))
        let group = DispatchGroup()
        for _ in 0..<max(1, min(self.jobs, count)) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let index: Int = next.withLock { i in
                        defer { i += 1 }
                        return i
                    }
                    guard index < count else { break }
                    let outcome = stop.requested
                        ? RunOutcome(job: jobs[index], action: .notStarted, exitStatus: nil, log: nil)
                        : runOne(jobs[index], progress: progress)
                    results.withLock { $0[index] = outcome }
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }

    public func interrupt() {
        launcher.interruptRuns()
    }

    /// "done", or why a run that exited successfully is still not finished (interrupted).
    static func finishedNote(_ job: TrainingJob) -> String {
        RunState.of(job) == .finished ? "done" : "stopped before finishing (interrupted?)"
    }

    func runOne(_ job: TrainingJob, progress: @Sendable (String) -> Void) -> RunOutcome {
        let label = "\(job.recipe.name) seed \(job.seed)"
        RunOutcome.Record.clear(job)
        var action: RunOutcome.Action
        switch RunState.of(job).decision(canResume: launcher.canResume) {
        case .reuse:
            progress("\(label): finished earlier, reused")
            return RunOutcome(job: job, action: .reused, exitStatus: nil, log: nil)
        case .leaveAlone:
            progress("\(label): another zoo process is training in \(job.directory); left alone")
            return RunOutcome(job: job, action: .inUse, exitStatus: nil, log: nil)
        case .train:
            action = .trained
            progress("\(label): training")
        case .resume:
            progress("\(label): resuming")
            let status = launcher.train(job, resume: true)
            if status == 0 {
                progress("\(label): \(Self.finishedNote(job))")
                return recorded(RunOutcome(job: job, action: .resumed, exitStatus: status, log: job.log))
            }
            action = .restarted(reason: RunDecision.resumeFailed(exit: "\(status)"))
        case .restart(let reason):
            action = .restarted(reason: reason)
        }
        if case .restarted(let reason) = action {
            progress("\(label): \(reason), training from scratch")
            try? FileManager.default.removeItem(atPath: job.directory)
        }
        let status = launcher.train(job, resume: false)
        progress("\(label): \(status == 0 ? Self.finishedNote(job) : "failed (exit \(status)), see \(job.log)")")
        return recorded(RunOutcome(job: job, action: action, exitStatus: status, log: job.log))
    }

    /// `outcome`, after writing its record.
    private func recorded(_ outcome: RunOutcome) -> RunOutcome {
        RunOutcome.Record.write(outcome.job, status: outcome.exitStatus ?? 0, action: outcome.action)
        return outcome
    }
}
