import DSL

/// n-step returns (the seeds' Atari A2C):
///
///     Q_t = Σ_{k<m} γ^k·r_{t+k} + γ^m·V(next)_{t+m−1}·(1 − terminated_{t+m−1})
///
/// where m ≤ n stops early at the first step that ends the episode (inclusive) or at the
/// rollout's last step, so a return never runs into the next episode. Invalid steps get 0.
public enum NStepReturns {
    /// Returns [steps, copies].
    public static func compute(_ s: StepSignals, gamma: Float, n: Int) -> [Float] {
        PhaseProfile.measure(.advantages) { returns(s, gamma: gamma, n: n) }
    }

    private static func returns(_ s: StepSignals, gamma: Float, n: Int) -> [Float] {
        precondition(n >= 1, "n-step returns need n ≥ 1")
        var q = [Float](repeating: 0, count: s.steps * s.copies)
        for i in 0..<s.copies {
            for t in 0..<s.steps where s.valid[t * s.copies + i] != 0 {
                var total: Float = 0
                var discount: Float = 1
                for k in 0..<n {
                    let step = t + k, index = step * s.copies + i
                    total += discount * s.rewards[index]
                    if s.isDone(index) || k == n - 1 || step == s.steps - 1 {
                        total += discount * gamma * s.nextValues[index] * (1 - s.terminated[index])
                        break
                    }
                    discount *= gamma
                }
                q[t * s.copies + i] = total
            }
        }
        return q
    }
}
