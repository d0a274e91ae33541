import DSL
import Zoo

/// Group relative policy optimisation, adapted to control (Shao et al. 2024, DeepSeekMath).
///
/// No critic. The copies form groups of `generations` that start from one seed; when all
/// generations of a group have ended, their discounted returns R are compared within the
/// group: A = (R − mean(R)) / (std(R) + ε) (`normalize_std`, default on; off is "Dr. GRPO").
/// Every step of a generation gets its advantage (outcome supervision), or the normalised
/// discounted return-to-go with `supervision: reward_to_go`. The update is
/// −mean(A·log π) over the steps of the finished groups or, with `epochs > 1`, PPO's clipped
/// ratio against the behaviour policy; plus an optional KL penalty (k3 estimator) to the
/// frozen initial policy and an entropy bonus. Means are over all valid steps.
public final class GRPO: Algorithm {
    public static let name = "grpo"
    public static let summary = "Group relative policy optimisation: grouped generations from one seed, no critic."
    public static let hyperparameters: [HyperparameterInfo] = [
        .init("generations", "4", "generations per group (env.copies must be a multiple)"),
        .init("groups_per_update", "copies / generations", "finished groups per update"),
        .init("gamma", "0.99", "discount of the returns"),
        .init("normalize_std", "true", "divide by the group's std (false: Dr. GRPO)"),
        .init("supervision", "outcome", "outcome or reward_to_go"),
        .init("epochs", "1", "passes per update; > 1 uses the clipped ratio"),
        .init("clip_range", "0.2", "ε of the clipped ratio (epochs > 1)"),
        .init("kl_coef", "0.0", "β of the KL penalty to the frozen initial policy"),
        .init("entropy_coef", "0.0", "weight of the entropy bonus"),
        .init("max_grad_norm", "0.5", "global gradient-norm clip (0: off)"),
        .init("lr_schedule", "constant", "constant or linear"),
        .init("branch", "off", "{every: k, depth: d}: generations start from the state the group's scout reached after 0, k, 2k, … (< d) steps"),
        .init("dynamic_sampling", "false", "drop groups whose generations all earned the same return and collect more (DAPO)"),
        .init("networks", "actor: 64-64 tanh, Adam lr 3e-4", "actor: {hidden, activation, init, optimizer, lr, …}"),
    ]

