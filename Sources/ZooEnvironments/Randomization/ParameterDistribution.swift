import DSL

/// How one environment parameter is drawn for domain randomisation (a recipe's
/// `normal` with optional clip, `uniform`, or `choice`).
public enum ParameterDistribution: Sendable, Equatable {
    /// A normal draw, clipped to `clip` when given.
    case normal(mean: Double, std: Double, clip: ClosedRange<Double>? = nil)
    /// A uniform draw in `[low, high)`.
    case uniform(low: Double, high: Double)
    /// One of the values, each equally likely.
    case choice([ParameterValue])

    /// Checks the distribution's own parameters.
    public func validate(name: String) throws(EnvError) {
        switch self {
        case let .normal(mean, std, clip):
            guard mean.isFinite, std.isFinite, std >= 0 else {
                throw .invalidArgument("randomisation of '\(name)': normal needs a finite mean and std ≥ 0, got mean \(mean), std \(std)")
            }
            if let clip, !(clip.lowerBound.isFinite && clip.upperBound.isFinite) {
                throw .invalidArgument("randomisation of '\(name)': clip bounds must be finite, got \(clip)")
            }
        case let .uniform(low, high):
            guard low.isFinite, high.isFinite, low <= high else {
                throw .invalidArgument("randomisation of '\(name)': uniform needs finite low ≤ high, got \(low), \(high)")
            }
        case let .choice(values):
            guard !values.isEmpty else { throw .invalidArgument("randomisation of '\(name)': choice needs at least one value") }
        }
    }

    /// One draw from `random`.
    public func sample(using random: inout SeededRandom) -> ParameterValue {
        switch self {
        case let .normal(mean, std, clip):
            var x = random.nextNormal(mean: mean, std: std)
            if let clip { x = min(max(x, clip.lowerBound), clip.upperBound) }
            return .double(x)
        case let .uniform(low, high):
            return .double(random.uniform(low, high))
        case let .choice(values):
            return values[random.nextInt(below: values.count)]
        }
    }
}
