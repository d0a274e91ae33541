/// cv2's INTER_AREA when enlarging in at least one direction (40×20 → 84×84), where cv2
/// does not average areas but interpolates between two neighbours per axis.
///
/// It is its own type because cv2's interpolation is not textbook bilinear: the position of
/// target pixel `t` is ⌊t·scale⌋ plus the fraction by which target pixel t's right edge
/// passes that source pixel's right edge (0 if it does not), so whole-number enlargements
/// replicate pixels. Weights are fixed point with 2048 as one, rounded from `Float`; the
/// horizontal pass is exact in integers and the vertical pass drops bits the way cv2's
/// vectorised 16-bit code does: `((b0·(h0 >> 4)) >> 16 + (b1·(h1 >> 4)) >> 16 + 2) >> 2`.
struct AreaBilinear: ChannelSpecializedKernel {
    /// A target index's two source neighbours (as offsets) and their fixed-point weights.
    struct Pair: Sendable {
        let near: Int
        let far: Int
        let nearWeight: Int32
        let farWeight: Int32
    }

    let rows: [Pair]
    let columns: [Pair]
    let channels: Int
    /// Values in one target row.
    let targetRowLength: Int

    init(sourceHeight: Int, sourceWidth: Int, channels: Int, targetHeight: Int, targetWidth: Int) {
        rows = Self.pairs(sourceLength: sourceHeight, targetLength: targetHeight, stride: sourceWidth * channels)
        columns = Self.pairs(sourceLength: sourceWidth, targetLength: targetWidth, stride: channels)
        self.channels = channels
        targetRowLength = targetWidth * channels
    }

    private static func pairs(sourceLength: Int, targetLength: Int, stride: Int) -> [Pair] {
        let inverseScale = Double(targetLength) / Double(sourceLength)
        let scale = 1 / inverseScale
        return (0..<targetLength).map { t in
            var near = Int((Double(t) * scale).rounded(.down))
            var fraction = Float(Double(t + 1) - Double(near + 1) * inverseScale)
            fraction = fraction <= 0 ? 0 : fraction - fraction.rounded(.down)
            if near >= sourceLength - 1 {
                near = sourceLength - 1
                fraction = 0
            }
            return Pair(
                near: near * stride,
                far: min(near + 1, sourceLength - 1) * stride,
                nearWeight: fixedPoint(1 - fraction),
                farWeight: fixedPoint(fraction))
        }
    }

    private static func fixedPoint(_ weight: Float) -> Int32 {
        Int32((weight * 2048).rounded(.toNearestOrEven))
    }

    /// Column stretch by column stretch, each source row's horizontal pass is kept while
    /// consecutive target rows use it (an enlargement reuses every row several times).
    @inline(__always)
    func run(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>, channels: Int) {
        let pixelsPerStretch = AreaResize.stretch / channels
        rows.withUnsafeBufferPointer { rows in
            columns.withUnsafeBufferPointer { columns in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: AreaResize.stretch) { first in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: AreaResize.stretch) { second in
                        // Plain pointers: indexing them never allocates, even unoptimised.
                        let targetWidth = columns.count, columns = columns.baseAddress!
                        for firstPixel in stride(from: 0, to: targetWidth, by: pixelsPerStretch) {
                            let pixels = firstPixel..<min(firstPixel + pixelsPerStretch, targetWidth)
                            let count = pixels.count * channels
                            var upper = first.baseAddress!, lower = second.baseAddress!
                            var upperRow = -1, lowerRow = -1
                            var out = destination + firstPixel * channels
                            for row in rows {
                                if row.near != upperRow {
                                    if row.near == lowerRow {
                                        swap(&upper, &lower)
                                        swap(&upperRow, &lowerRow)
                                    } else {
                                        Self.horizontal(source + row.near, columns, pixels, channels: channels, into: upper)
                                        upperRow = row.near
                                    }
                                }
                                if row.far != lowerRow {
                                    Self.horizontal(source + row.far, columns, pixels, channels: channels, into: lower)
                                    lowerRow = row.far
                                }
                                for i in 0..<count {
                                    let v = ((row.nearWeight &* (upper[i] >> 4)) >> 16) &+ ((row.farWeight &* (lower[i] >> 4)) >> 16)
                                    out[i] = UInt8(clamping: (v &+ 2) >> 2)
                                }
                                out += targetRowLength
                            }
                        }
                    }
                }
            }
        }
    }

    /// One source row interpolated at the columns of `pixels`, in fixed point (2048 = one).
    @inline(__always)
    private static func horizontal(
        _ row: UnsafePointer<UInt8>, _ columns: UnsafePointer<Pair>, _ pixels: Range<Int>, channels: Int,
        into sums: UnsafeMutablePointer<Int32>
    ) {
        var sum = sums
        for tx in pixels {
            let column = columns[tx]
            for c in 0..<channels {
                sum[c] = Int32(row[column.near &+ c]) &* column.nearWeight &+ Int32(row[column.far &+ c]) &* column.farWeight
            }
            sum += channels
        }
    }
}
