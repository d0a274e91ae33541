/// Gymnasium's vector `NormalizeReward`: rewards divided in place by the running
/// standard deviation of each copy's discounted return.
///
/// The per-copy accumulator (float32, as Gymnasium) skips the reset step after an
/// episode in `nextStep`/`disabled` modes and restarts on the ending step in `sameStep`;
/// `reset` clears it. Copies masked out of a step are left untouched.
public final class VectorNormalizeReward: VectorWrapper {
    public let gamma: Double
    public let epsilon: Double
    public var updateRunningMean = true
    public var statistics = RunningMeanStd<Double>(width: 1)
    /// Gymnasium's `accumulated_reward`.
    public package(set) var accumulatedReward: [Float]
    /// Package (not private) so a resumed run can restore it (`TrainingState`).
    package var previousDones: [Bool]

    public init(_ env: any VectorEnvironment, gamma: Double = 0.99, epsilon: Double = 1e-8) throws(EnvError) {
        guard (0...1).contains(gamma) else { throw .invalidArgument("NormalizeReward gamma must be in [0, 1], got \(gamma)") }
        guard epsilon > 0 else { throw .invalidArgument("NormalizeReward epsilon must be > 0, got \(epsilon)") }
        self.gamma = gamma
        self.epsilon = epsilon
        accumulatedReward = Array(repeating: 0, count: env.numEnvs)
        previousDones = Array(repeating: false, count: env.numEnvs)
        super.init(wrapping: env)
    }

    public override func reset(seeds: [Int?]?, options: ResetOptions, mask: [Bool]?) throws(EnvError) {
        for i in 0..<numEnvs {
            accumulatedReward[i] = 0
            previousDones[i] = false
        }
        try super.reset(seeds: seeds, options: options, mask: mask)
    }

    /// One copy's discounted-return accumulator, the per-copy layer of a snapshot.
    struct CopyState: Sendable {
        var accumulatedReward: Float
        var previousDone: Bool
    }

    public override func snapshot(copy i: Int) throws(EnvError) -> VectorCopySnapshot {
        var snapshot = try super.snapshot(copy: i)
        snapshot.layers.append(CopyState(accumulatedReward: accumulatedReward[i], previousDone: previousDones[i]))
        return snapshot
    }

    /// The restored copies take the snapshotted copy's accumulator; the running
    /// statistics are shared by all copies and stay as they are.
    public override func restore(_ snapshot: VectorCopySnapshot, into copies: [Int]) throws(EnvError) {
        let (state, inner) = try ownLayer(snapshot, as: CopyState.self)
        try super.restore(inner, into: copies)
        for i in copies {
            accumulatedReward[i] = state.accumulatedReward
            previousDones[i] = state.previousDone
        }
    }

    public override func step(mask: [Bool]?) throws(EnvError) {
        try super.step(mask: mask)
        let b = buffers
        let sameStep = autoresetMode == .sameStep
        // Batch statistics of the updated accumulators (float32 mean and variance, as
        // NumPy computes them for a float32 array).
        var active = 0
        var sum: Float = 0
        for i in 0..<numEnvs where (mask?[i] ?? true) && (sameStep || !previousDones[i]) {
            let keep = b.terminated[i] ? 0.0 : 1.0
            accumulatedReward[i] = Float(Double(accumulatedReward[i]) * gamma * keep + Double(b.rewards[i]))
            sum += accumulatedReward[i]
            active += 1
        }
        if updateRunningMean && active > 0 {
            let mean = sum / Float(active)
            var squares: Float = 0
            for i in 0..<numEnvs where (mask?[i] ?? true) && (sameStep || !previousDones[i]) {
                let d = accumulatedReward[i] - mean
                squares += d * d
            }
            var batchMean = Double(mean), batchVariance = Double(squares / Float(active))
            withUnsafePointer(to: &batchMean) { m in
                withUnsafePointer(to: &batchVariance) { v in
                    statistics.update(
                        batchMean: UnsafeBufferPointer(start: m, count: 1),
                        batchVariance: UnsafeBufferPointer(start: v, count: 1), batchCount: active)
                }
            }
        }
        let scale = (statistics.variance[0] + epsilon).squareRoot()
        for i in 0..<numEnvs where mask?[i] ?? true {
            previousDones[i] = b.terminated[i] || b.truncated[i]
            if sameStep && previousDones[i] { accumulatedReward[i] = 0 }
            b.rewards[i] = Float(Double(b.rewards[i]) / scale)
        }
    }
}
