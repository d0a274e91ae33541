import DSL

/// The integers `start ..< start + n`: the action space of CartPole, Acrobot, MountainCar.
///
/// Mirrors `gymnasium.spaces.Discrete`, including its `start` offset.
public struct Discrete: Sendable, Hashable, CustomStringConvertible {
    public let n: Int
    public let start: Int

    /// A space of `n` values starting at `start`; `n` must be positive.
    public init(_ n: Int, start: Int = 0) throws(EnvError) {
        guard n > 0 else { throw .invalidArgument("Discrete needs n > 0, got \(n)") }
        self.n = n
        self.start = start
    }

    public func contains(_ value: Int) -> Bool {
        value >= start && value < start + n
    }

    public func sample(using random: inout SeededRandom) -> Int {
        start + random.nextInt(below: n)
    }

    public var description: String {
        start == 0 ? "Discrete(\(n))" : "Discrete(\(n), start=\(start))"
    }
}

extension Discrete {
    /// A space from a count the caller guarantees positive (built-in constants).
    init(unchecked n: Int, start: Int = 0) {
        self.n = n
        self.start = start
    }
}
