import Foundation

/// A batch of tanh-squashed diagonal Gaussians: the policy head of SAC, whose actions lie
/// in (−1, 1) (Stable-Baselines3's `SquashedDiagGaussianDistribution`).
///
/// An action is a = tanh(u) with u ~ N(μ, σ²) per dimension. Its log-density carries the
/// change of variables, log π(a) = Σ_d log N(u_d; μ_d, σ_d) − Σ_d log(1 − a_d² + 10⁻⁶),
/// where SB3's 10⁻⁶ keeps the logarithm finite when tanh saturates. There is no closed-form
/// entropy: SAC estimates it as −log π of a reparameterised sample, which
/// `sampleWithLogProbability` gives together with the action.
public struct SquashedGaussian {
    /// Means of the Gaussian before squashing, [batch, dims].
    public let mean: Tensor
    /// Log standard deviations before squashing, [dims] or [batch, dims].
    public let logStd: Tensor
    /// The distribution of u, before tanh.
    private let gaussian: DiagonalGaussian

    /// SB3's ε inside log(1 − a² + ε).
    private static let squashEpsilon: Float = 1e-6

    public init(mean: Tensor, logStd: Tensor) {
        gaussian = DiagonalGaussian(mean: mean, logStd: logStd)
        self.mean = mean
        self.logStd = logStd
    }

    /// A reparameterised sample, a = tanh(μ + σ·ε) [batch, dims], and its log π(a) [batch],
    /// with ε standard normal drawn from `random` (one draw per element in row-major order,
    /// as `DiagonalGaussian.sample` draws). Gradients flow through both results to `mean`
    /// and `logStd`: this is the SAC actor loss's reparameterisation trick.
    public func sampleWithLogProbability(using random: inout SeededRandom) -> (actions: Tensor, logProbability: Tensor) {
        let noise = (0..<mean.count).map { _ in Float(random.nextNormal()) }
        return sampleWithLogProbability(noise: Tensor(shape: mean.shape, scalars: noise))
    }

    /// `sampleWithLogProbability(using:)` for a given standard-normal `noise`, [batch, dims].
    public func sampleWithLogProbability(noise: Tensor) -> (actions: Tensor, logProbability: Tensor) {
        precondition(noise.shape == mean.shape, "noise \(noise.shape) must have the mean's shape \(mean.shape)")
        let u = mean + logStd.exp() * noise
        let actions = u.tanh()
        return (actions, logProbability(of: actions, preimage: u))
    }

    /// log π(a) of squashed `actions` in (−1, 1), [batch]. The actions are data (no
    /// gradient reaches them); u is recovered as SB3's `TanhBijector.inverse` does, by an
    /// atanh of the actions clamped to ±(1 − float32 ε) so that ±1 stays finite.
    public func logProbability(of actions: Tensor) -> Tensor {
        let a = actions.detached
        let limit = 1 - Float.ulpOfOne
        let u = Kernels.map(a.storage) { x in
            let clamped = Swift.min(Swift.max(x, -limit), limit)
            return 0.5 * (Foundation.log1p(clamped) - Foundation.log1p(-clamped))
        }
        return logProbability(of: a, preimage: Tensor(shape: a.shape, sharing: u))
    }

    /// Σ_d log N(u_d) − Σ_d log(1 − a_d² + ε), in SB3's order.
    private func logProbability(of actions: Tensor, preimage u: Tensor) -> Tensor {
        let correction = (1 - actions.square() + Self.squashEpsilon).log().sum(axes: [1])
        return gaussian.logProbability(of: u) - correction
    }

    /// tanh of a Gaussian sample drawn as `DiagonalGaussian.sample` draws it, with no gradient.
    public func sample(using random: inout SeededRandom) -> Tensor {
        gaussian.sample(using: &random).tanh()
    }

    /// tanh(μ), the deterministic action, with no gradient.
    public func mode() -> Tensor { mean.detached.tanh() }
}

extension SquashedGaussian: ActionDistribution {
    /// Always nil: a squashed Gaussian's entropy has no closed form.
    public func closedFormEntropy() -> Tensor? { nil }
}