    let generations: Int, groupsPerUpdate: Int, epochs: Int
    let gamma: Float, clipRange: Float, klCoef: Float, entropyCoef: Float, maxGradNorm: Float
    let normalizeStd: Bool, rewardToGo: Bool, linearSchedule: Bool
    let actor: PolicyNetwork
    /// The frozen initial policy the KL penalty pulls towards (only with kl_coef > 0).
    let reference: PolicyNetwork?
    let optimizer: any Optimizer
    let initialRate: Float
    let groupOptions: GroupOptions

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        generations = try m.int("generations", default: 4, in: 1...4096)
        guard context.copies % generations == 0 else {
            throw m.node.error("env.copies (\(context.copies)) must be a multiple of generations (\(generations))")
        }
        groupsPerUpdate = try m.int("groups_per_update", default: context.copies / generations, in: 1...1_000_000)
        gamma = Float(try m.double("gamma", default: 0.99, in: 0...1))
        normalizeStd = try m.bool("normalize_std", default: true)
        guard !normalizeStd || generations >= 2 else {
            throw m.node.error("normalize_std needs at least 2 generations per group")
        }
        rewardToGo = try m.choice("supervision", ["outcome", "reward_to_go"], default: "outcome") == "reward_to_go"
        epochs = try m.int("epochs", default: 1, in: 1...1000)
        clipRange = Float(try m.double("clip_range", default: 0.2, in: 0...10))
        klCoef = Float(try m.double("kl_coef", default: 0, in: 0...1000))
        entropyCoef = Float(try m.double("entropy_coef", default: 0, in: 0...1000))
        maxGradNorm = Float(try m.double("max_grad_norm", default: 0.5, in: 0...1e9))
        linearSchedule = try m.choice("lr_schedule", ["constant", "linear"], default: "constant") == "linear"
        groupOptions = try Self.readGroupOptions(m)
        let defaults = NetworkSettings(hidden: [64, 64], activation: .tanh, optimizer: OptimizerSettings(.adam, learningRate: 3e-4))
        let networks = try m.optional("networks")?.mapping()
        let settings = try networks?.optional("actor").map { node throws(RecipeError) in
            try NetworkSettings.read(node, defaults: defaults, context: context)
        } ?? defaults
        try networks?.finish()
        var random = context.initializationRandom("actor")
        actor = try PolicyNetwork(settings: settings, observationWidth: context.observationWidth,
                                  space: context.actionSpace, random: &random)
        if klCoef > 0 {
            var same = context.initializationRandom("actor")
            reference = try PolicyNetwork(settings: settings, observationWidth: context.observationWidth,
                                          space: context.actionSpace, random: &same)
        } else {
            reference = nil
        }
        optimizer = settings.optimizer.make(actor.parameters)
        initialRate = optimizer.learningRate
    }

    public var collection: CollectionPlan {
        .groups(generations: generations, groupsPerUpdate: groupsPerUpdate, options: groupOptions)
    }

    /// `branch: {every: k, depth: d}` and `dynamic_sampling`.
    static func readGroupOptions(_ m: RecipeMapping) throws(RecipeError) -> GroupOptions {
        var options = GroupOptions(dynamicSampling: try m.bool("dynamic_sampling", default: false))
        if let node = m.optional("branch") {
            let b = try node.mapping()
            options.branchEvery = try b.int("every", default: 50, in: 1...1_000_000)
            options.branchDepth = try b.int("depth", default: 400, in: 1...1_000_000)
            try b.finish()
        }
        return options
    }

    public func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        let policy = actor(observations)
        let actions = policy.actions(mode, random: &random)
        return Decision(actions: actions, logProbabilities: policy.logProbability(of: actions))
    }

    public func values(_ observations: Tensor) -> Tensor? { nil }

    public func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        if linearSchedule { optimizer.learningRate = initialRate * Float(max(0, 1 - experience.progress)) }
        let s = experience.signals
        let valid = Tensor(shape: [s.steps, s.copies], scalars: s.valid)
        let advantages: Tensor, returns: Tensor
        do {
            (advantages, returns) = try GroupRelativeAdvantage.compute(
                rewards: Tensor(shape: [s.steps, s.copies], scalars: s.rewards), valid: valid,
                generations: generations, gamma: gamma, normalizeStd: normalizeStd, rewardToGo: rewardToGo)
        } catch {
            preconditionFailure("GRPO advantage patterns: \(error)")  // shapes come from the collector
        }
        // The valid steps of every trajectory, as rows.
        let rows = Minibatches(experience: experience, advantages: advantages.scalars,
                               returns: [Float](repeating: 0, count: s.steps * s.copies))
        let batch = rows.batch(Array(0..<rows.count))
        var last = (policy: 0.0, kl: 0.0, entropy: 0.0)
        for _ in 0..<epochs {
            let policy = actor(batch.observations)
            let logProbs = policy.logProbability(of: batch.actions)
            let loss = Self.loss(logProbabilities: logProbs, behaviourLogProbabilities: batch.oldLogProbabilities,
                                 referenceLogProbabilities: reference.map { ref in
                                     withoutGradient { ref(batch.observations).logProbability(of: batch.actions) }
                                 },
                                 advantages: batch.advantages, entropy: policy.entropy(), clipped: epochs > 1,
                                 clipRange: clipRange, klCoef: klCoef, entropyCoef: entropyCoef)
            optimizer.zeroGradients()
            loss.total.backward()
            if maxGradNorm > 0 { clipGradientNorm(optimizer.parameters, maxNorm: maxGradNorm) }
            optimizer.step()
            last = (Double(loss["actor_loss"] ?? 0), Double(loss["kl"] ?? 0), Double(loss["entropy"] ?? 0))
        }
        let r = returns.scalars
        return UpdateReport([
            ("actor_loss", last.policy), ("entropy", last.entropy), ("kl", last.kl),
            ("group_return_mean", Double(r.reduce(0, +)) / Double(max(r.count, 1))),
            ("steps_in_update", Double(rows.count)), ("learning_rate", Double(optimizer.learningRate)),
        ])
    }

    /// The GRPO loss over valid steps: −mean(A·log π) (or the clipped ratio against the
    /// behaviour policy when `clipped`), β·KL to the reference (k3 estimator
    /// exp(ref − logπ) − (ref − logπ) − 1), minus the entropy bonus.
    public static func loss(logProbabilities: Tensor, behaviourLogProbabilities: Tensor,
                            referenceLogProbabilities: Tensor?, advantages: Tensor, entropy: Tensor, clipped: Bool,
                            clipRange: Float, klCoef: Float, entropyCoef: Float) -> Loss {
        let objective: Tensor
        if clipped {
            let ratio = (logProbabilities - behaviourLogProbabilities).exp()
            objective = (ratio * advantages).minimum(ratio.clamp(min: 1 - clipRange, max: 1 + clipRange) * advantages)
        } else {
            objective = advantages * logProbabilities
        }
        return Loss {
            LossTerm("actor_loss", -objective.mean())
            if let ref = referenceLogProbabilities {
                let d = ref - logProbabilities
                LossTerm("kl", (d.exp() - d - 1).mean(), weight: klCoef)
            }
            LossTerm("entropy", entropy.mean(), weight: -entropyCoef)
        }
    }

    public var modules: [(name: String, module: any Module)] { [("actor", actor)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("actor", optimizer)] }
}
