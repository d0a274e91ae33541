import DSL
import Zoo

/// Proximal policy optimisation with the clipped surrogate (Schulman et al. 2017).
///
/// Per update: GAE advantages over the rollout, then `epochs` passes over shuffled
/// minibatches of the valid steps; per minibatch the loss is
/// −mean(min(r·A, clip(r, 1−ε, 1+ε)·A)) + value_coef·mean((V − R)²) − entropy_coef·mean(H),
/// with r = exp(log π − log π_old), A normalised per minibatch (default on), the value
/// optionally clipped around its old estimate, global gradient clipping, an optional
/// target-KL early stop and linear learning-rate annealing. The value loss has no ½
/// factor (Stable-Baselines3's convention; CleanRL's ½·max(…) with coefficient 0.5 is
/// value_coef 0.25 here). Defaults are Stable-Baselines3's.
public final class PPO: Algorithm {
    public static let name = "ppo"
    public static let summary = "Proximal policy optimisation (clipped surrogate, GAE, minibatch epochs)."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let clipRangeVf = Hyperparameter.optionalDouble("clip_range_vf", in: 0...1e9,
                                                               "clip the value around its old estimate by this (none: off)")
        static let targetKL = Hyperparameter.optionalDouble("target_kl", in: 0...(.infinity),
                                                            "stop the epochs when the approximate KL exceeds 1.5× this")
        static let steps = Hyperparameter.int("steps", 2048, in: 1...1_000_000, "rollout length per copy before each update")
        static let batchSize = Hyperparameter.int("batch_size", 64, in: 1...10_000_000, "minibatch size")
        static let epochs = Hyperparameter.int("epochs", 10, in: 1...1000, "passes over the rollout per update")
        static let gamma = Hyperparameter.double("gamma", 0.99, in: 0...1, "discount")
        static let gaeLambda = Hyperparameter.double("gae_lambda", 0.95, in: 0...1, "GAE λ")
        static let clipRange = Hyperparameter.double("clip_range", 0.2, in: 0...10, "ε of the clipped ratio")
        static let normalizeAdvantage = Hyperparameter.bool("normalize_advantage", true, "standardise advantages per minibatch")
        static let valueCoef = Hyperparameter.double("value_coef", 0.5, in: 0...1000, "weight of the critic loss")
        static let entropyCoef = Hyperparameter.double("entropy_coef", 0.0, in: 0...1000, "weight of the entropy bonus")
        static let maxGradNorm = Hyperparameter.double("max_grad_norm", 0.5, in: 0...1e9, "global gradient-norm clip (0: off)")
        static let lrSchedule = Hyperparameter.choice("lr_schedule", ["constant", "linear"], default: "constant", "constant or linear (to 0 over the budget)")
    }

    public static let hyperparameters: [HyperparameterInfo] = [
        Setting.steps.info,
        Setting.batchSize.info,
        Setting.epochs.info,
        Setting.gamma.info,
        Setting.gaeLambda.info,
        Setting.clipRange.info,
        Setting.clipRangeVf.info,
        Setting.normalizeAdvantage.info,
        Setting.valueCoef.info,
        Setting.entropyCoef.info,
        Setting.maxGradNorm.info,
        Setting.targetKL.info,
        Setting.lrSchedule.info,
        .init("networks", "actor+critic: 64-64 tanh, orthogonal, Adam lr 3e-4 ε 1e-5",
              "actor and critic: {hidden, activation, init, optimizer, lr, eps, …}"),
    ]

    let steps: Int, batchSize: Int, epochs: Int
    let gamma: Float, lambda: Float, clipRange: Float
    let clipRangeValue: Float?
    let normalizeAdvantage: Bool
    let valueCoef: Float, entropyCoef: Float, maxGradNorm: Float
    let targetKL: Double?
    let linearSchedule: Bool
    /// Separate actor and critic, or a shared trunk with both heads.
    let networks: ActorCriticNetworks
    var actor: PolicyNetwork { networks.actor }
    var critic: Sequential { networks.critic }
    /// The optimisers, annealed and stepped together with one joint gradient clip.
    let optimization: OptimizerGroup

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        steps = try m.read(Setting.steps)
        batchSize = try m.read(Setting.batchSize)
        epochs = try m.read(Setting.epochs)
        gamma = Float(try m.read(Setting.gamma))
        lambda = Float(try m.read(Setting.gaeLambda))
        clipRange = Float(try m.read(Setting.clipRange))
        clipRangeValue = try m.read(Setting.clipRangeVf).map(Float.init)
        if clipRangeValue == 0, let node = m.optional(Setting.clipRangeVf.name) {
            throw node.error("clip_range_vf must be positive, got 0")
        }
        normalizeAdvantage = try m.read(Setting.normalizeAdvantage)
        valueCoef = Float(try m.read(Setting.valueCoef))
        entropyCoef = Float(try m.read(Setting.entropyCoef))
        maxGradNorm = Float(try m.read(Setting.maxGradNorm))
        targetKL = try m.read(Setting.targetKL)
        linearSchedule = try m.read(Setting.lrSchedule) == "linear"
        let total = steps * context.copies
        guard batchSize <= total else {
            throw m.node.error("batch_size \(batchSize) is larger than a rollout (\(steps) steps × \(context.copies) copies = \(total))")
        }
        let defaults = NetworkSettings(hidden: [64, 64], activation: .tanh, initialization: .orthogonal,
                                       optimizer: OptimizerSettings(.adam, learningRate: 3e-4, epsilon: 1e-5))
        let networks = try m.optional("networks")?.mapping()
        self.networks = try ActorCriticNetworks(networks, defaults: defaults, context: context)
        try networks?.finish()
        optimization = OptimizerGroup(self.networks.optimizerList, clipping: .joint(maxNorm: maxGradNorm))
    }

    public var collection: any CollectionPlan { .steps(steps) }

    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        let f = networks.features(observations)
        let policy = actor(f)
        let actions = policy.actions(mode, random: &random)
        return Decision(actions: actions, logProbabilities: policy.logProbability(of: actions),
                        values: critic(f).reshaped([-1]))
    }

    public func values(_ observations: Tensor) -> Tensor? {
        critic(networks.features(observations)).reshaped([-1])
    }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        if linearSchedule { optimization.anneal(progress: experience.progress) }
        let signals = experience.signals
        let (advantages, returns) = GeneralizedAdvantageEstimation.compute(signals, gamma: gamma, lambda: lambda)
        let rows = Minibatches(experience: experience, advantages: advantages, returns: returns)
        var sums = (policy: 0.0, value: 0.0, entropy: 0.0, kl: 0.0, clipped: 0.0)
        var batches = 0
        var stoppedEarly = false
        epochLoop: for _ in 0..<epochs {
            let order = random.permutation(rows.count)
            var start = 0
            while start < order.count {
                let batch = rows.batch(Array(order[start..<min(start + batchSize, order.count)]))
                start += batchSize
                let f = networks.features(batch.observations)
                // The actor's and the critic's halves, each built and differentiated on its own
                // kernel thread when the networks are separate.
                let (policySide, valueLoss) = optimization.backpropagate(reading: [f], {
                    let policy = actor(f)
                    let logProbs = policy.logProbability(of: batch.actions)
                    // Diagnostics on detached values (SB3's approximate KL and clip fraction).
                    let (approxKL, clipFraction) = withoutGradient { () -> (Double, Double) in
                        let logRatio = logProbs.detached - batch.oldLogProbabilities
                        let r = logRatio.exp()
                        let kl = ((r - 1) - logRatio).mean().item
                        let clipped = (r - 1).abs().greater(Tensor(clipRange)).mean().item
                        return (Double(kl), Double(clipped))
                    }
                    let loss = Loss(terms: Self.policyTerms(
                        logProbabilities: logProbs, oldLogProbabilities: batch.oldLogProbabilities,
                        advantages: batch.advantages, entropy: policy.entropy(), clipRange: clipRange,
                        normalizeAdvantage: normalizeAdvantage, entropyCoef: entropyCoef))
                    return ((loss: loss, kl: approxKL, clipped: clipFraction), loss.total)
                }, {
                    let loss = Loss(terms: Self.valueTerms(
                        values: critic(f).reshaped([-1]), oldValues: batch.oldValues, returns: batch.returns,
                        clipRangeValue: clipRangeValue, valueCoef: valueCoef))
                    return (loss, loss.total)
                })
                if let targetKL, policySide.kl > 1.5 * targetKL {
                    stoppedEarly = true
                    break epochLoop
                }
                optimization.step()
                let policyLoss = policySide.loss
                sums.policy += Double(policyLoss["actor_loss"] ?? 0)
                sums.value += Double(valueLoss["critic_loss"] ?? 0)
                sums.entropy += Double(policyLoss["entropy"] ?? 0)
                sums.kl += policySide.kl
                sums.clipped += policySide.clipped
                batches += 1
            }
        }
        let n = Double(max(batches, 1))
        return UpdateReport([
            ("actor_loss", sums.policy / n), ("critic_loss", sums.value / n), ("entropy", sums.entropy / n),
            ("approx_kl", sums.kl / n), ("clip_fraction", sums.clipped / n),
            ("learning_rate", Double(networks.actorOptimizer.learningRate)), ("early_stop", stoppedEarly ? 1 : 0),
        ])
    }

    /// The PPO loss of one minibatch: the policy's terms (`policyTerms`) and the value's
    /// (`valueTerms`), which `update` differentiates as two independent parts.
    public static func loss(logProbabilities: Tensor, oldLogProbabilities: Tensor, advantages: Tensor, values: Tensor,
                            oldValues: Tensor, returns: Tensor, entropy: Tensor, clipRange: Float,
                            clipRangeValue: Float?, normalizeAdvantage: Bool, valueCoef: Float,
                            entropyCoef: Float) -> Loss {
        Loss(terms: policyTerms(logProbabilities: logProbabilities, oldLogProbabilities: oldLogProbabilities,
                                advantages: advantages, entropy: entropy, clipRange: clipRange,
                                normalizeAdvantage: normalizeAdvantage, entropyCoef: entropyCoef)
             + valueTerms(values: values, oldValues: oldValues, returns: returns, clipRangeValue: clipRangeValue,
                          valueCoef: valueCoef))
    }

    /// The policy's terms: the clipped surrogate on (optionally normalised) advantages
    /// (`actor_loss`) and the entropy bonus.
    public static func policyTerms(logProbabilities: Tensor, oldLogProbabilities: Tensor, advantages: Tensor,
                                   entropy: Tensor, clipRange: Float, normalizeAdvantage: Bool,
                                   entropyCoef: Float) -> [LossTerm] {
        var a = advantages.detached
        if normalizeAdvantage && a.count > 1 {
            // (A − mean) / (std + 1e-8) with torch's n − 1 std; advantages are constants,
            // so one plain loop instead of a chain of recorded tensor ops.
            let v = a.scalars.map(Double.init)
            let mean = v.reduce(0, +) / Double(v.count)
            let std = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
            a = Tensor(shape: a.shape, scalars: v.map { Float(($0 - mean) / (std + 1e-8)) })
        }
        let ratio = (logProbabilities - oldLogProbabilities).exp()
        let surrogate = (ratio * a).minimum(ratio.clamp(min: 1 - clipRange, max: 1 + clipRange) * a)
        return [LossTerm("actor_loss", -surrogate.mean()), LossTerm("entropy", entropy.mean(), weight: -entropyCoef)]
    }

    /// The value's term: squared error to the returns, the value optionally clipped around
    /// its old estimate (`critic_loss`).
    public static func valueTerms(values: Tensor, oldValues: Tensor, returns: Tensor, clipRangeValue: Float?,
                                  valueCoef: Float) -> [LossTerm] {
        var v = values
        if let c = clipRangeValue {
            v = oldValues + (values - oldValues).clamp(min: -c, max: c)
        }
        return [LossTerm("critic_loss", (v - returns).square().mean(), weight: valueCoef)]
    }

    public var modules: [(name: String, module: any Module)] { networks.modules }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { networks.optimizers }
}
