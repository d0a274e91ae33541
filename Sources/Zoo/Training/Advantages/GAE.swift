import DSL

/// Generalised advantage estimation (Schulman et al. 2016), each copy's sequence on its
/// own, never across an episode boundary:
///
///     δ_t = r_t + γ·V(next)_t·(1 − terminated_t) − V(o_t)
///     A_t = δ_t + γλ·(1 − done_t)·A_{t+1}
///     returns_t = A_t + V(o_t)
///
/// Truncated steps bootstrap with the final observation's value, terminated ones with 0,
/// invalid (reset-transition) steps get 0. λ = 0 is the TD error, λ = 1 Monte Carlo.
///
/// Written as DSL expressions over [steps, copies] tensors around one discounted reverse
/// scan (bit-identical to the per-copy loop it replaced).
public enum GeneralizedAdvantageEstimation {
    /// Advantages and returns, both [steps, copies].
    public static func compute(_ s: StepSignals, gamma: Float, lambda: Float) -> (advantages: [Float], returns: [Float]) {
        let (advantages, returns) = PhaseProfile.measure(.advantages) { withoutGradient { tensors(s, gamma: gamma, lambda: lambda) } }
        return (advantages.scalars, returns.scalars)
    }

    /// Advantages and returns as [steps, copies] tensors.
    public static func tensors(_ s: StepSignals, gamma: Float, lambda: Float) -> (advantages: Tensor, returns: Tensor) {
        let t = { (v: [Float]) in Tensor(shape: [s.steps, s.copies], scalars: v) }
        let valid = t(s.valid), terminated = t(s.terminated), values = t(s.values)
        let notDone = (1 - terminated) * (1 - t(s.truncated))
        let decay = Float(Double(gamma) * Double(lambda))
        let delta = t(s.rewards) + gamma * t(s.nextValues) * (1 - terminated) - values
        let advantages = (delta * valid).discountedReverseScan(discounts: decay * notDone * valid)
        return (advantages, (advantages + values) * valid)
    }
}
