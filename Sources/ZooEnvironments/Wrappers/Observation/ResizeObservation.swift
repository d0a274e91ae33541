/// Gymnasium's `ResizeObservation`: images resized to `[height, width]` (channels kept)
/// with OpenCV's area interpolation, as Gymnasium and Stable-Baselines3 resize Atari
/// frames to 84 × 84.
public struct ResizeObservation<Base: Environment>: ObservationWrapper where Base.ObservationScalar == UInt8 {
    public typealias ObservationScalar = UInt8
    public var base: Base
    public var scratch: [UInt8]
    public let resize: AreaResize
    public let observationSpace: Box

    /// Resizes `[h, w]` or `[h, w, c]` images (c ≤ 4) to `height × width`.
    public init(_ base: Base, height: Int, width: Int) throws(EnvError) {
        let space = base.observationSpace
        guard space.isImage, space.shape.count == 2 || space.shape[2] <= 4 else {
            throw .invalidArgument("resize needs images [height, width] or [height, width, channels ≤ 4] of uint8, got \(space)")
        }
        let channels = space.shape.count == 3 ? space.shape[2] : 1
        self.base = base
        resize = try AreaResize(sourceHeight: space.shape[0], sourceWidth: space.shape[1], channels: channels,
                                targetHeight: height, targetWidth: width)
        scratch = Array(repeating: 0, count: space.count)
        observationSpace = try Box.pixels(space.shape.count == 3 ? [height, width, channels] : [height, width])
    }

    public func transform(_ raw: UnsafeBufferPointer<UInt8>, isReset: Bool, into observation: UnsafeMutableBufferPointer<UInt8>) {
        resize.apply(raw, into: observation)
    }

    public var snapshotConfiguration: String {
        "ResizeObservation(\(resize.targetHeight), \(resize.targetWidth)) ∘ \(base.snapshotConfiguration)"
    }
}

extension ResizeObservation: RenderableEnvironment where Base: RenderableEnvironment {
    public func render() -> RGBFrame { base.render() }
}
