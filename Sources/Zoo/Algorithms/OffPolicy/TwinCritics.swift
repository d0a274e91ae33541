import DSL

/// Two Q-networks over (observation, action) with trailing target copies — the clipped
/// double-Q critic of TD3 and SAC (Fujimoto et al. 2018): targets use the smaller of
/// the two target estimates, which curbs the overestimation a single critic learns.
/// Actions enter the networks scaled to [−1, 1]. One optimiser updates both critics.
public final class TwinCritics {
    public let q1: Sequential, q2: Sequential
    public let target1: Sequential, target2: Sequential
    public let optimizer: any Optimizer

    /// Critics from `settings` for `observationWidth` + `actionWidth` inputs, the targets
    /// starting as exact copies. An image trunk is refused: these critics read the
    /// observation and the action side by side.
    public init(settings: NetworkSettings, observationWidth: Int, actionWidth: Int, context: AlgorithmContext) throws(RecipeError) {
        guard settings.trunk == nil else {
            throw RecipeError(file: nil, keyPath: "algorithm.networks.critic.trunk", line: nil, column: nil,
                              message: "twin critics read observations and actions together: an image trunk is not supported")
        }
        let inputs = observationWidth + actionWidth
        var random = context.initializationRandom("critic")
        q1 = settings.makeMLP(inputs: inputs, outputs: 1, outputGain: 1, random: &random)
        q2 = settings.makeMLP(inputs: inputs, outputs: 1, outputGain: 1, random: &random)
        target1 = settings.makeMLP(inputs: inputs, outputs: 1, outputGain: 1, random: &random)
        target2 = settings.makeMLP(inputs: inputs, outputs: 1, outputGain: 1, random: &random)
        polyakUpdate(target: target1, source: q1, tau: 1)
        polyakUpdate(target: target2, source: q2, tau: 1)
        optimizer = settings.optimizer.make(q1.parameters + q2.parameters)
    }

    /// Both critics' estimates Q_i(o, a), each [batch].
    public func callAsFunction(_ observations: Tensor, _ actions: Tensor) -> (Tensor, Tensor) {
        let input = Tensor.concat([observations, actions], axis: 1)
        return (q1(input).reshaped([-1]), q2(input).reshaped([-1]))
    }

    /// min(Q_target1, Q_target2)(o, a), [batch].
    public func targetMinimum(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        let input = Tensor.concat([observations, actions], axis: 1)
        return target1(input).reshaped([-1]).minimum(target2(input).reshaped([-1]))
    }

    /// One critic step on r + γ·(1 − terminated)·`nextValues`, minimising
    /// `weight`·Σ_i mean((Q_i − y)²) — Stable-Baselines3's SAC halves the sum (weight ½),
    /// its TD3 does not (weight 1); returns the loss.
    public func step(_ batch: ReplayBatch, scaledActions: Tensor, nextValues: Tensor, gamma: Float, weight: Float) -> Float {
        let y = withoutGradient { batch.rewards + (1 - batch.terminated) * gamma * nextValues }
        let (a, b) = self(batch.observations, scaledActions)
        let loss = weight * ((a - y).square().mean() + (b - y).square().mean())
        OptimizerGroup([optimizer]).minimize(loss)
        return loss.item
    }

    /// Moves the targets toward the critics by τ.
    public func updateTargets(tau: Float) {
        polyakUpdate(target: target1, source: q1, tau: tau)
        polyakUpdate(target: target2, source: q2, tau: tau)
    }

    /// The networks to checkpoint, by name.
    public var modules: [(name: String, module: any Module)] {
        [("critic_1", q1), ("critic_2", q2), ("critic_target_1", target1), ("critic_target_2", target2)]
    }
}
