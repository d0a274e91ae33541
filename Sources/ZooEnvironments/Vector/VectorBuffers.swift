import DSL

/// The struct-of-arrays outputs of a vector environment, preallocated once.
///
/// Copies write their observation rows, rewards and flags straight into these buffers
/// (no per-step arrays), and a learner can wrap them as tensors without copying.
/// Observations are row-major `[numEnvs, observationWidth]` in the space's scalar type:
/// `observations` for float32 spaces, `pixels` for uint8 images (bytes until a learner
/// widens them for its network). The buffers live as long as this object; their
/// contents change on every `step`/`reset`.
public final class VectorBuffers: @unchecked Sendable {
    public let numEnvs: Int
    public let observationWidth: Int
    /// Which of `observations` / `pixels` holds the rows (the other is empty).
    public let dtype: ScalarType
    /// `[numEnvs, observationWidth]` float32, row-major (empty for uint8 spaces).
    public let observations: UnsafeMutableBufferPointer<Float>
    /// `[numEnvs, observationWidth]` uint8, row-major (empty for float32 spaces).
    public let pixels: UnsafeMutableBufferPointer<UInt8>
    /// `sameStep` only, uint8 spaces: the real last observation of copies that ended this step.
    public let finalPixels: UnsafeMutableBufferPointer<UInt8>
    /// Rewards of the latest step (float32, tensor-ready; 0 on reset steps and for
    /// masked-out copies).
    public let rewards: UnsafeMutableBufferPointer<Float>
    public let terminated: UnsafeMutableBufferPointer<Bool>
    public let truncated: UnsafeMutableBufferPointer<Bool>
    /// `sameStep` only: the real last observation of copies that ended this step.
    public let finalObservations: UnsafeMutableBufferPointer<Float>
    /// `sameStep` only: which rows of `finalObservations` (and `finalInfos`) are present.
    public let hasFinal: UnsafeMutableBufferPointer<Bool>

    public init(numEnvs: Int, observationWidth: Int, dtype: ScalarType = .float32) {
        self.numEnvs = numEnvs
        self.observationWidth = observationWidth
        self.dtype = dtype
        let floats = dtype == .float32 ? numEnvs * observationWidth : 0
        let bytes = dtype == .uint8 ? numEnvs * observationWidth : 0
        observations = .allocate(capacity: floats)
        observations.initialize(repeating: 0)
        finalObservations = .allocate(capacity: floats)
        finalObservations.initialize(repeating: 0)
        pixels = .allocate(capacity: bytes)
        pixels.initialize(repeating: 0)
        finalPixels = .allocate(capacity: bytes)
        finalPixels.initialize(repeating: 0)
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
        pixels.deallocate()
        finalPixels.deallocate()
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

    /// Copy `i`'s uint8 observation row.
    @inline(__always)
    public func pixelRow(_ i: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(rebasing: pixels[i * observationWidth ..< (i + 1) * observationWidth])
    }

    /// Copy `i`'s uint8 final-observation row (`sameStep`).
    @inline(__always)
    public func finalPixelRow(_ i: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(rebasing: finalPixels[i * observationWidth ..< (i + 1) * observationWidth])
    }

    /// Writes copy `i`'s row (or final row) as float32 network input into `destination`
    /// (`observationWidth` values): a copy for float32 spaces, widened bytes for images.
    @inline(__always)
    public func widenRow(_ i: Int, final: Bool = false, into destination: UnsafeMutableBufferPointer<Float>) {
        switch dtype {
        case .float32:
            let row = final ? finalObservation(i) : observation(i)
            _ = destination.update(fromContentsOf: row)
        case .uint8:
            let row = final ? finalPixelRow(i) : pixelRow(i)
            for k in 0..<observationWidth { destination[k] = Float(row[k]) }
        }
    }

    /// Copy `i`'s row (or final row) as float values (exact for bytes): what snapshots
    /// and checkpoints store.
    public func rowValues(_ i: Int, final: Bool = false) -> [Float] {
        [Float](unsafeUninitializedCapacity: observationWidth) { values, count in
            widenRow(i, final: final, into: values)
            count = observationWidth
        }
    }

    /// Sets copy `i`'s row (or final row) from float values as `rowValues` gives them.
    public func setRow(_ i: Int, final: Bool = false, to values: [Float]) {
        switch dtype {
        case .float32:
            let row = final ? finalObservation(i) : observation(i)
            for k in 0..<observationWidth { row[k] = values[k] }
        case .uint8:
            let row = final ? finalPixelRow(i) : pixelRow(i)
            for k in 0..<observationWidth { row[k] = UInt8(narrowing: values[k]) }
        }
    }

    /// Copies copy `i`'s row into its final row (`sameStep`, before the reset overwrites it).
    @inline(__always)
    func keepFinalRow(_ i: Int) {
        switch dtype {
        case .float32: _ = finalObservation(i).update(fromContentsOf: observation(i))
        case .uint8: _ = finalPixelRow(i).update(fromContentsOf: pixelRow(i))
        }
    }

    /// Whether copy `i`'s episode ended on the latest step.
    @inline(__always)
    public func done(_ i: Int) -> Bool { terminated[i] || truncated[i] }

    /// Snapshots for tests and logging (these allocate).
    public var observationRows: [[Float]] { (0..<numEnvs).map { rowValues($0) } }
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

extension VectorBuffers {
    /// The observations of `rows` (every copy when nil) as a [rows, width] float32 tensor:
    /// where a learner's network input begins, bytes widened to floats on the way.
    public func observationTensor(rows: [Int]? = nil) -> Tensor {
        let count = rows?.count ?? numEnvs
        let scalars = [Float](unsafeUninitializedCapacity: count * observationWidth) { values, filled in
            for j in 0..<count {
                let destination = UnsafeMutableBufferPointer(rebasing: values[(j * observationWidth)..<((j + 1) * observationWidth)])
                widenRow(rows?[j] ?? j, into: destination)
            }
            filled = count * observationWidth
        }
        return Tensor(shape: [count, observationWidth], scalars: scalars)
    }
}
