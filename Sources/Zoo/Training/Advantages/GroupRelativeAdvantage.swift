import DSL
import Foundation

/// Group-relative advantages (GRPO): each generation's discounted return compared with
/// its group's — no critic. Written with named axes, as the seeds' einx code:
///
///     r = rearrange("step (group gen) -> group gen step", rewards, ["gen": k])
///     R = sum("group gen [step]", γ^step · r)
///     A = (R − mean("group [gen]", R)) / (std("group [gen]", R) + ε)
///
/// Outcome supervision gives every step of generation j the advantage A_j; `rewardToGo`
/// uses the discounted return-to-go of each step, normalised by its group's return
/// statistics. `normalizeStd: false` is the unnormalised "Dr. GRPO" variant. The
/// standard deviation divides by n − 1, as `torch.std` (and einx on PyTorch) do.
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
        let scale = normalizeStd ? try std("group [gen]", returns) + epsilon : Tensor.ones([returns.shape[0]])
        if !rewardToGo {
            let a = try divide("group gen, group -> group gen", subtract("group gen, group -> group gen", returns, baseline), scale)
            return (try multiply("group gen, step (group gen) -> step (group gen)", a, valid, ["gen": k]), returns)
        }
        let toGo = discountedReturnToGo(rewards * valid, gamma: gamma)
        let centred = try subtract("step (group gen), group -> step (group gen)", toGo, baseline, ["gen": k])
        let a = try divide("step (group gen), group -> step (group gen)", centred, scale, ["gen": k])
        return (a * valid, returns)
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
