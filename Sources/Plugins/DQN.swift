import DSL
import Zoo

/// Deep Q-learning (Mnih et al. 2015) as Stable-Baselines3 runs it, with the double-DQN
/// target (van Hasselt et al. 2016) as an option.
///
/// Every `train_freq` vector steps the transitions go into the replay buffer; once more
/// than `learning_starts` environment steps have been taken, `gradient_steps` minibatches
/// of `batch_size` are sampled, each regressing Q(o, a) on the target
/// r + γ·(1 − terminated)·max_a' Q_target(o', a') with the Huber loss (double DQN:
/// Q_target(o', argmax_a' Q(o', a'))), gradients clipped to `max_grad_norm`. The target
/// network is moved toward the online one (τ = 1: copied) every `target_update_interval`
/// environment steps. Acting is ε-greedy with ε decaying linearly from
/// `exploration_initial_eps` to `exploration_final_eps` over the first
/// `exploration_fraction` of the budget; the first `learning_starts` steps act uniformly
/// at random. A trained agent that samples (`zoo eval` without `--deterministic`)
/// explores with the final ε. Each copy draws its own ε coin (Stable-Baselines3 draws one per vector step;
/// identical with one copy).
public final class DQN: ExploringAlgorithm {
    public static let name = "dqn"
    public static let summary = "Deep Q-network (replay buffer, target network, ε-greedy, Huber loss; double-DQN option)."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let targetUpdateInterval = Hyperparameter.int("target_update_interval", 10_000, in: 1...Int.max, "environment steps between target-network updates")
        static let explorationFraction = Hyperparameter.double("exploration_fraction", 0.1, in: 0...1, "fraction of the budget over which ε decays")
        static let explorationInitialEps = Hyperparameter.double("exploration_initial_eps", 1, in: 0...1, "ε at the start")
        static let explorationFinalEps = Hyperparameter.double("exploration_final_eps", 0.05, in: 0...1, "ε after the decay")
        static let maxGradNorm = Hyperparameter.double("max_grad_norm", 10, in: 0...1e9, "global gradient-norm clip")
        static let doubleQ = Hyperparameter.bool("double_q", false, "double-DQN target (online network picks a', target evaluates it)")
    }

    /// Defaults of the keys every replay-based plugin reads.
    static let replayDefaults = ReplaySettings.Defaults(batchSize: 32, tau: 1, trainFrequency: 4)

    public static let hyperparameters: [HyperparameterInfo] = ReplaySettings.hyperparameters(replayDefaults) + [
        Setting.targetUpdateInterval.info,
        Setting.explorationFraction.info,
        Setting.explorationInitialEps.info,
        Setting.explorationFinalEps.info,
        Setting.maxGradNorm.info,
        Setting.doubleQ.info,
        .init("networks", "q: 64-64 relu, PyTorch init, Adam lr 1e-4", "q: {hidden, activation, init, optimizer, lr, eps, …}"),
    ]

    let replay: ReplayBuffer
    let replaySettings: ReplaySettings
    let targetUpdateInterval: Int
    let maxGradNorm: Float
    let explorationFraction: Double, initialEpsilon: Double, finalEpsilon: Double
    let doubleQ: Bool
    let actionCount: Int, copies: Int, totalSteps: Int
    let q: Sequential
    let target: Sequential
    let optimizer: any Optimizer
    /// The optimiser's gradient clipping and step.
    let optimization: OptimizerGroup

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        guard case .discrete(let space) = context.actionSpace else {
            throw m.node.error("dqn needs a discrete action space; \(context.actionSpace) is not (use sac or td3 for continuous actions)")
        }
        replaySettings = try ReplaySettings(m, defaults: Self.replayDefaults)
        targetUpdateInterval = try m.read(Setting.targetUpdateInterval)
        explorationFraction = try m.read(Setting.explorationFraction)
        initialEpsilon = try m.read(Setting.explorationInitialEps)
        finalEpsilon = try m.read(Setting.explorationFinalEps)
        maxGradNorm = Float(try m.read(Setting.maxGradNorm))
        doubleQ = try m.read(Setting.doubleQ)
        let defaults = NetworkSettings(hidden: [64, 64], activation: .relu, initialization: .default,
                                       optimizer: OptimizerSettings(.adam, learningRate: 1e-4))
        let networks = try m.optional("networks")?.mapping()
        let settings = try NetworkSettings.read("q", in: networks, defaults: defaults, context: context)
        try networks?.finish()
        actionCount = space.n
        copies = context.copies
        totalSteps = context.totalSteps
        var random = context.initializationRandom("q")
        q = settings.makeMLP(inputs: context.observationWidth, outputs: space.n, outputGain: 1, random: &random)
        target = settings.makeMLP(inputs: context.observationWidth, outputs: space.n, outputGain: 1, random: &random)
        polyakUpdate(target: target, source: q, tau: 1)
        optimizer = settings.optimizer.make(q.parameters)
        optimization = OptimizerGroup([optimizer], clipping: .joint(maxNorm: maxGradNorm))
        replay = ReplayBuffer(capacity: replaySettings.bufferSize, observationWidth: context.observationWidth, actionWidth: 1,
                              observationType: context.observationType)
    }

    public var collection: any CollectionPlan { replaySettings.collection(replay) }

    /// ε after `steps` environment steps: linear from the initial to the final value over
    /// the first `exploration_fraction` of the budget, constant after.
    func epsilon(afterSteps steps: Int) -> Double {
        let elapsed = Double(steps) / Double(max(totalSteps, 1))
        guard explorationFraction > 0, elapsed < explorationFraction else { return finalEpsilon }
        return initialEpsilon + elapsed * (finalEpsilon - initialEpsilon) / explorationFraction
    }

    /// Greedy actions, or (sampling) ε-greedy ones with ε at its final value: how the
    /// trained agent explores.
    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        epsilonGreedy(observations, epsilon: mode == .sample ? finalEpsilon : 0, random: &random)
    }

    /// ε-greedy actions with ε from the schedule after `environmentSteps` steps.
    public func explore(_ observations: Tensor, environmentSteps: Int, random: inout SeededRandom) -> Decision {
        epsilonGreedy(observations, epsilon: epsilon(afterSteps: environmentSteps), random: &random)
    }

    func epsilonGreedy(_ observations: Tensor, epsilon: Double, random: inout SeededRandom) -> Decision {
        var actions = Self.greedy(q(observations))
        for r in actions.indices where epsilon > 0 && random.nextDouble() < epsilon {
            actions[r] = Float(random.nextInt(below: actionCount))
        }
        return Decision(actions: Tensor(shape: [actions.count], scalars: actions))
    }

    public func values(_ observations: Tensor) -> Tensor? { nil }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        // The target network follows every `target_update_interval` environment steps,
        // counted in vector steps as Stable-Baselines3 counts its calls.
        let interval = max(targetUpdateInterval / copies, 1)
        let callsAfter = replay.environmentSteps / copies
        for call in (callsAfter - experience.steps + 1)...callsAfter where call % interval == 0 {
            polyakUpdate(target: target, source: q, tau: replaySettings.tau)
        }
        let exploration = epsilon(afterSteps: replay.environmentSteps)
        let steps = replaySettings.gradientSteps(after: experience, replay: replay)
        guard steps > 0 else {
            return UpdateReport([("critic_loss", 0), ("q_mean", 0), ("exploration_rate", exploration), ("gradient_steps", 0)])
        }
        var lossSum = 0.0, qSum = 0.0
        for _ in 0..<steps {
            let batch = replay.sample(replaySettings.batchSize, random: &random)
            let targets = withoutGradient {
                Self.targets(batch, online: q, target: target, gamma: replaySettings.gamma, doubleQ: doubleQ)
            }
            let predicted = Self.chosen(q(batch.observations), batch.actions.reshaped([-1]))
            let loss = huberLoss(predicted, targets)
            optimization.minimize(loss)
            lossSum += Double(loss.item)
            qSum += Double(predicted.detached.mean().item)
        }
        let n = Double(max(steps, 1))
        return UpdateReport([("critic_loss", lossSum / n), ("q_mean", qSum / n), ("exploration_rate", exploration),
                             ("gradient_steps", Double(steps))])
    }

    /// The regression targets r + γ·(1 − terminated)·Q_target(o', a'), a' the target's
    /// greedy action (or, for double DQN, the online network's), [batch].
    public static func targets(_ batch: ReplayBatch, online: Sequential, target: Sequential, gamma: Float,
                               doubleQ: Bool) -> Tensor {
        let next = target(batch.nextObservations)
        let bootstrap: Tensor
        if doubleQ {
            let choice = greedy(online(batch.nextObservations))
            bootstrap = chosen(next, Tensor(shape: [choice.count], scalars: choice))
        } else {
            bootstrap = namedAxes { () throws(AxisPatternError) in try amax("b [action]", next) }
        }
        return batch.rewards + (1 - batch.terminated) * gamma * bootstrap
    }

    /// Q(o, a) of each row's action: einx's `get_at("b [action], b -> b", q, a)`, [batch].
    static func chosen(_ values: Tensor, _ actions: Tensor) -> Tensor {
        namedAxes { () throws(AxisPatternError) in try getAt("b [action], b -> b", values, actions) }
    }

    /// A named-axis expression on operands whose ranks are fixed by construction.
    private static func namedAxes(_ body: () throws(AxisPatternError) -> Tensor) -> Tensor {
        do {
            return try body()
        } catch {
            preconditionFailure("DQN's named-axis patterns: \(error)")  // [batch, actions] by contract
        }
    }

    /// Each row's highest-valued action (ties: the lowest index, as `argmax`), [rows].
    static func greedy(_ values: Tensor) -> [Float] {
        let rows = values.shape[0], n = values.shape[1], v = values.scalars
        return (0..<rows).map { r in
            var best = 0
            for a in 1..<n where v[r * n + a] > v[r * n + best] { best = a }
            return Float(best)
        }
    }

    public var modules: [(name: String, module: any Module)] { [("q", q), ("q_target", target)] }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", optimizer)] }

    public func exportState() -> SavedState {
        var state = SavedState()
        replay.save(into: &state)
        return state
    }

    public func importState(_ state: SavedState) throws(SavedStateError) {
        try replay.restore(from: state)
    }
}
