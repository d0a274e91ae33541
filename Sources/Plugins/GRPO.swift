import DSL
import Zoo

/// Group relative policy optimisation, adapted to control (Shao et al. 2024, DeepSeekMath),
/// with the options and formulas of TRL's `GRPOConfig`.
///
/// No critic. The copies form groups of `generations` that start from one seed; when all
/// generations of a group have ended, their discounted returns R are compared within the
/// group: A = R − mean(R), divided by the group's std (`scale_rewards: group`), the batch's
/// std (`batch`) or nothing (`none`, "Dr. GRPO"). Every step of a generation gets its
/// advantage (outcome supervision), or the compared discounted return-to-go with
/// `supervision: reward_to_go`.
///
/// A generation's episode plays the part of a TRL completion and each of its steps a token.
/// The per-step loss is TRL's
///
///     r = exp(log π − log π_old)
///     ℓ = −min(r·A, clip(r, 1 − epsilon, 1 + epsilon_high)·A) + beta·k3
///     k3 = exp(log π_ref − log π) − (log π_ref − log π) − 1
///
/// where π_old is the behaviour policy with `epochs > 1` and π itself, detached, with one
/// epoch (ratio 1, the plain policy gradient). Over the `[step, traj]` batch with its
/// `valid` mask, ℓ is aggregated by `loss_type` (see ``GRPO/LossType``); the entropy bonus
/// is the mean over valid steps whatever the loss type. The reference policy starts as a
/// copy of the initial actor and, with `sync_ref_model`, is pulled towards the actor every
/// `ref_model_sync_steps` updates: ref ← α·π + (1 − α)·ref (TR-DPO, α =
/// `ref_model_mixup_alpha`).
public final class GRPO: Algorithm {
    public static let name = "grpo"
    public static let summary = "Group relative policy optimisation: grouped generations from one seed, no critic."
    /// The hyperparameters this plugin reads, each declared once (read and documented).
    enum Setting {
        static let generations = Hyperparameter.int("generations", 4, in: 1...4096, "generations per group (env.copies must be a multiple)")
        static let groupsPerUpdate = Hyperparameter.int("groups_per_update", 1, in: 1...1_000_000, "finished groups per update",
                                                         shown: "copies / generations")
        static let gamma = Hyperparameter.double("gamma", 0.99, in: 0...1, "discount of the returns")
        static let scaleRewards = Hyperparameter.choice("scale_rewards", RewardScaling.allCases.map(\.rawValue), default: "group", "R − mean_group(R) divided by the group's std, the batch's (batch) or not (none: Dr. GRPO)")
        static let supervision = Hyperparameter.choice("supervision", ["outcome", "reward_to_go"], default: "outcome", "outcome or reward_to_go")
        static let lossType = Hyperparameter.choice("loss_type", LossType.allCases.map(\.rawValue), default: "dapo", "per-step loss reduced as TRL's dapo/bnpo (per valid step), grpo or dr_grpo")
        static let epochs = Hyperparameter.int("epochs", 1, in: 1...1000, "passes per update; > 1 clips the ratio to the behaviour policy")
        static let epsilon = Hyperparameter.double("epsilon", 0.2, in: 0...1, "lower clip of the ratio: 1 − epsilon")
        static let epsilonHigh = Hyperparameter.double("epsilon_high", 0.2, in: 0...10,
                                                       "upper clip of the ratio: 1 + epsilon_high (DAPO's clip-higher)", shown: "epsilon")
        static let beta = Hyperparameter.double("beta", 0, in: 0...1000, "weight of the KL penalty (k3) to the reference policy")
        static let syncRefModel = Hyperparameter.bool("sync_ref_model", false, "update the reference policy from the actor (needs beta > 0)")
        static let refModelSyncSteps = Hyperparameter.int("ref_model_sync_steps", 512, in: 1...1_000_000_000, "updates between reference syncs")
        static let refModelMixupAlpha = Hyperparameter.double("ref_model_mixup_alpha", 0.6, in: 0...1, "α of the sync ref ← α·π + (1 − α)·ref (1: copy)")
        static let entropyCoef = Hyperparameter.double("entropy_coef", 0, in: 0...1000, "weight of the entropy bonus")
        static let maxGradNorm = Hyperparameter.double("max_grad_norm", 0.5, in: 0...1e9, "global gradient-norm clip (0: off)")
        static let lrSchedule = Hyperparameter.choice("lr_schedule", ["constant", "linear"], default: "constant", "constant or linear")
        static let dynamicSampling = Hyperparameter.bool("dynamic_sampling", false, "drop groups whose generations all earned the same return and collect more (DAPO)")
    }

