import DSL

/// Gymnasium's `NormalizeObservation`: observations shifted and scaled by running
/// statistics, `(obs − mean) / sqrt(var + ε)`, in float32 as Gymnasium computes them.
///
/// Evaluation needs the training statistics frozen: set `updateRunningMean = false`, and
/// save / restore `statistics` (it is `Codable`).
public struct NormalizeObservation<Base: Environment>: EnvironmentWrapper where Base.ObservationScalar == Float {
    public var base: Base
    public let epsilon: Double
    /// Whether new observations update the statistics (Gymnasium's `update_running_mean`).
    public var updateRunningMean = true
    /// The running statistics (Gymnasium's `obs_rms`).
    public var statistics: RunningMeanStd<Float>

    public init(_ base: Base, epsilon: Double = 1e-8) throws(EnvError) {
        guard epsilon > 0 else { throw .invalidArgument("NormalizeObservation epsilon must be > 0, got \(epsilon)") }
        self.base = base
        self.epsilon = epsilon
        statistics = RunningMeanStd(width: base.observationSpace.count)
    }

    public var observationSpace: Box {
        Box(unchecked: Array(repeating: -.infinity, count: base.observationSpace.count),
            Array(repeating: .infinity, count: base.observationSpace.count))
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        let info = try base.reset(seed: seed, options: options, into: observation)
        normalize(observation)
        return info
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        let outcome = try base.step(action, into: observation)
        normalize(observation)
        return outcome
    }

    private mutating func normalize(_ row: UnsafeMutableBufferPointer<Float>) {
        if updateRunningMean { statistics.update(sample: UnsafeBufferPointer(row)) }
        let eps = Float(epsilon)
        for k in 0..<row.count {
            row[k] = (row[k] - statistics.mean[k]) / (statistics.variance[k] + eps).squareRoot()
        }
    }
}
