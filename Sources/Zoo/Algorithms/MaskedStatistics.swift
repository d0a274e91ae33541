import DSL

/// Means over the valid steps of a rollout (reset transitions excluded), the reduction
/// every step-based loss uses.
public enum MaskedStatistics {
    /// Σ(x·mask) / Σmask for x and mask of one shape.
    public static func mean(_ x: Tensor, mask: Tensor) -> Tensor {
        let count = max(mask.scalars.reduce(0, +), 1)
        return (x * mask).sum() / count
    }

    /// (x − mean) / (std + 1e-8) over the valid entries (population std, as
    /// Stable-Baselines3 and CleanRL normalise advantages); invalid entries become 0.
    public static func normalized(_ x: [Float], mask: [Float]) -> [Float] {
        let count = Double(max(mask.reduce(0, +), 1))
        var mean = 0.0
        for (v, m) in zip(x, mask) where m != 0 { mean += Double(v) }
        mean /= count
        var variance = 0.0
        for (v, m) in zip(x, mask) where m != 0 { variance += (Double(v) - mean) * (Double(v) - mean) }
        let std = (variance / count).squareRoot()
        return zip(x, mask).map { v, m in m != 0 ? Float((Double(v) - mean) / (std + 1e-8)) : 0 }
    }
}