    public static let hyperparameters: [HyperparameterInfo] = [
        Setting.generations.info,
        Setting.groupsPerUpdate.info,
        Setting.gamma.info,
        Setting.scaleRewards.info,
        Setting.supervision.info,
        Setting.lossType.info,
        Setting.epochs.info,
        Setting.epsilon.info,
        Setting.epsilonHigh.info,
        Setting.beta.info,
        Setting.syncRefModel.info,
        Setting.refModelSyncSteps.info,
        Setting.refModelMixupAlpha.info,
        Setting.entropyCoef.info,
        Setting.maxGradNorm.info,
        Setting.lrSchedule.info,
        .init("branch", "off", "{every: k, depth: d}: generations start from the state the group's scout reached after 0, k, 2k, … (< d) steps"),
        Setting.dynamicSampling.info,
        .init("networks", "actor: 64-64 tanh, Adam lr 3e-4", "actor: {hidden, activation, init, optimizer, lr, …}"),
    ]

    /// How the per-step loss of a batch `[step, traj]` is reduced to one number — TRL's
    /// `loss_type`, with a trajectory for a completion and a step for a token.
    public enum LossType: String, Sendable, CaseIterable {
        /// The mean over each trajectory's valid steps, then the mean over trajectories
        /// (the original GRPO: long episodes weigh each step less).
        case grpo
        /// The sum over valid steps divided by the number of valid steps in the update.
        case bnpo
        /// The sum over valid steps divided by trajectories × the batch's padded step count
        /// (the longest trajectory, TRL's `max_completion_length` analogue): a constant per
        /// batch shape, with no length bias (Dr. GRPO).
        case drGRPO = "dr_grpo"
        /// The sum over valid steps divided by the number of valid steps in the whole
        /// generation batch (DAPO). Zoo's update uses every collected step at once in one
        /// process, so this equals `bnpo`'s normaliser.
        case dapo
    }

    let generations: Int, groupsPerUpdate: Int, epochs: Int
    let gamma: Float, epsilon: Float, epsilonHigh: Float, beta: Float, entropyCoef: Float, maxGradNorm: Float
    let scaleRewards: RewardScaling, lossType: LossType
    let rewardToGo: Bool, linearSchedule: Bool
    let syncReference: Bool, referenceSyncSteps: Int, referenceMixupAlpha: Float
    let actor: PolicyNetwork
    /// The reference policy the KL penalty pulls towards (only with beta > 0): the initial
    /// actor, or its TR-DPO-style moving copy with `sync_ref_model`.
    let reference: PolicyNetwork?
    let optimizer: any Optimizer
    /// The optimiser's annealing, clipping and step.
    let optimization: OptimizerGroup
    let groupOptions: GroupOptions
    /// Updates done so far (for the reference syncs).
    private(set) var updates = 0

    public init(settings m: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        generations = try m.read(Setting.generations)
        guard context.copies % generations == 0 else {
            throw m.node.error("env.copies (\(context.copies)) must be a multiple of generations (\(generations))")
        }
        groupsPerUpdate = try m.read(Setting.groupsPerUpdate, default: context.copies / generations)
        gamma = Float(try m.read(Setting.gamma))
        let scale = try m.read(Setting.scaleRewards)
        scaleRewards = RewardScaling(rawValue: scale) ?? .group
        guard scaleRewards != .group || generations >= 2 else {
            throw m.node.error("scale_rewards: group needs at least 2 generations per group")
        }
        rewardToGo = try m.read(Setting.supervision) == "reward_to_go"
        let type = try m.read(Setting.lossType)
        lossType = LossType(rawValue: type) ?? .dapo
        epochs = try m.read(Setting.epochs)
        let low = try m.read(Setting.epsilon)
        epsilon = Float(low)
        epsilonHigh = Float(try m.read(Setting.epsilonHigh, default: low))
        beta = Float(try m.read(Setting.beta))
        syncReference = try m.read(Setting.syncRefModel)
        referenceSyncSteps = try m.read(Setting.refModelSyncSteps)
        referenceMixupAlpha = Float(try m.read(Setting.refModelMixupAlpha))
        guard !syncReference || beta > 0 else {
            throw m.node.error("sync_ref_model needs beta > 0 (without the KL penalty there is no reference policy)")
        }
        entropyCoef = Float(try m.read(Setting.entropyCoef))
        maxGradNorm = Float(try m.read(Setting.maxGradNorm))
        linearSchedule = try m.read(Setting.lrSchedule) == "linear"
        groupOptions = try Self.readGroupOptions(m)
        let defaults = NetworkSettings(hidden: [64, 64], activation: .tanh, optimizer: OptimizerSettings(.adam, learningRate: 3e-4))
        let networks = try m.optional("networks")?.mapping()
        let settings = try NetworkSettings.read("actor", in: networks, defaults: defaults, context: context)
        try networks?.finish()
        var random = context.initializationRandom("actor")
        actor = try PolicyNetwork(settings: settings, observationWidth: context.observationWidth,
                                  space: context.actionSpace, random: &random)
        if beta > 0 {
            var same = context.initializationRandom("actor")
            reference = try PolicyNetwork(settings: settings, observationWidth: context.observationWidth,
                                          space: context.actionSpace, random: &same)
        } else {
            reference = nil
        }
        optimizer = settings.optimizer.make(actor.parameters)
        optimization = OptimizerGroup([optimizer], clipping: .joint(maxNorm: maxGradNorm))
    }

