/// NumPy's `SeedSequence`: the hash that turns a user's seed into generator state words.
///
/// Why it exists: Gymnasium seeds its environments through it (`reset(seed:)` →
/// `np.random.default_rng(seed)` → the sequence's state), and the Atari environments take
/// ALE's `random_seed` from it, so Zoo must compute the same words to reproduce
/// Gymnasium's Atari trajectories for a given seed. Only non-negative integer seeds with
/// no spawn key are handled, which is what `reset(seed:)` passes.
public struct NumPySeedSequence: Sendable, Equatable {
    static let poolSize = 4
    static let initA: UInt32 = 0x43B0_D7E5, multA: UInt32 = 0x931E_8875
    static let initB: UInt32 = 0x8B51_F9DD, multB: UInt32 = 0x58F3_8DED
    static let mixMultL: UInt32 = 0xCA01_F9DD, mixMultR: UInt32 = 0x4973_F715

    /// The mixed entropy pool.
    public private(set) var pool: [UInt32]

    /// The sequence of `entropy` (a non-negative integer, split into 32-bit words as NumPy does).
    public init(entropy: UInt64) {
        var words: [UInt32] = []
        var rest = entropy
        repeat {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        } while rest != 0
        var hashConst = Self.initA
        func hashmix(_ value: UInt32) -> UInt32 {
            var v = value ^ hashConst
            hashConst = hashConst &* Self.multA
            v = v &* hashConst
            return v ^ (v >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let r = Self.mixMultL &* x &- Self.mixMultR &* y
            return r ^ (r >> 16)
        }
        var pool = [UInt32](repeating: 0, count: Self.poolSize)
        for i in 0..<Self.poolSize { pool[i] = hashmix(i < words.count ? words[i] : 0) }
        for source in 0..<Self.poolSize {
            for target in 0..<Self.poolSize where source != target {
                pool[target] = mix(pool[target], hashmix(pool[source]))
            }
        }
        for source in Self.poolSize..<max(Self.poolSize, words.count) {
            for target in 0..<Self.poolSize { pool[target] = mix(pool[target], hashmix(words[source])) }
        }
        self.pool = pool
    }

    /// `generate_state(count)` with 32-bit words.
    public func generateState(_ count: Int) -> [UInt32] {
        var hashConst = Self.initB
        return (0..<count).map { i in
            var v = pool[i % Self.poolSize] ^ hashConst
            hashConst = hashConst &* Self.multB
            v = v &* hashConst
            return v ^ (v >> 16)
        }
    }

    /// `generate_state(count, np.uint64)`: pairs of 32-bit words, low word first.
    public func generateState64(_ count: Int) -> [UInt64] {
        let words = generateState(2 * count)
        return (0..<count).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }
}
