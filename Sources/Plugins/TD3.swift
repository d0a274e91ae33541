import DSL
import Zoo

/// Twin delayed DDPG (Fujimoto et al. 2018) as Stable-Baselines3 runs it: a
/// deterministic tanh actor explored with Gaussian noise, twin Q critics, target policy
/// smoothing and delayed actor updates.
///
/// Per gradient step on a replay minibatch: the critics regress on
/// r + γ·(1 − terminated)·min Q_target(o', clip(μ_target(o') + clip(ε, −c, c), −1, 1)),
/// ε ~ N(0, `target_policy_noise`²); every `policy_delay` steps the actor maximises
/// Q_1(o, μ(o)) and both targets (actor and critics) move by τ. Acting adds
/// N(0, `action_noise`²) to μ(o) in [−1, 1] and clips; evaluation acts with μ(o).
/// The first `learning_starts` steps act uniformly at random.
public final class TD3: Algorithm {
    public static let name = "td3"
    public static let summary = "Twin delayed DDPG (deterministic actor, twin Q, target smoothing, delayed updates)."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let policyDelay = Hyperparameter.int("policy_delay", 2, in: 1...1_000_000, "critic steps per actor step and target update")
        static let targetPolicyNoise = Hyperparameter.double("target_policy_noise", 0.2, in: 0...10, "σ of the target policy smoothing noise")
        static let targetNoiseClip = Hyperparameter.double("target_noise_clip", 0.5, in: 0...10, "clip of the smoothing noise")
        static let actionNoise = Hyperparameter.double("action_noise", 0.1, in: 0...10, "σ of the Gaussian exploration noise (in [−1, 1] units; 0: none)")
    }

    /// Defaults of the keys every replay-based plugin reads.
    static let replayDefaults = ReplaySettings.Defaults()

    public static let hyperparameters: [HyperparameterInfo] = ReplaySettings.hyperparameters(replayDefaults) + [
        Setting.policyDelay.info,
        Setting.targetPolicyNoise.info,
        Setting.targetNoiseClip.info,
        Setting.actionNoise.info,
        .init("networks", "actor, critic: 400-300 relu, PyTorch init, Adam lr 1e-3",
              "actor and critic: {hidden, activation, init, optimizer, lr, eps, …}"),
    ]

    let replay: ReplayBuffer
    let scaling: ActionScaling
    let replaySettings: ReplaySettings
    let policyDelay: Int
    let smoothing: GaussianActionNoise
    let exploration: GaussianActionNoise
    let actor: Sequential, actorTarget: Sequential
    let actorOptimizer: any Optimizer
    let critics: TwinCritics
    /// Gradient steps so far (the policy-delay clock).
    var gradientStepCount = 0

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        scaling = try ActionScaling(context.actionSpace, at: m.node, algorithm: "td3")
        replaySettings = try ReplaySettings(m, defaults: Self.replayDefaults)
        policyDelay = try m.read(Setting.policyDelay)
        smoothing = GaussianActionNoise(standardDeviation: Float(try m.read(Setting.targetPolicyNoise)),
                                        noiseClip: Float(try m.read(Setting.targetNoiseClip)))
        exploration = GaussianActionNoise(standardDeviation: Float(try m.read(Setting.actionNoise)))
        let defaults = NetworkSettings(hidden: [400, 300], activation: .relu, initialization: .default,
                                       optimizer: OptimizerSettings(.adam, learningRate: 1e-3))
        let networks = try m.optional("networks")?.mapping()
        let actorSettings = try NetworkSettings.read("actor", in: networks, defaults: defaults, context: context)
        let criticSettings = try NetworkSettings.read("critic", in: networks, defaults: defaults, context: context)
        try networks?.finish()
        var random = context.initializationRandom("actor")
        actor = Self.makeActor(actorSettings, inputs: context.observationWidth, outputs: scaling.width, random: &random)
        actorTarget = Self.makeActor(actorSettings, inputs: context.observationWidth, outputs: scaling.width, random: &random)
        polyakUpdate(target: actorTarget, source: actor, tau: 1)
        actorOptimizer = actorSettings.optimizer.make(actor.parameters)
        critics = try TwinCritics(settings: criticSettings, observationWidth: context.observationWidth,
                              actionWidth: scaling.width, context: context)
        replay = ReplayBuffer(capacity: replaySettings.bufferSize, observationWidth: context.observationWidth, actionWidth: scaling.width,
                              observationType: context.observationType)
    }

    /// The MLP followed by tanh: actions in [−1, 1].
    static func makeActor(_ settings: NetworkSettings, inputs: Int, outputs: Int, random: inout SeededRandom) -> Sequential {
        Sequential([settings.makeMLP(inputs: inputs, outputs: outputs, outputGain: 1, random: &random), Activation.tanh.layer()])
    }

    public var collection: any CollectionPlan { replaySettings.collection(replay) }

    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        let mu = actor(observations)
        let scaled = mode == .sample && exploration.standardDeviation > 0 ? exploration.perturb(mu, using: &random) : mu
        return Decision(actions: scaling.unscale(scaled))
    }

    public func values(_ observations: Tensor) -> Tensor? { nil }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        let steps = replaySettings.gradientSteps(after: experience, replay: replay)
        guard steps > 0 else {
            return UpdateReport([("actor_loss", 0), ("critic_loss", 0), ("gradient_steps", 0)])
        }
        var actorSum = 0.0, actorSteps = 0, criticSum = 0.0
        for _ in 0..<steps {
            gradientStepCount += 1
            let batch = replay.sample(replaySettings.batchSize, random: &random)
            let nextValues = withoutGradient {
                critics.targetMinimum(batch.nextObservations,
                                      smoothing.perturb(actorTarget(batch.nextObservations), using: &random))
            }
            criticSum += Double(critics.step(batch, scaledActions: scaling.scale(batch.actions), nextValues: nextValues,
                                             gamma: replaySettings.gamma, weight: 1))
            if gradientStepCount % policyDelay == 0 {
                let (q1, _) = critics(batch.observations, actor(batch.observations))
                let loss = -q1.mean()
                OptimizerGroup([actorOptimizer]).minimize(loss)
                critics.updateTargets(tau: replaySettings.tau)
                polyakUpdate(target: actorTarget, source: actor, tau: replaySettings.tau)
                actorSum += Double(loss.item)
                actorSteps += 1
            }
        }
        return UpdateReport([("actor_loss", actorSum / Double(max(actorSteps, 1))),
                             ("critic_loss", criticSum / Double(max(steps, 1))), ("gradient_steps", Double(steps))])
    }

    public var modules: [(name: String, module: any Module)] {
        [("actor", actor), ("actor_target", actorTarget)] + critics.modules
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("actor", actorOptimizer), ("critic", critics.optimizer)]
    }

    public func exportState() -> SavedState {
        var state = SavedState()
        replay.save(into: &state)
        state.set("gradient_steps", gradientStepCount)
        return state
    }

    public func importState(_ state: SavedState) throws(SavedStateError) {
        try replay.restore(from: state)
        gradientStepCount = try state.int("gradient_steps")
    }
}
