import DSL

/// Gymnasium's `NormalizeReward`: rewards divided by the running standard deviation of
/// a discounted return, `r / sqrt(var + ε)` (the mean is not subtracted).
///
/// As in Gymnasium, the discounted accumulator is `acc·γ·(1 − terminated) + r` and is not
/// cleared by `reset`. Freeze with `updateRunningMean = false`; save / restore
/// `statistics`.
public struct NormalizeReward<Base: Environment>: EnvironmentWrapper {
    public var base: Base
    public let gamma: Double
    public let epsilon: Double
    public var updateRunningMean = true
    /// The running statistics of the discounted return (Gymnasium's `return_rms`).
    public var statistics = RunningMeanStd<Double>(width: 1)
    /// Gymnasium's `discounted_reward`.
    public private(set) var discountedReward = 0.0

    public init(_ base: Base, gamma: Double = 0.99, epsilon: Double = 1e-8) throws(EnvError) {
        guard (0...1).contains(gamma) else { throw .invalidArgument("NormalizeReward gamma must be in [0, 1], got \(gamma)") }
        guard epsilon > 0 else { throw .invalidArgument("NormalizeReward epsilon must be > 0, got \(epsilon)") }
        self.base = base
        self.gamma = gamma
        self.epsilon = epsilon
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        var outcome = try base.step(action, into: observation)
        discountedReward = discountedReward * gamma * (outcome.terminated ? 0 : 1) + outcome.reward
        if updateRunningMean {
            var value = discountedReward
            withUnsafePointer(to: &value) { statistics.update(sample: UnsafeBufferPointer(start: $0, count: 1)) }
        }
        outcome.reward = outcome.reward / (statistics.variance[0] + epsilon).squareRoot()
        return outcome
    }
}
