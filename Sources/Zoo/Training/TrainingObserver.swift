/// What the trainer tells the outside world after each update: progress displays,
/// metrics files and checkpoints all observe training through this one protocol.
public protocol TrainingObserver: AnyObject {
    /// Called once an update has been applied.
    func trainer(_ trainer: Trainer, didUpdate update: UpdateRecord)
    /// Called when training stops (budget spent, target reached, interrupted or failed).
    func trainer(_ trainer: Trainer, didFinish outcome: TrainingOutcome)
}

/// One update's numbers.
public struct UpdateRecord: Sendable {
    /// 1-based update index.
    public let update: Int
    /// Environment steps so far (all copies).
    public let envSteps: Int
    /// The algorithm's report (losses, entropy, learning rate, …).
    public let report: UpdateReport
    /// Episodes that ended during this update's collection.
    public let episodes: [FinishedEpisode]
    /// Mean return of the last `window` training episodes, if any have ended.
    public let meanReturn: Double?
    /// Seconds since training started.
    public let elapsed: Double
    /// The evaluation run at this point (`train.eval`), if one was due.
    public var evaluation: EvaluationSummary? = nil
}

/// Why training stopped.
public enum TrainingOutcome: Sendable, Equatable {
    case budgetSpent
    case targetReached(meanReturn: Double)
    case interrupted
    case nonFiniteLoss(update: Int, term: String)
    /// `train.updates` updates done before the step budget was spent.
    case updateCapReached(updates: Int)
    /// An observer could not write its output (e.g. a full disk) and stopped the run.
    case outputFailed
    /// Stepping the environment failed (e.g. its simulation diverged to NaN).
    case environmentFailed(EnvError)
}
