/// Generalised advantage estimation (Schulman et al. 2016), each copy's sequence on its
/// own, never across an episode boundary:
///
///     δ_t = r_t + γ·V(next)_t·(1 − terminated_t) − V(o_t)
///     A_t = δ_t + γλ·(1 − done_t)·A_{t+1}
///     returns_t = A_t + V(o_t)
///
/// Truncated steps bootstrap with the final observation's value, terminated ones with 0,
/// invalid (reset-transition) steps get 0. λ = 0 is the TD error, λ = 1 Monte Carlo.
public enum GeneralizedAdvantageEstimation {
    /// Advantages and returns, both [steps, copies].
    public static func compute(_ s: StepSignals, gamma: Float, lambda: Float) -> (advantages: [Float], returns: [Float]) {
        var advantages = [Float](repeating: 0, count: s.steps * s.copies)
        var returns = advantages
        let decay = Float(Double(gamma) * Double(lambda))
        for i in 0..<s.copies {
            var next: Float = 0
            for t in stride(from: s.steps - 1, through: 0, by: -1) {
                let k = t * s.copies + i
                let notDone: Float = s.isDone(k) ? 0 : 1
                let delta = s.rewards[k] + gamma * s.nextValues[k] * (1 - s.terminated[k]) - s.values[k]
                next = (delta + decay * notDone * next) * s.valid[k]
                advantages[k] = next
                returns[k] = (next + s.values[k]) * s.valid[k]
            }
        }
        return (advantages, returns)
    }
}
