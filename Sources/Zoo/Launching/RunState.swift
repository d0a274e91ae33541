import Foundation

/// Where a planned run stands before a backend starts it, and so what the backend does.
///
/// Why: rerunning a comparison or a sweep reuses every run that finished with the same
/// resolved recipe (so the same seed and budget), continues runs that stopped part-way
/// when `zoo train --resume` is available, and starts everything else from scratch.
public enum RunState: Sendable, Equatable {
    /// Nothing there yet.
    case absent
    /// `summary.json` says finished and `recipe.yaml` is the planned recipe: reuse. (Also
    /// a run of the planned recipe with another `train.steps` and the same
    /// `train.schedule_steps` that went past the planned budget — a sweep's later rung —
    /// or stopped at its target return before it: there is nothing left to train.)
    case finished
    /// The planned recipe was started (a checkpoint exists) but did not finish; or a run
    /// of it with another `train.steps` and the same `train.schedule_steps` stopped short
    /// of the planned budget, which continuing with it extends exactly (a sweep's next
    /// rung).
    case unfinished
    /// Something else is there: a different recipe or budget, a failed run, no checkpoint.
    case stale(reason: String)
    /// Another process holds the directory's `RunLock` (it is training there now).
    case inUse

    /// The state of `job`'s directory.
    public static func of(_ job: TrainingJob) -> RunState {
        let fm = FileManager.default
        guard fm.fileExists(atPath: job.directory) else { return .absent }
        if RunLock.isHeld(job.directory) { return .inUse }
        guard let data = fm.contents(atPath: "\(job.directory)/recipe.yaml"),
              let text = String(data: data, encoding: .utf8) else {
            return .stale(reason: "no recipe.yaml")
        }
        let summary = RunResults.summary(at: "\(job.directory)/summary.json")
        if text != job.resolvedRecipe {
            guard let variant = OtherBudget(text, planned: job.resolvedRecipe) else {
                return .stale(reason: "its recipe or budget differs")
            }
            // Past the planned budget (a later rung of a sweep, or an update that overshot
            // a smaller budget), or stopped before its own budget at its target return.
            if let summary, summary.status != .failed, summary.envSteps >= variant.plannedSteps { return .finished }
            if let summary, summary.status == .finished, summary.envSteps < variant.steps { return .finished }
        } else if let summary, summary.status == .finished {
            return .finished
        }
        if summary?.status == .failed { return .stale(reason: "it failed") }
        guard fm.fileExists(atPath: "\(job.directory)/checkpoints/last.safetensors") else {
            return .stale(reason: "it stopped before its first checkpoint")
        }
        return .unfinished
    }

    /// What a backend does with a job in this state; `canResume`: whether `zoo train
    /// --resume` exists.
    public func decision(canResume: Bool) -> RunDecision {
        switch self {
        case .finished: .reuse
        case .inUse: .leaveAlone
        case .absent: .train
        case .unfinished: canResume ? .resume : .restart(reason: "unfinished; zoo train has no --resume")
        case .stale(let reason): .restart(reason: reason)
        }
    }
}

/// What a backend does with one planned run: the same for every backend, so that a rerun
/// behaves the same wherever it runs.
public enum RunDecision: Sendable, Equatable {
    /// Finished with the planned recipe: nothing to do.
    case reuse
    /// Another process is training there: leave it alone.
    case leaveAlone
    /// Train from an empty directory.
    case train
    /// Continue the directory with `zoo train --resume`; if that fails, remove it and
    /// train from scratch.
    case resume
    /// Remove what is there (`reason`) and train from scratch.
    case restart(reason: String)

    /// Why a run is trained from scratch after `zoo train --resume` exited with `exit`.
    public static func resumeFailed(exit: String) -> String { "resuming failed (exit \(exit))" }
}

/// A run directory's recipe that is the planned one with another `train.steps`, both
/// pinning `train.schedule_steps`: its schedules are the planned run's, so up to the
/// smaller budget the two runs are the same, and continuing the shorter one to the larger
/// budget is exact.
struct OtherBudget {
    /// The run's `train.steps` and the planned one.
    let steps: Int
    let plannedSteps: Int

    init?(_ text: String, planned: String) {
        guard let run = try? RecipeTree.comparable(text, ignoring: ["output": ["dir"]]),
              let plan = try? RecipeTree.comparable(planned, ignoring: ["output": ["dir"]]),
              case .mapping(var runRoot) = run, case .mapping(var planRoot) = plan,
              case .mapping(var runTrain)? = runRoot["train"], case .mapping(var planTrain)? = planRoot["train"],
              runTrain["schedule_steps"] != nil,
              case .scalar(let runSteps)? = runTrain.removeValue(forKey: "steps"), let steps = Int(runSteps),
              case .scalar(let planSteps)? = planTrain.removeValue(forKey: "steps"), let plannedSteps = Int(planSteps)
        else { return nil }
        runRoot["train"] = .mapping(runTrain)
        planRoot["train"] = .mapping(planTrain)
        guard runRoot == planRoot else { return nil }
        self.steps = steps
        self.plannedSteps = plannedSteps
    }
}
