/// NumPy's `PCG64` bit generator with `Generator.integers` for small ranges.
///
/// Why it exists: Gymnasium's Atari preprocessing draws its number of no-op starts from
/// the environment's `np_random` (a `PCG64` seeded through `SeedSequence`); reproducing
/// Gymnasium's episodes for a seed needs the same draws.
public struct NumPyPCG64: Sendable, Equatable {
    static let multiplier: UInt128 = (0x2360_ED05_1FC6_5DA4 as UInt128) << 64 | 0x4385_DF64_9FCC_F645
    /// The 128-bit LCG state and increment.
    public private(set) var state: UInt128
    public private(set) var increment: UInt128
    /// NumPy's buffered upper half of a 64-bit draw, served as the next 32-bit draw.
    private var spare: UInt32?

    /// `np.random.default_rng(seed)`'s bit generator.
    public init(seed: UInt64) {
        let words = NumPySeedSequence(entropy: seed).generateState64(4)
        let initState = UInt128(words[0]) << 64 | UInt128(words[1])
        let initSequence = UInt128(words[2]) << 64 | UInt128(words[3])
        state = 0
        increment = initSequence << 1 | 1
        _ = next64()
        state &+= initState
        _ = next64()
    }

    /// `random_raw()`: one 64-bit output (XSL-RR of the stepped state).
    public mutating func next64() -> UInt64 {
        state = state &* Self.multiplier &+ increment
        let value = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return value >> rotation | value << ((64 &- rotation) & 63)
    }

    /// A 32-bit draw: the low half of a fresh 64-bit output, the high half kept for the next.
    public mutating func next32() -> UInt32 {
        if let spare {
            self.spare = nil
            return spare
        }
        let value = next64()
        spare = UInt32(truncatingIfNeeded: value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }

    /// `integers(low, high)` (high excluded) for a range of at most 2³² values: NumPy's
    /// Lemire rejection on 32-bit draws.
    public mutating func integer(_ low: Int, _ high: Int) -> Int {
        precondition(high > low && UInt64(high - low) <= 1 << 32, "range out of NumPy's 32-bit path")
        let span = UInt64(high - low)
        if span == 1 { return low }
        if span == 1 << 32 { return low + Int(next32()) }
        var product = UInt64(next32()) * span
        var leftover = UInt32(truncatingIfNeeded: product)
        if leftover < UInt32(span) {
            let threshold = UInt32((UInt64(UInt32.max) - (span - 1)) % span)
            while leftover < threshold {
                product = UInt64(next32()) * span
                leftover = UInt32(truncatingIfNeeded: product)
            }
        }
        return low + Int(product >> 32)
    }
}
