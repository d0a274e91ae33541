import DSL
import Zoo

/// Vanilla policy gradient as OpenAI's Spinning Up writes it
/// (https://spinningup.openai.com/en/latest/algorithms/vpg.html) — an algorithm Zoo does
/// not ship, as a plugin in a package of its own.
///
/// Each update collects `steps` steps in every environment copy, then
///
/// 1. estimates each step's advantage with GAE-λ from the value function V, and
///    standardises the advantages over the batch;
/// 2. takes one gradient step on the policy: loss = −mean(Â_t · log π(a_t|o_t));
/// 3. fits V to the rewards-to-go R_t = r_t + γ·r_{t+1} + … (bootstrapped with V where
///    the rollout cuts an episode off) by `value_iterations` gradient steps on
///    mean((V(o_t) − R_t)²).
///
/// Two networks — the policy and the value function — each with its own optimiser.
public final class VPG: Algorithm {
    /// The recipe's `algorithm.name`.
    public static let name = "vpg"
    public static let summary = "Vanilla policy gradient (Spinning Up): GAE-λ advantages, a value function fitted by several steps per update."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let steps = Hyperparameter.int("steps", 1000, in: 1...1_000_000, "steps per copy collected before each update")
        static let gamma = Hyperparameter.double("gamma", 0.99, in: 0...1, "discount")
        static let gaeLambda = Hyperparameter.double("gae_lambda", 0.97, in: 0...1, "GAE λ for the policy's advantages")
        static let valueIterations = Hyperparameter.int("value_iterations", 80, in: 1...10_000, "gradient steps on the value function per update")
    }

    public static let hyperparameters: [HyperparameterInfo] = [
        Setting.steps.info,
        Setting.gamma.info,
        Setting.gaeLambda.info,
        Setting.valueIterations.info,
        .init("policy", "64-64 tanh, Adam lr 3e-4", "the policy network: {hidden, activation, init, optimizer, lr, …}"),
        .init("value", "64-64 tanh, Adam lr 1e-3", "the value network: {hidden, activation, init, optimizer, lr, …}"),
    ]

    let steps: Int
    let gamma: Float
    let lambda: Float
    let valueIterations: Int
    let policy: PolicyNetwork
    let value: Sequential
    let policyOptimizer: any Optimizer
    let valueOptimizer: any Optimizer

    /// Reads the hyperparameters from the recipe's `algorithm` section and builds both
    /// networks, initialised from streams derived from the run's seed.
    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        steps = try m.read(Setting.steps)
        gamma = Float(try m.read(Setting.gamma))
        lambda = Float(try m.read(Setting.gaeLambda))
        valueIterations = try m.read(Setting.valueIterations)
        let policySettings = try Self.network("policy", in: m, learningRate: 3e-4, context: context)
        let valueSettings = try Self.network("value", in: m, learningRate: 1e-3, context: context)
        var policyRandom = context.initializationRandom("policy"), valueRandom = context.initializationRandom("value")
        policy = try PolicyNetwork(settings: policySettings, observationWidth: context.observationWidth,
                                   space: context.actionSpace, random: &policyRandom)
        value = valueSettings.makeMLP(inputs: context.observationWidth, outputs: 1, outputGain: 1, random: &valueRandom)
        policyOptimizer = policySettings.optimizer.make(policy.parameters)
        valueOptimizer = valueSettings.optimizer.make(value.parameters)
    }

    /// The network settings under `key`: a 64-64 tanh MLP trained by Adam at
    /// `learningRate` unless the recipe says otherwise.
    private static func network(_ key: String, in m: RecipeMapping, learningRate: Double,
                                context: AlgorithmContext) throws(RecipeError) -> NetworkSettings {
        let defaults = NetworkSettings(hidden: [64, 64], activation: .tanh,
                                       optimizer: OptimizerSettings(.adam, learningRate: learningRate))
        guard let node = m.optional(key) else { return defaults }
        return try NetworkSettings.read(node, defaults: defaults, context: context)
    }

    /// Collect `steps` steps in every copy (with automatic resets) per update.
    public var collection: any CollectionPlan { .steps(steps) }

    /// Sample from the policy (or take its most likely action when evaluating), and keep
    /// V(o) for the advantages.
    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        Decision(actions: policy(observations).actions(mode, random: &random), values: values(observations))
    }

    /// V(o), [n]: bootstraps episodes the rollout cuts off.
    public func values(_ observations: Tensor) -> Tensor? {
        value(observations).reshaped([-1])
    }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        let s = experience.signals
        let (gae, _) = GeneralizedAdvantageEstimation.compute(s, gamma: gamma, lambda: lambda)
        // GAE with λ = 1 gives the discounted rewards-to-go as its returns.
        let (_, rewardsToGo) = GeneralizedAdvantageEstimation.compute(s, gamma: gamma, lambda: 1)
        let advantages = Tensor(shape: [gae.count], scalars: MaskedStatistics.normalized(gae, mask: s.valid))
        let targets = Tensor(shape: [rewardsToGo.count], scalars: rewardsToGo)
        let valid = experience.validMask
        let observations = experience.flattened(experience.observations)

        // 1. One policy-gradient step.
        let distribution = policy(observations)
        let logProbabilities = distribution.logProbability(of: experience.flattened(experience.actions))
        let actorLoss = -MaskedStatistics.mean(advantages * logProbabilities, mask: valid)
        policyOptimizer.zeroGradients()
        actorLoss.backward()
        policyOptimizer.step()

        // 2. Regression of V on the rewards-to-go; the loss reported is the one before it.
        var criticLoss: Float = 0
        for iteration in 0..<valueIterations {
            let loss = MaskedStatistics.mean((value(observations).reshaped([-1]) - targets).square(), mask: valid)
            if iteration == 0 { criticLoss = loss.item }
            valueOptimizer.zeroGradients()
            loss.backward()
            valueOptimizer.step()
        }

        return UpdateReport([
            ("actor_loss", Double(actorLoss.item)),
            ("critic_loss", Double(criticLoss)),
            ("entropy", Double(MaskedStatistics.mean(distribution.entropy(), mask: valid).item)),
            ("learning_rate", Double(policyOptimizer.learningRate)),
        ])
    }

    /// Saved in checkpoints and restored by `eval` / `play`.
    public var modules: [(name: String, module: any Module)] { [("policy", policy), ("value", value)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("policy", policyOptimizer), ("value", valueOptimizer)] }
}
