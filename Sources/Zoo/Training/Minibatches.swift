import DSL

/// The valid steps of a rollout as rows to draw minibatches from (PPO, GRPO with
/// epochs): observations, actions, old log-probabilities and values, advantages and
/// returns, gathered by row index into tensors.
public struct Minibatches {
    /// One minibatch.
    public struct Batch {
        public let observations: Tensor
        public let actions: Tensor
        public let oldLogProbabilities: Tensor
        public let oldValues: Tensor
        public let advantages: Tensor
        public let returns: Tensor
    }

    private let rows: [Int]
    /// The rollout flattened to rows, [steps·copies, …].
    private let observations: Tensor, actions: Tensor, logProbabilities: Tensor, values: Tensor
    private let advantages: Tensor, returns: Tensor

    /// Number of valid rows.
    public var count: Int { rows.count }

    public init(experience e: Experience, advantages: [Float], returns: [Float]) {
        let n = e.steps * e.copies
        rows = e.signals.valid.indices.filter { e.signals.valid[$0] != 0 }
        observations = e.flattened(e.observations)
        actions = e.flattened(e.actions)
        logProbabilities = e.logProbabilities.map(e.flattened) ?? Tensor.zeros([n])
        values = e.values.map(e.flattened) ?? Tensor.zeros([n])
        self.advantages = Tensor(shape: [n], scalars: advantages)
        self.returns = Tensor(shape: [n], scalars: returns)
    }

    /// The rows at positions `picks` (indices into the valid rows).
    public func batch(_ picks: [Int]) -> Batch {
        PhaseProfile.measure(.minibatches) {
            let chosen = picks.map { rows[$0] }
            return Batch(observations: observations.rows(chosen), actions: actions.rows(chosen),
                         oldLogProbabilities: logProbabilities.rows(chosen), oldValues: values.rows(chosen),
                         advantages: advantages.rows(chosen), returns: returns.rows(chosen))
        }
    }
}
