/// cv2's INTER_AREA when shrinking in both directions by a fractional factor in at least one
/// (the Atari case, 210×160 → 84×84): each target pixel is the average of the source area it
/// covers, every source pixel weighted by the share of the target pixel it covers.
///
/// Exactness with cv2 depends on doing the arithmetic as cv2 does: weights computed in
/// `Double` and stored as `Float`; for each source row the target pixel covers, the weighted
/// sum across the row in `Float`, left to right; those row sums weighted and added top to
/// bottom in `Float`; the total rounded to nearest, halves to even, and saturated.
struct AreaCoverage: ChannelSpecializedKernel {
    /// One source pixel, by its offset in the image, and its share of a target pixel.
    struct Tap: Sendable {
        let offset: Int
        let weight: Float
    }

    /// Along one axis, the source pixels each target pixel covers: `taps` entries per target
    /// pixel (the most any has). Shorter lists are padded with zero weights, which leave
    /// cv2's sums unchanged (x + 0·y = x for the non-negative sums here) and keep the loops
    /// uniform.
    struct Axis: Sendable {
        let taps: Int
        let entries: [Tap]

        /// Target pixel `t` covers source coordinates [t·scale, (t+1)·scale), cut at the
        /// image's end. As in cv2, a partly covered source pixel counts only if it is covered
        /// by more than 0.001, and weights are divided by the covered width. `stride` turns a
        /// source index into an offset.
        init(sourceLength: Int, targetLength: Int, scale: Double, stride: Int) {
            var lists: [[Tap]] = []
            for t in 0..<targetLength {
                let start = Double(t) * scale
                let end = start + scale
                let width = min(scale, Double(sourceLength) - start)
                let last = min(Int(end.rounded(.down)), sourceLength - 1)
                let first = min(Int(start.rounded(.up)), last)
                var list: [Tap] = []
                if Double(first) - start > 1e-3 {
                    list.append(Tap(offset: (first - 1) * stride, weight: Float((Double(first) - start) / width)))
                }
                for s in first..<last {
                    list.append(Tap(offset: s * stride, weight: Float(1 / width)))
                }
                if end - Double(last) > 1e-3 {
                    list.append(Tap(offset: last * stride, weight: Float(min(min(end - Double(last), 1), width) / width)))
                }
                lists.append(list)
            }
            let taps = lists.map(\.count).max() ?? 0
            self.taps = taps
            entries = lists.flatMap { list in
                list + repeatElement(Tap(offset: list.last!.offset, weight: 0), count: taps - list.count)
            }
        }
    }

    let rows: Axis
    let columns: Axis
    let channels: Int
    let targetHeight: Int
    let targetWidth: Int

    init(
        sourceHeight: Int, sourceWidth: Int, channels: Int, targetHeight: Int, targetWidth: Int,
        scaleX: Double, scaleY: Double
    ) {
        rows = Axis(sourceLength: sourceHeight, targetLength: targetHeight, scale: scaleY, stride: sourceWidth * channels)
        columns = Axis(sourceLength: sourceWidth, targetLength: targetWidth, scale: scaleX, stride: channels)
        self.channels = channels
        self.targetHeight = targetHeight
        self.targetWidth = targetWidth
    }

    /// Target row by target row, stretch by stretch: the weighted sums of the source rows the
    /// target row covers, top to bottom, then rounding.
    @inline(__always)
    func run(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>, channels: Int) {
        let pixelsPerStretch = AreaResize.stretch / channels
        rows.entries.withUnsafeBufferPointer { rowTaps in
            columns.entries.withUnsafeBufferPointer { columnTaps in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: AreaResize.stretch) { sums in
                    // Plain pointers: indexing them never allocates, even unoptimised.
                    let rowTaps = rowTaps.baseAddress!, columnTaps = columnTaps.baseAddress!, sums = sums.baseAddress!
                    var out = destination
                    for ty in 0..<targetHeight {
                        for firstPixel in stride(from: 0, to: targetWidth, by: pixelsPerStretch) {
                            let pixels = firstPixel..<min(firstPixel + pixelsPerStretch, targetWidth)
                            let count = pixels.count * channels
                            sums.update(repeating: 0, count: count)
                            // Padding rows (weight 0) would add 0: skipped.
                            for j in ty * rows.taps..<(ty + 1) * rows.taps where rowTaps[j].weight != 0 {
                                let row = source + rowTaps[j].offset, weight = rowTaps[j].weight
                                // Literal tap counts for the usual 1 to 3 let the compiler unroll the tap loop.
                                switch columns.taps {
                                case 1: Self.addRow(row, weight: weight, columnTaps, taps: 1, pixels, channels: channels, into: sums)
                                case 2: Self.addRow(row, weight: weight, columnTaps, taps: 2, pixels, channels: channels, into: sums)
                                case 3: Self.addRow(row, weight: weight, columnTaps, taps: 3, pixels, channels: channels, into: sums)
                                default: Self.addRow(row, weight: weight, columnTaps, taps: columns.taps, pixels, channels: channels, into: sums)
                                }
                            }
                            for i in 0..<count {
                                out[i] = AreaResize.roundedByte(sums[i])
                            }
                            out += count
                        }
                    }
                }
            }
        }
    }

    /// Adds `weight` times one source row's weighted sums across (left to right) for the
    /// target pixels `pixels` to `sums`.
    @inline(__always)
    private static func addRow(
        _ row: UnsafePointer<UInt8>, weight: Float, _ columnTaps: UnsafePointer<Tap>, taps: Int, _ pixels: Range<Int>,
        channels: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        var sum = sums
        var k = pixels.lowerBound &* taps
        for _ in pixels {
            var across = (Float(0), Float(0), Float(0), Float(0))
            for _ in 0..<taps {
                let pixel = row + columnTaps[k].offset, share = columnTaps[k].weight
                k &+= 1
                across.0 += Float(pixel[0]) * share
                if channels > 1 { across.1 += Float(pixel[1]) * share }
                if channels > 2 { across.2 += Float(pixel[2]) * share }
                if channels > 3 { across.3 += Float(pixel[3]) * share }
            }
            sum[0] += weight * across.0
            if channels > 1 { sum[1] += weight * across.1 }
            if channels > 2 { sum[2] += weight * across.2 }
            if channels > 3 { sum[3] += weight * across.3 }
            sum += channels
        }
    }
}
