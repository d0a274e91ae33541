import DSL
import Foundation

/// Group-relative advantages (GRPO): each generation's discounted return compared with
/// its group's — no critic. Written with named axes, as the seeds' einx code:
///
///     r = rearrange("step (group gen) -> group gen step", rewards, ["gen": k])
///     R = sum("group gen [step]", γ^step · r)
///     A = (R − mean("group [gen]", R)) / (std("group [gen]", R) + ε)
///
/// Outcome supervision gives every step of generation j the advantage A_j. `rewardToGo`
/// compares each step's discounted return-to-go G_t with its siblings' at the same step
/// (the generations of the group still running at t, which started from the same state):
/// A_t = (G_t − mean_gen G_t) / (std_gen G_t + ε), 0 where fewer than two are running.
/// Comparing with whole-episode returns instead would penalise every late step, because
/// G_t leaves out what was earned before t. `normalizeStd: false` is the unnormalised
/// "Dr. GRPO" variant. Standard deviations divide by n − 1, as `torch.std` (and einx on
/// PyTorch) do.
public enum GroupRelativeAdvantage {
    /// Per-step advantages `[step, (group gen)]` (0 on invalid steps) and the discounted
    /// returns `[group, gen]`.
    public static func compute(rewards: Tensor, valid: Tensor, generations k: Int, gamma: Float,
                               normalizeStd: Bool, rewardToGo: Bool,
                               epsilon: Float = 1e-8) throws(AxisPatternError) -> (advantages: Tensor, returns: Tensor) {
        let steps = rewards.shape[0]
        let discount = Tensor((0..<steps).map { Float(Foundation.pow(Double(gamma), Double($0))) })
        let r = try rearrange("step (group gen) -> group gen step", rewards * valid, ["gen": k])
        let returns = try sum("group gen [step]", multiply("group gen step, step -> group gen step", r, discount))
        let baseline = try mean("group [gen]", returns)
        if !rewardToGo {
            let scale = normalizeStd ? try std("group [gen]", returns) + epsilon : Tensor.ones([returns.shape[0]])
            let a = try divide("group gen, group -> group gen", subtract("group gen, group -> group gen", returns, baseline), scale)
            return (try multiply("group gen, step (group gen) -> step (group gen)", a, valid, ["gen": k]), returns)
        }
        let g = try rearrange("step (group gen) -> step group gen", discountedReturnToGo(rewards * valid, gamma: gamma), ["gen": k])
        let v = try rearrange("step (group gen) -> step group gen", valid, ["gen": k])
        let running = try sum("step group [gen]", v)
        let stepMean = try sum("step group [gen]", g * v) / running.maximum(Tensor(1))
        let centred = try subtract("step group gen, step group -> step group gen", g, stepMean) * v
        var a = centred
        if normalizeStd {
            let variance = try sum("step group [gen]", centred.square()) / (running - 1).maximum(Tensor(1))
            a = try divide("step group gen, step group -> step group gen", centred, variance.sqrt() + epsilon)
        }
        // A step compared with no sibling carries no group-relative signal.
        let compared = try multiply("step group gen, step group -> step group gen", v, running.greater(Tensor(1)))
        return (try rearrange("step group gen -> step (group gen)", a * compared), returns)
    }

    /// G_t = Σ_{t' ≥ t} γ^{t'−t} r_{t'} for every column of `[step, column]` rewards.
    static func discountedReturnToGo(_ rewards: Tensor, gamma: Float) -> Tensor {
        let steps = rewards.shape[0], columns = rewards.shape[1]
        let r = rewards.scalars
        var g = [Float](repeating: 0, count: r.count)
        for c in 0..<columns {
            var running: Float = 0
            for t in stride(from: steps - 1, through: 0, by: -1) {
                running = r[t * columns + c] + gamma * running
                g[t * columns + c] = running
            }
        }
        return Tensor(shape: [steps, columns], scalars: g)
    }
}
