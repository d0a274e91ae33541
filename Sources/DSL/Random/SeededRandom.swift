import Foundation

/// A fast, seedable, splittable pseudo-random generator (xoshiro256**).
///
/// Zoo promises bitwise reproducibility: every random draw of a run — environment
/// resets, network initialisation, minibatch shuffles, action sampling — comes from a
/// stream derived from the recipe's one seed. `SeededRandom` is that stream. It is a value
/// type, so copying it forks the state; `derived(_:)` gives an independent child stream
/// keyed by a number (per environment copy, per network, per purpose) without consuming
/// anything from the parent, so adding a new consumer never shifts the existing ones.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The key this stream was created from; `derived(_:)` hashes it with the child id.
    public let key: UInt64

    /// A stream seeded from `seed`. Equal seeds give equal streams.
    public init(seed: UInt64) {
        key = seed
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// A stream seeded from a signed seed, as recipes and Gymnasium's API spell them.
    public init(seed: Int) {
        self.init(seed: UInt64(bitPattern: Int64(seed)))
    }

    /// The generator's complete state — the four xoshiro256** words, then `key` — so a
    /// stream can be saved (e.g. in a checkpoint) and continued exactly.
    public var stateWords: [UInt64] { [s0, s1, s2, s3, key] }

    /// The stream whose state is `stateWords` (as `stateWords` returned it); `nil` when
    /// there are not five words or the four state words are all zero (no valid xoshiro
    /// state).
    public init?(stateWords words: [UInt64]) {
        guard words.count == 5, words[0] | words[1] | words[2] | words[3] != 0 else { return nil }
        s0 = words[0]
        s1 = words[1]
        s2 = words[2]
        s3 = words[3]
        key = words[4]
    }

    /// An independent child stream identified by `stream`; the parent is not advanced.
    public func derived(_ stream: UInt64) -> SeededRandom {
        var mixer = SplitMix64(state: key &+ 0x632B_E59B_D9B4_E019)
        let a = mixer.next()
        var childMixer = SplitMix64(state: a ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SeededRandom(seed: childMixer.next() ^ stream)
    }

    /// A child stream named by a string (hashed deterministically, not with `Hasher`,
    /// whose seed changes between processes).
    public func derived(_ name: String) -> SeededRandom {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return derived(h)
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        nextRaw()
    }

    @usableFromInline
    mutating func nextRaw() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(nextRaw() >> 11) * 0x1.0p-53
    }

    /// A uniform `Float` in [0, 1) with 24 random bits.
    public mutating func nextFloat() -> Float {
        Float(nextRaw() >> 40) * 0x1.0p-24
    }

    /// A uniform `Double` in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextDouble()
    }

    /// A uniform integer in `0..<bound` (unbiased, Lemire's method). `bound` must be > 0.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        let b = UInt64(bound)
        var m = nextRaw().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold {
                m = nextRaw().multipliedFullWidth(by: b)
            }
        }
        return Int(m.high)
    }

    /// A uniform integer in `low..<high`.
    public mutating func nextInt(in range: Range<Int>) -> Int {
        range.lowerBound + nextInt(below: range.count)
    }

    /// A standard normal draw (Box–Muller on two uniforms; no cached second value, so the
    /// stream position depends only on the number of draws).
    public mutating func nextNormal() -> Double {
        var u1 = nextDouble()
        while u1 <= 0 { u1 = nextDouble() }
        let u2 = nextDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A normal draw with the given mean and standard deviation.
    public mutating func nextNormal(mean: Double, std: Double) -> Double {
        mean + std * nextNormal()
    }

    /// Fisher–Yates shuffle of `0..<count`: the permutation minibatches are drawn in.
    public mutating func permutation(_ count: Int) -> [Int] {
        var p = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                p.swapAt(i, nextInt(below: i + 1))
            }
        }
        return p
    }
}

/// SplitMix64: turns a 64-bit seed into well-mixed state words (Vigna's recommended seeder).
@usableFromInline
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
