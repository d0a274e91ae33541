/// The struct-of-arrays outputs of a vector environment, preallocated once.
///
/// Copies write their observation rows, rewards and flags straight into these buffers
/// (no per-step arrays), and a learner can wrap them as tensors without copying.
/// `observations` is row-major `[numEnvs, observationWidth]` float32. The buffers live as
/// long as this object; their contents change on every `step`/`reset`.
public final class VectorBuffers: @unchecked Sendable {
    public let numEnvs: Int
    public let observationWidth: Int
    /// `[numEnvs, observationWidth]`, row-major.
    public let observations: UnsafeMutableBufferPointer<Float>
    /// Rewards of the latest step (float32, tensor-ready; 0 on reset steps and for
    /// masked-out copies).
    public let rewards: UnsafeMutableBufferPointer<Float>
    public let terminated: UnsafeMutableBufferPointer<Bool>
    public let truncated: UnsafeMutableBufferPointer<Bool>
    /// `sameStep` only: the real last observation of copies that ended this step.
    public let finalObservations: UnsafeMutableBufferPointer<Float>
    /// `sameStep` only: which rows of `finalObservations` (and `finalInfos`) are present.
    public let hasFinal: UnsafeMutableBufferPointer<Bool>

    public init(numEnvs: Int, observationWidth: Int) {
        self.numEnvs = numEnvs
        self.observationWidth = observationWidth
        observations = .allocate(capacity: numEnvs * observationWidth)
        observations.initialize(repeating: 0)
        finalObservations = .allocate(capacity: numEnvs * observationWidth)
        finalObservations.initialize(repeating: 0)
        rewards = .allocate(capacity: numEnvs)
        rewards.initialize(repeating: 0)
        terminated = .allocate(capacity: numEnvs)
        terminated.initialize(repeating: false)
        truncated = .allocate(capacity: numEnvs)
        truncated.initialize(repeating: false)
        hasFinal = .allocate(capacity: numEnvs)
        hasFinal.initialize(repeating: false)
    }

    deinit {
        observations.deallocate()
        finalObservations.deallocate()
        rewards.deallocate()
        terminated.deallocate()
        truncated.deallocate()
        hasFinal.deallocate()
    }

    /// Copy `i`'s observation row.
    @inline(__always)
    public func observation(_ i: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: observations[i * observationWidth ..< (i + 1) * observationWidth])
    }

    /// Copy `i`'s final-observation row (`sameStep`).
    @inline(__always)
    public func finalObservation(_ i: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: finalObservations[i * observationWidth ..< (i + 1) * observationWidth])
    }

    /// Whether copy `i`'s episode ended on the latest step.
    @inline(__always)
    public func done(_ i: Int) -> Bool { terminated[i] || truncated[i] }

    /// Snapshots for tests and logging (these allocate).
    public var observationRows: [[Float]] { (0..<numEnvs).map { Array(observation($0)) } }
    public var rewardArray: [Float] { Array(rewards) }
    public var terminatedArray: [Bool] { Array(terminated) }
    public var truncatedArray: [Bool] { Array(truncated) }
}

/// The actions a learner writes before each vector `step`: `[numEnvs, width]` row-major,
/// integers for discrete and multi-discrete spaces, float32 for boxes.
public final class ActionBuffer: @unchecked Sendable {
    public let numEnvs: Int
    public let width: Int
    public let space: ActionSpace
    /// Used when `space` is discrete or multi-discrete (empty otherwise).
    public let integers: UnsafeMutableBufferPointer<Int32>
    /// Used when `space` is a box (empty otherwise).
    public let floats: UnsafeMutableBufferPointer<Float>

    public init(numEnvs: Int, space: ActionSpace) {
        self.numEnvs = numEnvs
        self.space = space
        width = space.actionWidth
        let n = numEnvs * width
        integers = .allocate(capacity: space.isInteger ? n : 0)
        integers.initialize(repeating: 0)
        floats = .allocate(capacity: space.isInteger ? 0 : n)
        floats.initialize(repeating: 0)
    }

    deinit {
        integers.deallocate()
        floats.deallocate()
    }

    /// Copy `i`'s action as a borrowed view.
    @inline(__always)
    public func view(_ i: Int) -> ActionView {
        switch space {
        case .discrete: return .discrete(Int(integers[i]))
        case .box: return .continuous(UnsafeBufferPointer(rebasing: floats[i * width ..< (i + 1) * width]))
        case .multiDiscrete: return .multiDiscrete(UnsafeBufferPointer(rebasing: integers[i * width ..< (i + 1) * width]))
        }
    }

    /// Fills the buffer from integer actions (discrete: one per copy).
    public func set(_ actions: [Int]) throws(EnvError) {
        guard space.isInteger else { throw .invalidArgument("this environment takes continuous actions, got integers") }
        guard actions.count == integers.count else { throw .actionsBufferSize(expected: integers.count, got: actions.count) }
        for k in 0..<actions.count { integers[k] = Int32(clamping: actions[k]) }
    }

    /// Fills the buffer from float actions, row-major `[numEnvs, width]`.
    public func set(_ actions: [Float]) throws(EnvError) {
        guard !space.isInteger else { throw .invalidArgument("this environment takes integer actions, got floats") }
        guard actions.count == floats.count else { throw .actionsBufferSize(expected: floats.count, got: actions.count) }
        for k in 0..<actions.count { floats[k] = actions[k] }
    }

    /// Checks every action against the space before any copy is stepped, so a bad action
    /// leaves all copies untouched. Copies masked out, or flagged in `ignoring` (those
    /// whose action is ignored because they are reset instead), are not checked.
    func validate(mask: UnsafeBufferPointer<Bool>?, ignoring: UnsafePointer<Bool>? = nil) throws(EnvError) {
        for i in 0..<numEnvs where (mask.map({ $0[i] }) ?? true) && !(ignoring.map({ $0[i] }) ?? false) {
            switch space {
            case let .discrete(d):
                if !d.contains(Int(integers[i])) {
                    throw .actionOutOfSpace(action: "\(integers[i]) (copy \(i))", space: d.description)
                }
            case let .multiDiscrete(m):
                for k in 0..<width {
                    let a = Int(integers[i * width + k])
                    if a < m.start[k] || a >= m.start[k] + m.nvec[k] {
                        throw .actionOutOfSpace(action: "\(Array(integers[i * width ..< (i + 1) * width])) (copy \(i))", space: m.description)
                    }
                }
            case let .box(b):
                for k in 0..<width where !floats[i * width + k].isFinite {
                    throw .actionOutOfSpace(action: "\(Array(floats[i * width ..< (i + 1) * width])) (copy \(i))", space: b.description)
                }
            }
        }
    }
}
