import DSL

extension SeededRandom {
    /// A stream seeded from the operating system's entropy: what an environment that was
    /// never given a seed uses, as Gymnasium does.
    public static func fromEntropy() -> SeededRandom {
        var system = SystemRandomNumberGenerator()
        return SeededRandom(seed: system.next() as UInt64)
    }

    /// Gymnasium's seeding rule: a given seed restarts the stream, `nil` keeps it.
    @inlinable
    public mutating func reseed(_ seed: Int?) {
        if let seed { self = SeededRandom(seed: seed) }
    }
}
