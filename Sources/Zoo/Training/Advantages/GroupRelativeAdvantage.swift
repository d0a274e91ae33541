import DSL
import Foundation

/// How group-relative advantages are scaled after the group mean is subtracted — TRL's
/// `scale_rewards`.
public enum RewardScaling: String, Sendable, CaseIterable {
    /// Divide by the standard deviation within the group (GRPO, DeepSeekMath).
    case group
    /// Divide by the standard deviation over the whole batch (TRL's `batch`; more robust
    /// when a group's returns are nearly equal).
    case batch
    /// Do not divide ("Dr. GRPO", Liu et al. 2025: the std term biases towards
    /// groups that are too easy or too hard).
    case none
}

/// Group-relative advantages (GRPO): each generation's discounted return compared with
/// its group's — no critic. Written with named axes, as the seeds' einx code:
///
///     r = rearrange("step (group gen) -> group gen step", rewards, ["gen": k])
///     R = sum("group gen [step]", γ^step · r)
///     A = (R − mean("group [gen]", R)) / (std("group [gen]", R) + ε)      // scale: .group
///     A = (R − mean("group [gen]", R)) / (std("[group gen]", R) + ε)      // scale: .batch
///     A =  R − mean("group [gen]", R)                                      // scale: .none
///
/// Outcome supervision gives every step of generation j the advantage A_j. `rewardToGo`
/// compares each step's discounted return-to-go G_t with its siblings' at the same step
/// (the generations of the group still running at t, which started from the same state):
/// A_t = (G_t − mean_gen G_t) / (std_gen G_t + ε), 0 where fewer than two are running;
/// with `.batch` the divisor is the std of G_t over every valid step of the batch.
/// Comparing with whole-episode returns instead would penalise every late step, because
/// G_t leaves out what was earned before t. Standard deviations divide by n − 1, as
/// `torch.std` (and einx on PyTorch) do. ε is 1e-8 (TRL adds 1e-4).
public enum GroupRelativeAdvantage {
    /// Per-step advantages `[step, (group gen)]` (0 on invalid steps) and the discounted
    /// returns `[group, gen]`.
    public static func compute(rewards: Tensor, valid: Tensor, generations k: Int, gamma: Float,
                               scale: RewardScaling, rewardToGo: Bool,
                               epsilon: Float = 1e-8) throws(AxisPatternError) -> (advantages: Tensor, returns: Tensor) {
        let steps = rewards.shape[0]
        let discount = Tensor((0..<steps).map { Float(Foundation.pow(Double(gamma), Double($0))) })
        let r = try rearrange("step (group gen) -> group gen step", rewards * valid, ["gen": k])
        let returns = try sum("group gen [step]", multiply("group gen step, step -> group gen step", r, discount))
        let baseline = try mean("group [gen]", returns)
        if !rewardToGo {
            let centred = try subtract("group gen, group -> group gen", returns, baseline)
            let a: Tensor
            switch scale {
            case .group: a = try divide("group gen, group -> group gen", centred, std("group [gen]", returns) + epsilon)
            case .batch: a = centred / (try std("[group gen]", returns) + epsilon)
            case .none: a = centred
            }
            return (try multiply("group gen, step (group gen) -> step (group gen)", a, valid, ["gen": k]), returns)
        }
        let g = try rearrange("step (group gen) -> step group gen", discountedReturnToGo(rewards * valid, gamma: gamma), ["gen": k])
        let v = try rearrange("step (group gen) -> step group gen", valid, ["gen": k])
        let running = try sum("step group [gen]", v)
        let stepMean = try sum("step group [gen]", g * v) / running.maximum(Tensor(1))
        let centred = try subtract("step group gen, step group -> step group gen", g, stepMean) * v
        var a = centred
        switch scale {
        case .group:
            let variance = try sum("step group [gen]", centred.square()) / (running - 1).maximum(Tensor(1))
            a = try divide("step group gen, step group -> step group gen", centred, variance.sqrt() + epsilon)
        case .batch:
            // The std of G_t over every valid step of the batch (n − 1).
            let n = try sum("[step group gen]", v)
            let m = try sum("[step group gen]", g * v) / n.maximum(Tensor(1))
            let variance = try sum("[step group gen]", (g - m).square() * v) / (n - 1).maximum(Tensor(1))
            a = centred / (variance.sqrt() + epsilon)
        case .none:
            break
        }
        // A step compared with no sibling carries no group-relative signal.
        let compared = try multiply("step group gen, step group -> step group gen", v, running.greater(Tensor(1)))
        return (try rearrange("step group gen -> step (group gen)", a * compared), returns)
    }

    /// G_t = Σ_{t' ≥ t} γ^{t'−t} r_{t'} for every column of `[step, column]` rewards: the
    /// discounted reverse scan with γ at every step.
    static func discountedReturnToGo(_ rewards: Tensor, gamma: Float) -> Tensor {
        withoutGradient {
            rewards.discountedReverseScan(discounts: Tensor(shape: rewards.shape, scalars: Array(repeating: gamma, count: rewards.count)))
        }
    }
}
