/// Gymnasium's `GrayscaleObservation`: RGB images (`[height, width, 3]` uint8) to grey
/// levels, `[height, width]` (or `[height, width, 1]` with `keepDim`).
///
/// Why: Atari agents and small pixel agents learn from grey frames, a third of the
/// bytes. The weights are Gymnasium's by default; `.opencv` gives OpenCV's
/// `COLOR_RGB2GRAY`, which Stable-Baselines3's `WarpFrame` uses.
public struct GreyscaleObservation<Base: Environment>: ObservationWrapper where Base.ObservationScalar == UInt8 {
    public typealias ObservationScalar = UInt8
    public var base: Base
    public var scratch: [UInt8]
    public let weights: GreyscaleWeights
    public let keepDim: Bool
    public let observationSpace: Box

    public init(_ base: Base, weights: GreyscaleWeights = .gymnasium, keepDim: Bool = false) throws(EnvError) {
        let space = base.observationSpace
        guard space.isImage, space.shape.count == 3, space.shape[2] == 3 else {
            throw .invalidArgument("grey-scale needs RGB images [height, width, 3] of uint8, got \(space)")
        }
        self.base = base
        self.weights = weights
        self.keepDim = keepDim
        scratch = Array(repeating: 0, count: space.count)
        let (h, w) = (space.shape[0], space.shape[1])
        observationSpace = try Box.pixels(keepDim ? [h, w, 1] : [h, w])
    }

    public func transform(_ raw: UnsafeBufferPointer<UInt8>, isReset: Bool, into observation: UnsafeMutableBufferPointer<UInt8>) {
        weights.apply(raw, into: observation)
    }

    public var snapshotConfiguration: String {
        "GrayscaleObservation(\(weights), keep_dim: \(keepDim)) ∘ \(base.snapshotConfiguration)"
    }
}

extension GreyscaleObservation: RenderableEnvironment where Base: RenderableEnvironment {
    public func render() -> RGBFrame { base.render() }
}
