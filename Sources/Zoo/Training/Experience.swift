import DSL

/// A rollout of `steps` steps in each of `copies` environment copies, time-major, as
/// the trainer collected it for one update: what was seen, done and received, plus the
/// value of each step's *real* next observation for bootstrapping.
public struct Experience {
    public let steps: Int
    public let copies: Int
    /// [steps, copies, width].
    public let observations: Tensor
    /// [steps, copies] (discrete) or [steps, copies, dims] (continuous, as sampled).
    public let actions: Tensor
    /// [steps, copies], when the plugin's decisions carried them.
    public let logProbabilities: Tensor?
    /// V(o_t), [steps, copies], when the plugin has a critic.
    public let values: Tensor?
    /// What advantage estimators read: rewards, flags, validity, next values.
    public let signals: StepSignals
    /// o' of each step, [steps, copies, width], when the collector records it (replay):
    /// the next row's observation, or the final observation of an episode that ended
    /// with a same-step reset.
    public let nextObservations: Tensor?
    /// Fraction of the schedule (`train.schedule_steps`, else the budget) used before this
    /// update (0…1), for schedules.
    public var progress: Double = 0

    public init(steps: Int, copies: Int, observations: Tensor, actions: Tensor, logProbabilities: Tensor?,
                values: Tensor?, signals: StepSignals, nextObservations: Tensor? = nil) {
        self.steps = steps
        self.copies = copies
        self.observations = observations
        self.actions = actions
        self.logProbabilities = logProbabilities
        self.values = values
        self.signals = signals
        self.nextObservations = nextObservations
    }

    /// Rows of `[steps, copies, …]` tensors flattened to `[steps·copies, …]`.
    public func flattened(_ t: Tensor) -> Tensor {
        t.reshaped([steps * copies] + Array(t.shape.dropFirst(2)))
    }

    /// 1 where the step carries a learning signal (not a next-step reset transition),
    /// [steps·copies].
    public var validMask: Tensor { Tensor(shape: [steps * copies], scalars: signals.valid) }
}
