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
    private let width: Int, actionWidth: Int
    private let discrete: Bool
    private let observations: [Float], actions: [Float], logProbs: [Float], values: [Float]
    private let advantages: [Float], returns: [Float]

    /// Number of valid rows.
    public var count: Int { rows.count }

    public init(experience e: Experience, advantages: [Float], returns: [Float]) {
        rows = e.signals.valid.indices.filter { e.signals.valid[$0] != 0 }
        width = e.observations.shape[2]
        discrete = e.actions.rank == 2
        actionWidth = discrete ? 1 : e.actions.shape[2]
        observations = e.observations.scalars
        actions = e.actions.scalars
        logProbs = e.logProbabilities?.scalars ?? Array(repeating: 0, count: e.steps * e.copies)
        values = e.values?.scalars ?? Array(repeating: 0, count: e.steps * e.copies)
        self.advantages = advantages
        self.returns = returns
    }

    /// The rows at positions `picks` (indices into the valid rows).
    public func batch(_ picks: [Int]) -> Batch {
        let chosen = picks.map { rows[$0] }
        var obs = [Float](); obs.reserveCapacity(chosen.count * width)
        var act = [Float](); act.reserveCapacity(chosen.count * actionWidth)
        for r in chosen {
            obs.append(contentsOf: observations[(r * width)..<((r + 1) * width)])
            act.append(contentsOf: actions[(r * actionWidth)..<((r + 1) * actionWidth)])
        }
        let n = chosen.count
        return Batch(
            observations: Tensor(shape: [n, width], scalars: obs),
            actions: Tensor(shape: discrete ? [n] : [n, actionWidth], scalars: act),
            oldLogProbabilities: Tensor(shape: [n], scalars: chosen.map { logProbs[$0] }),
            oldValues: Tensor(shape: [n], scalars: chosen.map { values[$0] }),
            advantages: Tensor(shape: [n], scalars: chosen.map { advantages[$0] }),
            returns: Tensor(shape: [n], scalars: chosen.map { returns[$0] }))
    }
}
