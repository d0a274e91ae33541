import ZooSupport

/// Gymnasium's `RunningMeanStd`: a running mean and variance merged batch by batch with
/// the parallel (Chan et al.) update, starting from mean 0, variance 1, count 1e-4.
///
/// Generic over the storage precision because Gymnasium keeps observation statistics in
/// float32 and reward statistics in float64; the count is always a `Double`. `Codable`
/// so statistics can be saved with a checkpoint and restored for evaluation.
public struct RunningMeanStd<Scalar: BinaryFloatingPoint & Codable & Sendable>: Codable, Sendable, Equatable {
    public var mean: [Scalar]
    public var variance: [Scalar]
    public var count: Double

    public init(width: Int, epsilon: Double = 1e-4) {
        mean = Array(repeating: 0, count: width)
        variance = Array(repeating: 1, count: width)
        count = epsilon
    }

    public var width: Int { mean.count }

    /// The same statistics in storage of their own (for snapshots: neither copy then
    /// copies on its next update).
    func unsharedCopy() -> RunningMeanStd {
        var copy = self
        copy.mean = mean.unsharedCopy()
        copy.variance = variance.unsharedCopy()
        return copy
    }

    /// Merges a batch given by its per-entry mean, variance and size.
    public mutating func update(batchMean: UnsafeBufferPointer<Scalar>, batchVariance: UnsafeBufferPointer<Scalar>, batchCount: Int) {
        let total = count + Double(batchCount)
        let n = Scalar(Double(batchCount)), c = Scalar(count), tot = Scalar(total)
        for k in 0..<mean.count {
            let delta = batchMean[k] - mean[k]
            let m2 = variance[k] * c + batchVariance[k] * n + delta * delta * c * n / tot
            mean[k] = mean[k] + delta * n / tot
            variance[k] = m2 / tot
        }
        count = total
    }

    /// Merges one sample (a batch of one: its own mean, variance 0).
    public mutating func update(sample: UnsafeBufferPointer<Scalar>) {
        let total = count + 1
        let c = Scalar(count), tot = Scalar(total)
        for k in 0..<mean.count {
            let delta = sample[k] - mean[k]
            let m2 = variance[k] * c + delta * delta * c / tot
            mean[k] = mean[k] + delta / tot
            variance[k] = m2 / tot
        }
        count = total
    }
}
