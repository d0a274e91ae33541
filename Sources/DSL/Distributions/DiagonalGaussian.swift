import Foundation

/// A batch of Gaussian distributions with independent action dimensions (the policy head
/// of a continuous-action agent): a mean per row and a log standard deviation that is
/// usually one learned vector shared by all rows.
///
/// Log-probabilities and entropies are summed over action dimensions. Actions are not
/// clipped here: clip them when stepping the environment, never in the log-probability.
public struct DiagonalGaussian {
    /// Means, [batch, dims].
    public let mean: Tensor
    /// Log standard deviations, [dims] or [batch, dims].
    public let logStd: Tensor

    public init(mean: Tensor, logStd: Tensor) {
        precondition(mean.rank == 2, "DiagonalGaussian needs a mean of shape [batch, dims], got \(mean.shape)")
        precondition(Shape.broadcast(mean.shape, logStd.shape) == mean.shape,
                     "log-std \(logStd.shape) does not broadcast to the mean \(mean.shape)")
        self.mean = mean
        self.logStd = logStd
    }

    private static let halfLogTwoPi = Float(0.5 * Foundation.log(2 * Double.pi))

    /// Σ_d log N(x_d; μ_d, σ_d), shape [batch].
    public func logProbability(of actions: Tensor) -> Tensor {
        let z = (actions - mean) / logStd.exp()
        return (-0.5 * z.square() - logStd - Self.halfLogTwoPi).sum(axes: [1])
    }

    /// Σ_d (½ + ½ log 2π + log σ_d), shape [batch].
    public func entropy() -> Tensor {
        let perDimension = (logStd + (0.5 + Self.halfLogTwoPi)).broadcast(to: mean.shape)
        return perDimension.sum(axes: [1])
    }

    /// μ + σ·ε with ε standard normal from `random`, [batch, dims].
    public func sample(using random: inout SeededRandom) -> Tensor {
        let noise = (0..<mean.count).map { _ in Float(random.nextNormal()) }
        return withoutGradient {
            mean.detached + logStd.detached.exp() * Tensor(shape: mean.shape, scalars: noise)
        }
    }

    /// The mean (the deterministic action).
    public func mode() -> Tensor { mean.detached }
}
