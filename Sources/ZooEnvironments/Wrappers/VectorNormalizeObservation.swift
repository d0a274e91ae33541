/// Gymnasium's vector `NormalizeObservation`: every observation row normalised in place
/// by running float32 statistics updated with the whole batch each step.
///
/// As in Gymnasium it requires `nextStep` autoreset and full resets there. Zoo also runs
/// it with autoreset disabled (grouped episodes), where partial resets are the rule:
/// then only the reset copies' rows are normalised and enter the statistics. Copies
/// masked out of a step keep their (already normalised) rows and do not enter the
/// statistics.
public final class VectorNormalizeObservation: VectorWrapper {
    public let epsilon: Double
    public var updateRunningMean = true
    public var statistics: RunningMeanStd<Float>
    private var batchMean: [Float]
    private var batchVariance: [Float]

    public init(_ env: any VectorEnvironment, epsilon: Double = 1e-8) throws(EnvError) {
        guard epsilon > 0 else { throw .invalidArgument("NormalizeObservation epsilon must be > 0, got \(epsilon)") }
        guard env.singleObservationSpace.dtype == .float32 else {
            throw .invalidArgument("normalize_observation works on float32 observations; images (\(env.singleObservationSpace)) are scaled in the network instead")
        }
        self.epsilon = epsilon
        let width = env.singleObservationSpace.count
        statistics = RunningMeanStd(width: width)
        batchMean = Array(repeating: 0, count: width)
        batchVariance = Array(repeating: 0, count: width)
        super.init(wrapping: env)
        try check(autoreset: env.autoresetMode)
    }

    public override func check(autoreset mode: AutoresetMode) throws(EnvError) {
        guard mode != .sameStep else {
            throw .invalidArgument("vector NormalizeObservation needs autoreset mode nextStep (or disabled), got \(mode)")
        }
    }

    public override var singleObservationSpace: Box {
        let n = env.singleObservationSpace.count
        return Box(unchecked: Array(repeating: -.infinity, count: n), Array(repeating: .infinity, count: n))
    }

    public override func reset(seeds: [Int?]?, options: ResetOptions, mask: [Bool]?) throws(EnvError) {
        if autoresetMode == .nextStep, let mask, mask.contains(false) {
            throw .invalidArgument("vector NormalizeObservation does not support partial resets with autoreset nextStep: the reset mask must be all true")
        }
        try super.reset(seeds: seeds, options: options, mask: mask)
        normalize(mask: mask)
    }

    public override func step(mask: [Bool]?) throws(EnvError) {
        try super.step(mask: mask)
        normalize(mask: mask)
    }

    private func normalize(mask: [Bool]?) {
        let b = buffers
        let width = b.observationWidth
        if updateRunningMean {
            // NumPy's axis-0 mean and variance: sequential float32 sums over the rows.
            var rows = 0
            for k in 0..<width { batchMean[k] = 0; batchVariance[k] = 0 }
            for i in 0..<numEnvs where mask?[i] ?? true {
                rows += 1
                for k in 0..<width { batchMean[k] += b.observations[i * width + k] }
            }
            guard rows > 0 else { return }
            for k in 0..<width { batchMean[k] /= Float(rows) }
            for i in 0..<numEnvs where mask?[i] ?? true {
                for k in 0..<width {
                    let d = b.observations[i * width + k] - batchMean[k]
                    batchVariance[k] += d * d
                }
            }
            for k in 0..<width { batchVariance[k] /= Float(rows) }
            batchMean.withUnsafeBufferPointer { m in
                batchVariance.withUnsafeBufferPointer { v in
                    statistics.update(batchMean: m, batchVariance: v, batchCount: rows)
                }
            }
        }
        let eps = Float(epsilon)
        for i in 0..<numEnvs where mask?[i] ?? true {
            for k in 0..<width {
                let x = b.observations[i * width + k]
                b.observations[i * width + k] = (x - statistics.mean[k]) / (statistics.variance[k] + eps).squareRoot()
            }
        }
    }
}