    public var collection: any CollectionPlan {
        .groups(generations: generations, groupsPerUpdate: groupsPerUpdate, options: groupOptions)
    }

    /// `branch: {every: k, depth: d}` and `dynamic_sampling`.
    static func readGroupOptions(_ m: RecipeMapping) throws(RecipeError) -> GroupOptions {
        var options = GroupOptions(dynamicSampling: try m.read(Setting.dynamicSampling))
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
        if linearSchedule { optimization.anneal(progress: experience.progress) }
        let s = experience.signals
        let valid = Tensor(shape: [s.steps, s.copies], scalars: s.valid)
        let advantages: Tensor, returns: Tensor
        do {
            (advantages, returns) = try GroupRelativeAdvantage.compute(
                rewards: Tensor(shape: [s.steps, s.copies], scalars: s.rewards), valid: valid,
                generations: generations, gamma: gamma, scale: scaleRewards, rewardToGo: rewardToGo)
        } catch {
            preconditionFailure("GRPO advantage patterns: \(error)")  // shapes come from the collector
        }
        // The networks see only the valid steps, as rows; `padded` puts a per-row value back
        // in the `[step, traj]` layout (padding points at row 0 and is masked out).
        let rows = Minibatches(experience: experience, advantages: advantages.scalars,
                               returns: [Float](repeating: 0, count: s.steps * s.copies))
        let batch = rows.batch(Array(0..<rows.count))
        var position = [Float](repeating: 0, count: s.steps * s.copies), next: Float = 0
        for k in s.valid.indices where s.valid[k] != 0 {
            position[k] = next
            next += 1
        }
        let index = Tensor(shape: [s.steps * s.copies], scalars: position)
        func padded(_ perRow: Tensor) -> Tensor { perRow.gather(axis: 0, indices: index).reshaped([s.steps, s.copies]) }
        let behaviour = padded(batch.oldLogProbabilities)
        let referenceLogProbabilities = reference.map { ref in
            withoutGradient { padded(ref(batch.observations).logProbability(of: batch.actions)) }
        }
        var last = (policy: 0.0, kl: 0.0, entropy: 0.0, clipped: 0.0)
        for _ in 0..<epochs {
            let policy = actor(batch.observations)
            let logProbs = padded(policy.logProbability(of: batch.actions))
            // One epoch: π_old is π itself, detached (TRL with num_iterations = 1).
            let old = epochs > 1 ? behaviour : Tensor(shape: logProbs.shape, scalars: logProbs.scalars)
            let loss = Self.loss(logProbabilities: logProbs, oldLogProbabilities: old,
                                 referenceLogProbabilities: referenceLogProbabilities, advantages: advantages,
                                 entropy: padded(policy.entropy()), valid: valid, lossType: lossType,
                                 epsilon: epsilon, epsilonHigh: epsilonHigh, beta: beta, entropyCoef: entropyCoef)
            optimization.minimize(loss.total)
            last = (Double(loss["actor_loss"] ?? 0), Double(loss["kl"] ?? 0), Double(loss["entropy"] ?? 0),
                    Self.clipFraction(logProbabilities: logProbs, oldLogProbabilities: old, advantages: advantages,
                                      valid: valid, epsilon: epsilon, epsilonHigh: epsilonHigh))
        }
        updates += 1
        if syncReference, let reference, updates % referenceSyncSteps == 0 {
            Self.mix(into: reference, from: actor, alpha: referenceMixupAlpha)
        }
        let r = returns.scalars
        return UpdateReport([
            ("actor_loss", last.policy), ("entropy", last.entropy), ("kl", last.kl), ("clip_ratio", last.clipped),
            ("group_return_mean", Double(r.reduce(0, +)) / Double(max(r.count, 1))),
            ("steps_in_update", Double(rows.count)), ("learning_rate", Double(optimizer.learningRate)),
        ])
    }

