/// cv2's INTER_AREA when the source is a whole number of times the target in both directions
/// (84×84 → 42×42, 84×84 → 28×84): each target value is the mean of its factorY × factorX
/// block.
///
/// It is its own type because cv2 rounds this mean in two different ways, and exactness
/// needs both: 2×2 blocks of 1, 3 or 4 channels go through cv2's vectorised code, which
/// rounds halves up, `(sum + 2) >> 2`; every other case multiplies the integer sum by the
/// `Float` reciprocal of the block area and rounds to nearest, halves to even.
struct AreaBlockMean: Sendable {
    let factorX: Int
    let factorY: Int
    let channels: Int
    let targetHeight: Int
    let targetWidth: Int
    /// Values in one source row.
    let sourceRowLength: Int
    let roundsHalvesUp: Bool
    let reciprocalArea: Float

    init(factorX: Int, factorY: Int, channels: Int, sourceWidth: Int, targetHeight: Int, targetWidth: Int) {
        self.factorX = factorX
        self.factorY = factorY
        self.channels = channels
        self.targetHeight = targetHeight
        self.targetWidth = targetWidth
        sourceRowLength = sourceWidth * channels
        roundsHalvesUp = factorX == 2 && factorY == 2 && channels != 2
        reciprocalArea = 1 / Float(factorX * factorY)
    }

    func apply(_ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>) {
        // Literal factors and channel counts for the common 2×2 case let the compiler unroll
        // the block loops.
        guard factorX == 2 && factorY == 2 else {
            return run(source, destination, factorX: factorX, factorY: factorY, channels: channels)
        }
        switch channels {
        case 1: run(source, destination, factorX: 2, factorY: 2, channels: 1)
        case 2: run(source, destination, factorX: 2, factorY: 2, channels: 2)
        case 3: run(source, destination, factorX: 2, factorY: 2, channels: 3)
        default: run(source, destination, factorX: 2, factorY: 2, channels: 4)
        }
    }

    @inline(__always)
    private func run(
        _ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>,
        factorX: Int, factorY: Int, channels: Int
    ) {
        var out = destination
        for ty in 0..<targetHeight {
            let blockRow = source + ty &* factorY &* sourceRowLength
            for tx in 0..<targetWidth {
                let block = blockRow + tx &* factorX &* channels
                for c in 0..<channels {
                    out[c] = roundedMean(blockSum(block + c, factorX: factorX, factorY: factorY, channels: channels))
                }
                out += channels
            }
        }
    }

    /// The sum of one channel over the block whose top-left value is at `corner`.
    @inline(__always)
    private func blockSum(_ corner: UnsafePointer<UInt8>, factorX: Int, factorY: Int, channels: Int) -> Int {
        var sum = 0
        var row = corner
        for _ in 0..<factorY {
            for x in 0..<factorX {
                sum &+= Int(row[x &* channels])
            }
            row += sourceRowLength
        }
        return sum
    }

    @inline(__always)
    private func roundedMean(_ sum: Int) -> UInt8 {
        if roundsHalvesUp { return UInt8(truncatingIfNeeded: (sum &+ 2) >> 2) }
        return AreaResize.roundedByte(Float(sum) * reciprocalArea)
    }
}
