/// A policy head's distribution over a batch of actions, one distribution per row.
///
/// Algorithms that work with any action space (collecting rollouts, evaluating, computing
/// a policy-gradient or maximum-entropy loss) talk to the policy through this protocol
/// instead of branching on `Categorical`, `DiagonalGaussian` or `SquashedGaussian`.
public protocol ActionDistribution {
    /// log π(a) of each row's action, [batch], differentiable with respect to the
    /// distribution's parameters.
    func logProbability(of actions: Tensor) -> Tensor

    /// The entropy of each row, [batch], or nil when it has no closed form (a squashed
    /// Gaussian): then estimate it from samples, −log π(a).
    ///
    /// Named apart from the concrete types' `entropy()`, which is never nil, so that
    /// `d.entropy()` on a concrete distribution keeps its non-optional type.
    func closedFormEntropy() -> Tensor?

    /// One action per row drawn from `random`, with no gradient.
    func sample(using random: inout SeededRandom) -> Tensor

    /// The deterministic action of each row (evaluation), with no gradient.
    func mode() -> Tensor
}

extension Categorical: ActionDistribution {
    public func closedFormEntropy() -> Tensor? { entropy() }
}

extension DiagonalGaussian: ActionDistribution {
    public func closedFormEntropy() -> Tensor? { entropy() }
}