    /// The GRPO loss of a batch in the `[step, traj]` layout (`valid` marks real steps; the
    /// other inputs may hold anything finite on padding): TRL's clipped per-step loss
    /// −min(r·A, clip(r, 1 − ε, 1 + ε_high)·A), r = exp(log π − log π_old), aggregated by
    /// `lossType` as "actor_loss"; β·k3 to the reference, aggregated the same way, as "kl"
    /// (k3 = exp(ref − log π) − (ref − log π) − 1); minus `entropyCoef` times the mean
    /// entropy over valid steps.
    public static func loss(logProbabilities: Tensor, oldLogProbabilities: Tensor, referenceLogProbabilities: Tensor?,
                            advantages: Tensor, entropy: Tensor, valid: Tensor, lossType: LossType,
                            epsilon: Float, epsilonHigh: Float, beta: Float, entropyCoef: Float) -> Loss {
        let ratio = (logProbabilities - oldLogProbabilities).exp()
        let objective = (ratio * advantages).minimum(ratio.clamp(min: 1 - epsilon, max: 1 + epsilonHigh) * advantages)
        return Loss {
            LossTerm("actor_loss", aggregate(-objective, valid: valid, lossType))
            if let ref = referenceLogProbabilities {
                let d = ref - logProbabilities
                LossTerm("kl", aggregate(d.exp() - d - 1, valid: valid, lossType), weight: beta)
            }
            LossTerm("entropy", aggregate(entropy, valid: valid, .bnpo), weight: -entropyCoef)
        }
    }

    /// A per-step quantity `[step, traj]` reduced over the valid steps as `lossType` says.
    public static func aggregate(_ perStep: Tensor, valid: Tensor, _ lossType: LossType) -> Tensor {
        do {
            let masked = perStep * valid
            switch lossType {
            case .grpo:
                let lengths = try sum("[step] traj", valid).maximum(Tensor(1))
                return try mean("[traj]", sum("[step] traj", masked) / lengths)
            case .bnpo, .dapo:
                return try sum("[step traj]", masked) / sum("[step traj]", valid).maximum(Tensor(1))
            case .drGRPO:
                return try sum("[step traj]", masked) / Float(max(valid.count, 1))
            }
        } catch {
            preconditionFailure("GRPO loss patterns: \(error)")  // rank-2 inputs by contract
        }
    }

    /// The fraction of valid steps whose ratio is clipped in the direction that stops the
    /// gradient (TRL's `clip_ratio`): r < 1 − ε with A < 0, or r > 1 + ε_high with A > 0.
    static func clipFraction(logProbabilities: Tensor, oldLogProbabilities: Tensor, advantages: Tensor,
                             valid: Tensor, epsilon: Float, epsilonHigh: Float) -> Double {
        let r = (logProbabilities - oldLogProbabilities).exp().scalars, a = advantages.scalars, v = valid.scalars
        var clipped = 0, total = 0
        for k in v.indices where v[k] != 0 {
            total += 1
            if (r[k] < 1 - epsilon && a[k] < 0) || (r[k] > 1 + epsilonHigh && a[k] > 0) { clipped += 1 }
        }
        return Double(clipped) / Double(max(total, 1))
    }

    /// ref ← α·π + (1 − α)·ref, parameter by parameter (TR-DPO's soft update; α 1 copies).
    static func mix(into reference: PolicyNetwork, from actor: PolicyNetwork, alpha: Float) {
        for (ref, p) in zip(reference.parameters, actor.parameters) {
            ref.assign((p.value * alpha + ref.value * (1 - alpha)).scalars)
        }
    }

    public var modules: [(name: String, module: any Module)] {
        [("actor", actor)] + (reference.map { [("reference", $0)] } ?? [])
    }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("actor", optimizer)] }

    public func exportState() -> SavedState {
        var state = SavedState()
        state.set("updates", updates)
        return state
    }

    public func importState(_ state: SavedState) throws(SavedStateError) {
        updates = try state.int("updates")
    }
}
