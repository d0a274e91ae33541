/// Resizes a uint8 image exactly as OpenCV's `cv2.resize(image, (width, height),
/// interpolation=cv2.INTER_AREA)` does.
///
/// It exists because that call is how Gymnasium's `ResizeObservation` and Stable-Baselines3's
/// `WarpFrame` shrink Atari frames (210×160 → 84×84): an agent trained in Python sees the same
/// pixels in Zoo only if the resize agrees with cv2 to the bit. Images are height × width ×
/// channels, row-major, 1 to 4 channels.
///
/// A resize is planned once per (source size, target size, channels); `apply` then runs on
/// every frame without allocating. Like cv2, it follows one of four regimes:
/// - same size: a copy;
/// - shrinking by whole factors in both directions (84×84 → 42×42): block means
///   (`AreaBlockMean`);
/// - shrinking in both directions, by a fractional factor in at least one (210×160 → 84×84):
///   coverage-weighted sums in `Float` (`AreaCoverage`);
/// - enlarging in at least one direction: cv2's fixed-point bilinear variant (`AreaBilinear`).
///
/// Checked black-box against opencv-python-headless 4.14.0 and 5.0.0: bit-exact on the cases
/// of `scripts/image_fixtures.py` and on 10,000 more random sizes (1 to 4 channels, up to 400
/// pixels a side) tried while it was written.
public struct AreaResize: Sendable {
    public let sourceHeight: Int
    public let sourceWidth: Int
    public let channels: Int
    public let targetHeight: Int
    public let targetWidth: Int
    private let regime: Regime

    private enum Regime: Sendable {
        case copy
        case blockMean(AreaBlockMean)
        case coverage(AreaCoverage)
        case bilinear(AreaBilinear)
    }

    /// The largest height or width accepted: far beyond any observation, and small enough
    /// that no index or sum can overflow.
    private static let maximumSide = 1 << 15

    public init(
        sourceHeight: Int, sourceWidth: Int, channels: Int, targetHeight: Int, targetWidth: Int
    ) throws(EnvError) {
        guard (1...4).contains(channels) else {
            throw .invalidArgument("AreaResize: channels must be 1 to 4, got \(channels)")
        }
        for (name, side) in [
            ("source height", sourceHeight), ("source width", sourceWidth),
            ("target height", targetHeight), ("target width", targetWidth),
        ] where !(1...Self.maximumSide).contains(side) {
            throw .invalidArgument("AreaResize: \(name) must be 1 to \(Self.maximumSide), got \(side)")
        }
        self.sourceHeight = sourceHeight
        self.sourceWidth = sourceWidth
        self.channels = channels
        self.targetHeight = targetHeight
        self.targetWidth = targetWidth

        // cv2 works with the source-per-target scale computed as 1 / (target / source).
        let scaleX = 1 / (Double(targetWidth) / Double(sourceWidth))
        let scaleY = 1 / (Double(targetHeight) / Double(sourceHeight))
        if sourceHeight == targetHeight && sourceWidth == targetWidth {
            regime = .copy
        } else if scaleX >= 1 && scaleY >= 1 {
            if let factorX = Self.wholeFactor(scaleX), let factorY = Self.wholeFactor(scaleY) {
                regime = .blockMean(AreaBlockMean(
                    factorX: factorX, factorY: factorY, channels: channels,
                    sourceWidth: sourceWidth, targetHeight: targetHeight, targetWidth: targetWidth))
            } else {
                regime = .coverage(AreaCoverage(
                    sourceHeight: sourceHeight, sourceWidth: sourceWidth, channels: channels,
                    targetHeight: targetHeight, targetWidth: targetWidth, scaleX: scaleX, scaleY: scaleY))
            }
        } else {
            regime = .bilinear(AreaBilinear(
                sourceHeight: sourceHeight, sourceWidth: sourceWidth, channels: channels,
                targetHeight: targetHeight, targetWidth: targetWidth))
        }
    }

    /// Values in a source image: height × width × channels.
    public var sourceCount: Int { sourceHeight * sourceWidth * channels }

    /// Values in a resized image: target height × target width × channels.
    public var targetCount: Int { targetHeight * targetWidth * channels }

    /// Writes the resized `source` into `destination`. Both are height × width × channels,
    /// row-major, of exactly `sourceCount` and `targetCount` values (a programming error
    /// otherwise). Allocates nothing; the result depends only on `source`.
    public func apply(_ source: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutableBufferPointer<UInt8>) {
        precondition(source.count == sourceCount, "AreaResize: source has \(source.count) values, expected \(sourceCount)")
        precondition(
            destination.count == targetCount,
            "AreaResize: destination has \(destination.count) values, expected \(targetCount)")
        let from = source.baseAddress!, to = destination.baseAddress!
        switch regime {
        case .copy: to.update(from: from, count: sourceCount)
        case let .blockMean(plan): plan.apply(from, into: to)
        case let .coverage(plan): plan.apply(from, into: to)
        case let .bilinear(plan): plan.apply(from, into: to)
        }
    }

    /// The whole number `scale` is, within cv2's tolerance (one double epsilon), if it is one.
    private static func wholeFactor(_ scale: Double) -> Int? {
        let nearest = scale.rounded(.toNearestOrEven)
        return abs(scale - nearest) < Double.ulpOfOne ? Int(nearest) : nil
    }

    /// How many target values the coverage and bilinear kernels work on at once: a stretch of
    /// a target row, whose intermediate sums (1 KiB of `Float` or `Int32`) Swift always
    /// places on the stack.
    static let stretch = 256

    /// cv2's `saturate_cast<uchar>` of a `Float`: clamped to 0...255 and rounded to nearest,
    /// halves to even. Adding and subtracting 2²³ rounds a float in [0, 2²³) to an integer in
    /// the default rounding mode (nearest, halves to even) without a call into libm.
    @inline(__always)
    static func roundedByte(_ value: Float) -> UInt8 {
        let twoTo23: Float = 8_388_608
        return UInt8(truncatingIfNeeded: Int32((min(max(value, 0), 255) + twoTo23) - twoTo23))
    }
}
