import DSL
import Zoo

/// Synchronous advantage actor-critic: one gradient step per short rollout.
///
/// Loss = −mean(A·log π(a|o)) + value_coef·mean((V(o) − R)²) − entropy_coef·mean(H), means
/// over valid steps. Advantages by GAE (λ = 1 by default, as Stable-Baselines3) or n-step
/// returns (the seeds' Atari A2C). Networks: a separate actor and critic, each with its
/// own optimiser and learning rate (the Gymnasium tutorial), or a shared trunk with
/// policy and value heads and one optimiser. Defaults are Stable-Baselines3's.
public final class A2C: Algorithm {
    public static let name = "a2c"
    public static let summary = "Synchronous advantage actor-critic (separate or shared networks, GAE or n-step)."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let steps = Hyperparameter.int("steps", 5, in: 1...100_000, "rollout length per copy before each update")
        static let gamma = Hyperparameter.double("gamma", 0.99, in: 0...1, "discount")
        static let advantage = Hyperparameter.choice("advantage", ["gae", "nstep"], default: "gae", "gae or nstep")
        static let gaeLambda = Hyperparameter.double("gae_lambda", 1.0, in: 0...1, "GAE λ")
        static let n = Hyperparameter.int("n", 5, in: 1...100_000, "n for n-step returns", shown: "steps")
        static let valueCoef = Hyperparameter.double("value_coef", 0.5, in: 0...1000, "weight of the critic loss")
        static let entropyCoef = Hyperparameter.double("entropy_coef", 0.0, in: 0...1000, "weight of the entropy bonus")
        static let maxGradNorm = Hyperparameter.double("max_grad_norm", 0.5, in: 0...1e9, "global gradient-norm clip per optimiser (0: off)")
        static let normalizeAdvantage = Hyperparameter.bool("normalize_advantage", false, "standardise advantages per update")
        static let lrSchedule = Hyperparameter.choice("lr_schedule", ["constant", "linear"], default: "constant", "constant or linear (to 0 over the budget)")
    }

    public static let hyperparameters: [HyperparameterInfo] = [
        Setting.steps.info,
        Setting.gamma.info,
        Setting.advantage.info,
        Setting.gaeLambda.info,
        Setting.n.info,
        Setting.valueCoef.info,
        Setting.entropyCoef.info,
        Setting.maxGradNorm.info,
        Setting.normalizeAdvantage.info,
        Setting.lrSchedule.info,
        .init("networks", "actor+critic: 64-64 tanh, RMSprop lr 7e-4 α 0.99 ε 1e-5",
              "actor and critic, or shared: {hidden, activation, init, optimizer, lr, …}"),
    ]

    enum AdvantageKind: String { case gae, nstep }

    let steps: Int, gamma: Float, lambda: Float, n: Int
    let advantageKind: AdvantageKind
    let valueCoef: Float, entropyCoef: Float, maxGradNorm: Float
    let normalizeAdvantage: Bool
    let linearSchedule: Bool
    /// Separate actor and critic, or a shared trunk with both heads.
    let networks: ActorCriticNetworks
    var actor: PolicyNetwork { networks.actor }
    var critic: Sequential { networks.critic }
    /// The optimisers, annealed and stepped together, each clipped on its own.
    let optimization: OptimizerGroup

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        steps = try m.read(Setting.steps)
        gamma = Float(try m.read(Setting.gamma))
        advantageKind = AdvantageKind(rawValue: try m.read(Setting.advantage)) ?? .gae
        lambda = Float(try m.read(Setting.gaeLambda))
        n = try m.read(Setting.n, default: steps)
        valueCoef = Float(try m.read(Setting.valueCoef))
        entropyCoef = Float(try m.read(Setting.entropyCoef))
        maxGradNorm = Float(try m.read(Setting.maxGradNorm))
        normalizeAdvantage = try m.read(Setting.normalizeAdvantage)
        linearSchedule = try m.read(Setting.lrSchedule) == "linear"
        let defaults = NetworkSettings(hidden: [64, 64], activation: .tanh,
                                       optimizer: OptimizerSettings(.rmsprop, learningRate: 7e-4, epsilon: 1e-5))
        let networks = try m.optional("networks")?.mapping()
        self.networks = try ActorCriticNetworks(networks, defaults: defaults, context: context)
        try networks?.finish()
        optimization = OptimizerGroup(self.networks.optimizerList, clipping: .perOptimizer(maxNorm: maxGradNorm))
    }

    public var collection: any CollectionPlan { .steps(steps) }

    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        let f = networks.features(observations)
        let policy = actor(f)
        let actions = policy.actions(mode, random: &random)
        return Decision(actions: actions, values: critic(f).reshaped([-1]))
    }

    public func values(_ observations: Tensor) -> Tensor? {
        critic(networks.features(observations)).reshaped([-1])
    }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        if linearSchedule { optimization.anneal(progress: experience.progress) }
        let signals = experience.signals
        var advantages: [Float], returns: [Float]
        switch advantageKind {
        case .gae:
            (advantages, returns) = GeneralizedAdvantageEstimation.compute(signals, gamma: gamma, lambda: lambda)
        case .nstep:
            returns = NStepReturns.compute(signals, gamma: gamma, n: n)
            advantages = zip(returns, signals.values).map { $0 - $1 }
        }
        if normalizeAdvantage { advantages = MaskedStatistics.normalized(advantages, mask: signals.valid) }
        let mask = experience.validMask
        let observations = experience.flattened(experience.observations)
        let actions = experience.flattened(experience.actions)
        let f = networks.features(observations)
        let advantage = Tensor(shape: [advantages.count], scalars: advantages)
        let target = Tensor(shape: [returns.count], scalars: returns)
        // The actor's and the critic's halves, each built and differentiated on its own kernel
        // thread when the networks are separate.
        let (policyLoss, valueLoss) = optimization.backpropagate(reading: [f], {
            let policy = actor(f)
            let loss = Loss(terms: Self.policyTerms(logProbabilities: policy.logProbability(of: actions),
                                                    advantages: advantage, entropy: policy.entropy(), mask: mask,
                                                    entropyCoef: entropyCoef))
            return (loss, loss.total)
        }, {
            let loss = Loss(terms: Self.valueTerms(values: critic(f).reshaped([-1]), returns: target, mask: mask,
                                                   valueCoef: valueCoef))
            return (loss, loss.total)
        })
        let norms = optimization.step()
        var report = UpdateReport(["actor_loss", "critic_loss", "entropy"].map { name in
            (name, Double(policyLoss[name] ?? valueLoss[name] ?? 0))
        })
        report.values.append(("learning_rate", Double(networks.actorOptimizer.learningRate)))
        if let norm = norms.first { report.values.append(("grad_norm", Double(norm))) }
        return report
    }

    /// The A2C loss over the valid steps (`mask`): the policy's terms (`policyTerms`) and
    /// the value's (`valueTerms`), which `update` differentiates as two independent parts.
    public static func loss(logProbabilities: Tensor, advantages: Tensor, values: Tensor, returns: Tensor,
                            entropy: Tensor, mask: Tensor, valueCoef: Float, entropyCoef: Float) -> Loss {
        Loss(terms: policyTerms(logProbabilities: logProbabilities, advantages: advantages, entropy: entropy,
                                mask: mask, entropyCoef: entropyCoef)
             + valueTerms(values: values, returns: returns, mask: mask, valueCoef: valueCoef))
    }

    /// The policy-gradient term (`actor_loss`) and the entropy bonus, over the valid steps.
    public static func policyTerms(logProbabilities: Tensor, advantages: Tensor, entropy: Tensor, mask: Tensor,
                                   entropyCoef: Float) -> [LossTerm] {
        [LossTerm("actor_loss", -MaskedStatistics.mean(advantages * logProbabilities, mask: mask)),
         LossTerm("entropy", MaskedStatistics.mean(entropy, mask: mask), weight: -entropyCoef)]
    }

    /// The squared error of the values to the returns (`critic_loss`), over the valid steps.
    public static func valueTerms(values: Tensor, returns: Tensor, mask: Tensor, valueCoef: Float) -> [LossTerm] {
        [LossTerm("critic_loss", MaskedStatistics.mean((values - returns).square(), mask: mask), weight: valueCoef)]
    }

    public var modules: [(name: String, module: any Module)] { networks.modules }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { networks.optimizers }
}
