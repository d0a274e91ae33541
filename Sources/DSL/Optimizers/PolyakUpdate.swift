/// Moves a target network toward its online network, in place on the target's parameter
/// storage: θ_target ← (1 − τ)·θ_target + τ·θ_source.
///
/// Off-policy algorithms (DQN, SAC, TD3) compute their bootstrap targets with a slowly
/// trailing copy of a network, so that the regression target does not move with every
/// gradient step. τ = 1 copies the source exactly (DQN's periodic hard update); small τ
/// (SAC's 0.005) is a soft update every step.
///
/// Each element is computed in `Float` in the order `target.mul_(1 - tau)` then
/// `target.add_(tau * source)`: the scaled target and τ·θ are each rounded before the sum.
/// (SB3's own `polyak_update` calls `th.add(target, source, alpha=tau)`, which PyTorch's
/// vectorised CPU kernel computes with a fused multiply-add: about 1% of its elements differ
/// from this order by one ulp.)
/// Both modules must list the same parameter names with the same shapes, in the same order
/// (copies of one architecture). No gradient is recorded or cleared.
public func polyakUpdate(target: any Module, source: any Module, tau: Float) {
    precondition(tau >= 0 && tau <= 1, "polyakUpdate needs 0 ≤ τ ≤ 1, got \(tau)")
    let targets = target.namedParameters, sources = source.namedParameters
    precondition(targets.map(\.name) == sources.map(\.name),
                 "polyakUpdate needs the same parameter names: \(targets.map(\.name)) vs \(sources.map(\.name))")
    let keep = 1 - tau
    for (t, s) in zip(targets, sources) {
        precondition(t.parameter.shape == s.parameter.shape,
                     "parameter '\(t.name)' has shape \(t.parameter.shape) in the target, \(s.parameter.shape) in the source")
        let dst = t.parameter.value.storage.pointer, src = s.parameter.value.storage.pointer
        let n = t.parameter.value.count
        if tau == 1 {
            dst.update(from: src, count: n)
        } else {
            for i in 0..<n {
                let scaled = dst[i] * keep
                dst[i] = scaled + tau * src[i]
            }
        }
    }
}
