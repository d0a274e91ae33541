/// Gaussian noise on the actions of a deterministic policy (TD3, DDPG), which has no
/// distribution to sample from and so explores, and smooths its critic targets, by noise.
///
/// With `noiseClip` nil it is exploration noise: a + N(0, σ²), clamped to the action bounds
/// (Stable-Baselines3's `NormalActionNoise` followed by the clip to [−1, 1] in
/// `_sample_action`). With a `noiseClip` c it is TD3's target policy smoothing: the noise is
/// clamped to ±c before it is added, then the sum to the bounds.
public struct GaussianActionNoise: Sendable {
    /// σ of the noise.
    public let standardDeviation: Float
    /// The noise's bound, or nil for unclipped noise.
    public let noiseClip: Float?

    public init(standardDeviation: Float, noiseClip: Float? = nil) {
        precondition(standardDeviation >= 0, "the noise's standard deviation must be ≥ 0, got \(standardDeviation)")
        precondition(noiseClip.map { $0 >= 0 } ?? true, "the noise clip must be ≥ 0, got \(noiseClip ?? 0)")
        self.standardDeviation = standardDeviation
        self.noiseClip = noiseClip
    }

    /// `actions` plus σ·ε (clamped to ±`noiseClip`), clamped to [low, high], with ε standard
    /// normal drawn from `random`, one draw per element in row-major order. The result
    /// carries no gradient.
    public func perturb(_ actions: Tensor, using random: inout SeededRandom, low: Float = -1, high: Float = 1) -> Tensor {
        precondition(low <= high, "action bounds [\(low), \(high)] are empty")
        let clip = noiseClip ?? .infinity
        let a = actions.storage.pointer
        let perturbed = (0..<actions.count).map { i in
            let noise = Swift.min(Swift.max(Float(random.nextNormal()) * standardDeviation, -clip), clip)
            return Swift.min(Swift.max(a[i] + noise, low), high)
        }
        return Tensor(shape: actions.shape, scalars: perturbed)
    }
}
