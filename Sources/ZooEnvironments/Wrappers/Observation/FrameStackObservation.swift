import ZooSupport

/// Gymnasium's `FrameStackObservation` (padding `"reset"`): the last `depth` observations,
/// oldest first, `[depth] + shape`; on reset every slot holds the first observation.
///
/// Why: one frame shows where things are, not where they go; a stack of 4 is the
/// Nature-DQN input. The frames are kept in a ring, so a step writes the new frame once
/// and the stack once — nothing is shifted.
public struct FrameStackObservation<Base: Environment>: ObservationWrapper {
    public typealias ObservationScalar = Base.ObservationScalar
    public var base: Base
    public var scratch: [Base.ObservationScalar]
    public let depth: Int
    public let observationSpace: Box
    /// `depth` frames; slot `newest` holds the latest one.
    var frames: [Base.ObservationScalar]
    var newest = 0

    public init(_ base: Base, depth: Int) throws(EnvError) {
        guard depth >= 1 else { throw .invalidArgument("frame_stack needs a depth ≥ 1, got \(depth)") }
        let space = base.observationSpace
        self.base = base
        self.depth = depth
        scratch = Array(repeating: 0, count: space.count)
        frames = Array(repeating: 0, count: depth * space.count)
        observationSpace = try Box(low: Array(repeating: space.low, count: depth).flatMap { $0 },
                                   high: Array(repeating: space.high, count: depth).flatMap { $0 },
                                   shape: [depth] + space.shape, dtype: space.dtype)
    }

    public mutating func transform(_ raw: UnsafeBufferPointer<Base.ObservationScalar>, isReset: Bool,
                                   into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>) {
        let size = raw.count, depth = depth
        newest = isReset ? 0 : (newest + 1) % depth
        let newest = newest
        frames.withUnsafeMutableBufferPointer { ring in
            func slot(_ k: Int) -> UnsafeMutableBufferPointer<Base.ObservationScalar> {
                UnsafeMutableBufferPointer(rebasing: ring[(k * size)..<((k + 1) * size)])
            }
            for k in (isReset ? 0..<depth : newest..<(newest + 1)) { _ = slot(k).update(fromContentsOf: raw) }
            // Oldest first: the slot after the newest, around the ring.
            for k in 0..<depth {
                let target = UnsafeMutableBufferPointer(rebasing: observation[(k * size)..<((k + 1) * size)])
                _ = target.update(fromContentsOf: slot((newest + 1 + k) % depth))
            }
        }
    }

    public mutating func unshareTransformState() { frames = frames.unsharedCopy() }

    public var snapshotConfiguration: String { "FrameStackObservation(\(depth)) ∘ \(base.snapshotConfiguration)" }
}

extension FrameStackObservation: RenderableEnvironment where Base: RenderableEnvironment {
    public func render() -> RGBFrame { base.render() }
}
