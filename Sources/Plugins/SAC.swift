import DSL
import Foundation
import Zoo

/// Soft actor-critic (Haarnoja et al. 2018) as Stable-Baselines3 runs it: a
/// tanh-squashed Gaussian actor, twin Q critics with Polyak-averaged targets, and the
/// entropy temperature α tuned automatically toward a target entropy of −dim(A).
///
/// Per gradient step on a replay minibatch: α's loss −mean(log α·(log π + H̄)); the
/// critics regress on r + γ·(1 − terminated)·(min Q_target(o', a') − α·log π(a'|o'))
/// with a' sampled from the current actor; the actor minimises mean(α·log π(ã|o) −
/// min Q(o, ã)) through the reparameterised sample ã; the targets move by τ on every
/// `target_update_interval`-th gradient step of an update, counted from its first
/// (Stable-Baselines3's count, which restarts with each update). The actor's log-std is clamped to [−20, 2]. Actions are
/// learned in [−1, 1] and sent to the environment rescaled to its bounds; the first
/// `learning_starts` steps act uniformly at random.
public final class SAC: Algorithm {
    public static let name = "sac"
    public static let summary = "Soft actor-critic (squashed Gaussian, twin Q, automatic entropy tuning)."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let targetUpdateInterval = Hyperparameter.int("target_update_interval", 1, in: 1...Int.max, "gradient steps between target updates, counted within each update (the first always updates)")
    }

    /// Defaults of the keys every replay-based plugin reads.
    static let replayDefaults = ReplaySettings.Defaults()

    public static let hyperparameters: [HyperparameterInfo] = ReplaySettings.hyperparameters(replayDefaults) + [
        .init("ent_coef", "auto", "entropy temperature α: auto (tuned, starting at 1), auto_<init>, or a fixed number"),
        .init("target_entropy", "auto", "the entropy α is tuned toward (auto: −dim(A))"),
        Setting.targetUpdateInterval.info,
        .init("networks", "actor, critic: 256-256 relu, PyTorch init, Adam lr 3e-4",
              "actor and critic: {hidden, activation, init, optimizer, lr, eps, …}; lr also sets α's optimiser"),
    ]

    let replay: ReplayBuffer
    let scaling: ActionScaling
    let replaySettings: ReplaySettings
    let targetUpdateInterval: Int
    let actor: MultiHeadNetwork
    let actorOptimizer: any Optimizer
    let critics: TwinCritics
    /// log α, as a one-parameter module so that it is checkpointed, and its optimiser
    /// when tuned.
    let logAlpha: Parameter
    let temperature: ParameterGroup
    let alphaOptimizer: (any Optimizer)?
    let targetEntropy: Float

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        scaling = try ActionScaling(context.actionSpace, at: m.node, algorithm: "sac")
        replaySettings = try ReplaySettings(m, defaults: Self.replayDefaults)
        targetUpdateInterval = try m.read(Setting.targetUpdateInterval)
        let (initialAlpha, tuned) = try Self.readEntropyCoefficient(m)
        targetEntropy = try m.optional("target_entropy").map { node throws(RecipeError) in
            if (try? node.string()) == "auto" { return -Float(context.actionSpace.actionWidth) }
            return Float(try node.double())
        } ?? -Float(context.actionSpace.actionWidth)
        let defaults = NetworkSettings(hidden: [256, 256], activation: .relu, initialization: .default,
                                       optimizer: OptimizerSettings(.adam, learningRate: 3e-4))
        let networks = try m.optional("networks")?.mapping()
        let actorSettings = try NetworkSettings.read("actor", in: networks, defaults: defaults, context: context)
        let criticSettings = try NetworkSettings.read("critic", in: networks, defaults: defaults, context: context)
        try networks?.finish()
        let dims = scaling.width
        var random = context.initializationRandom("actor")
        let trunk = actorSettings.makeTrunk(inputs: context.observationWidth, random: &random)
        let features = actorSettings.trunkWidth(inputs: context.observationWidth)
        actor = MultiHeadNetwork(trunk: trunk) {
            ("mean", Linear(features, dims, random: &random))
            ("log_std", Linear(features, dims, random: &random))
        }
        actorOptimizer = actorSettings.optimizer.make(actor.parameters)
        critics = try TwinCritics(settings: criticSettings, observationWidth: context.observationWidth, actionWidth: dims,
                              context: context)
        logAlpha = Parameter(Tensor(shape: [1], scalars: [Float(Foundation.log(initialAlpha))]))
        temperature = ParameterGroup([("log_alpha", logAlpha)])
        alphaOptimizer = tuned ? OptimizerSettings(.adam, learningRate: actorSettings.optimizer.learningRate)
            .make([logAlpha]) : nil
        replay = ReplayBuffer(capacity: replaySettings.bufferSize, observationWidth: context.observationWidth, actionWidth: dims,
                              observationType: context.observationType)
    }

    /// `ent_coef`: `auto` (tuned from 1), `auto_0.1` (tuned from 0.1) or a fixed α.
    static func readEntropyCoefficient(_ m: RecipeMapping) throws(RecipeError) -> (Double, Bool) {
        guard let node = m.optional("ent_coef") else { return (1, true) }
        if let text = try? node.string(), text.hasPrefix("auto") {
            guard text != "auto" else { return (1, true) }
            guard text.hasPrefix("auto_"), let value = Double(text.dropFirst(5)), value > 0 else {
                throw node.error("ent_coef is auto, auto_<initial α > 0> or a positive number, got \(text)")
            }
            return (value, true)
        }
        let value = try node.double()
        guard value > 0 else { throw node.error("ent_coef must be positive, got \(value)") }
        return (value, false)
    }

    public var collection: any CollectionPlan { replaySettings.collection(replay) }

    /// The policy's squashed Gaussian for observations [batch, width].
    func policy(_ observations: Tensor) -> SquashedGaussian {
        let out = actor(observations)
        return SquashedGaussian(mean: out["mean"], logStd: out["log_std"].clamp(min: -20, max: 2))
    }

    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        let pi = policy(observations)
        let scaled = mode == .sample ? pi.sample(using: &random) : pi.mode()
        return Decision(actions: scaling.unscale(scaled))
    }

    public func values(_ observations: Tensor) -> Tensor? { nil }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        let steps = replaySettings.gradientSteps(after: experience, replay: replay), batchSize = replaySettings.batchSize
        guard steps > 0 else {
            return UpdateReport([("actor_loss", 0), ("critic_loss", 0), ("entropy_coefficient", Double(logAlpha.value.exp().item)),
                                 ("entropy_coefficient_loss", 0), ("gradient_steps", 0)])
        }
        var sums = (actor: 0.0, critic: 0.0, alpha: 0.0, alphaLoss: 0.0)
        for step in 0..<steps {
            let batch = replay.sample(batchSize, random: &random)
            let noise = Self.standardNormal([batchSize, scaling.width], random: &random)
            let nextNoise = Self.standardNormal([batchSize, scaling.width], random: &random)
            let losses = Self.step(batch, noise: noise, nextNoise: nextNoise, scaling: scaling, actor: policy,
                                   critics: critics, logAlpha: logAlpha, alphaOptimizer: alphaOptimizer,
                                   actorOptimizer: actorOptimizer, targetEntropy: targetEntropy, gamma: replaySettings.gamma)
            // Stable-Baselines3 counts the interval within one update's gradient steps, so
            // the first step of every update moves the targets.
            if step % targetUpdateInterval == 0 { critics.updateTargets(tau: replaySettings.tau) }
            sums.actor += Double(losses.actor)
            sums.critic += Double(losses.critic)
            sums.alpha += Double(losses.alpha)
            sums.alphaLoss += Double(losses.alphaLoss)
        }
        let n = Double(max(steps, 1))
        return UpdateReport([("actor_loss", sums.actor / n), ("critic_loss", sums.critic / n),
                             ("entropy_coefficient", sums.alpha / n), ("entropy_coefficient_loss", sums.alphaLoss / n),
                             ("gradient_steps", Double(steps))])
    }

    /// [shape] standard-normal draws from `random`, row-major.
    static func standardNormal(_ shape: [Int], random: inout SeededRandom) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(random.nextNormal()) })
    }

    /// One SAC gradient step on `batch` in Stable-Baselines3's order: temperature, critics,
    /// actor; `noise` and `nextNoise` [batch, dims] reparameterise the actions sampled for
    /// the observations and the next observations. Returns the losses and the α used.
    public static func step(_ batch: ReplayBatch, noise: Tensor, nextNoise: Tensor, scaling: ActionScaling,
                            actor: (Tensor) -> SquashedGaussian, critics: TwinCritics, logAlpha: Parameter,
                            alphaOptimizer: (any Optimizer)?, actorOptimizer: any Optimizer, targetEntropy: Float,
                            gamma: Float) -> (actor: Float, critic: Float, alpha: Float, alphaLoss: Float) {
        let (actions, logProbability) = actor(batch.observations).sampleWithLogProbability(noise: noise)
        let alpha = logAlpha.value.exp()
        var alphaLoss: Float = 0
        if let alphaOptimizer {
            let loss = -(logAlpha.tensor * (logProbability.detached + targetEntropy)).mean()
            OptimizerGroup([alphaOptimizer]).minimize(loss)
            alphaLoss = loss.item
        }
        let nextValues = withoutGradient { () -> Tensor in
            let (next, nextLogProbability) = actor(batch.nextObservations).sampleWithLogProbability(noise: nextNoise)
            return critics.targetMinimum(batch.nextObservations, next) - alpha * nextLogProbability
        }
        let criticLoss = critics.step(batch, scaledActions: scaling.scale(batch.actions), nextValues: nextValues,
                                      gamma: gamma, weight: 0.5)
        let (q1, q2) = critics(batch.observations, actions)
        let actorLoss = (alpha * logProbability - q1.minimum(q2)).mean()
        OptimizerGroup([actorOptimizer]).minimize(actorLoss)
        return (actorLoss.item, criticLoss, alpha.item, alphaLoss)
    }

    public var modules: [(name: String, module: any Module)] {
        [("actor", actor)] + critics.modules + [("temperature", temperature)]
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("actor", actorOptimizer), ("critic", critics.optimizer)] + (alphaOptimizer.map { [("log_alpha", $0)] } ?? [])
    }

    public func exportState() -> SavedState {
        var state = SavedState()
        replay.save(into: &state)
        return state
    }

    public func importState(_ state: SavedState) throws(SavedStateError) {
        try replay.restore(from: state)
    }
}
