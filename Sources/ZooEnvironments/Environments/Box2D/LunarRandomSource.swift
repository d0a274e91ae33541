import DSL

/// Where LunarLander takes its random draws from.
///
/// Why a protocol: Gymnasium's environment draws from NumPy's PCG64, which Zoo does not
/// reproduce. To compare trajectories step by step, a test records every draw Gymnasium
/// makes and feeds the same numbers to Zoo's environment (`ReplayedRandomSource`);
/// production uses the environment's own `SeededRandom`. The environment is generic over
/// its source, so the production type (`LunarLander`) is specialised with no branch on
/// the hot path. The two kinds of draw are those of Gymnasium's `np_random`:
/// `uniform(low, high)` and `integers(low, high)`.
public protocol LunarRandomSource: Sendable {
    /// A uniform draw in [low, high) (NumPy's `uniform`).
    mutating func uniform(_ low: Double, _ high: Double) -> Double
    /// A uniform integer in [low, high) (NumPy's `integers`).
    mutating func integer(_ low: Int, _ high: Int) -> Int
    /// Gymnasium's seeding rule: a seed restarts the stream, `nil` continues it.
    mutating func reseed(_ seed: Int?)
    /// The stream as a `SeededRandom`, for `Environment.random`.
    var seededRandom: SeededRandom { get set }
}

extension SeededRandom: LunarRandomSource {
    @inlinable
    public mutating func integer(_ low: Int, _ high: Int) -> Int {
        nextInt(in: low..<high)
    }

    public var seededRandom: SeededRandom {
        get { self }
        set { self = newValue }
    }
}

/// A random source that replays a recorded sequence of draws, for parity tests against
/// Gymnasium (see `scripts/lunar_fixtures.py`).
///
/// Each draw is checked against its recorded kind (`u` uniform, `i` integer). A draw
/// of the wrong kind, or past the end of the record, does not crash: it returns the
/// midpoint of the requested range and sets `failure`, which the test then reports.
public struct ReplayedRandomSource: LunarRandomSource {
    /// One recorded draw.
    public enum Draw: Sendable, Equatable {
        case uniform(Double)
        case integer(Int)
    }

    public private(set) var draws: [Draw]
    /// How many draws have been consumed.
    public private(set) var position = 0
    /// The first mismatch between what the environment asked for and the record.
    public private(set) var failure: String?
    /// Unused by the replay; kept so the environment can expose a `random` stream.
    public var seededRandom = SeededRandom(seed: 0)

    public init(_ draws: [Draw]) {
        self.draws = draws
    }

    /// Draws from Gymnasium's recording format: `kinds` is one letter per draw.
    public init(kinds: String, values: [Double]) {
        draws = zip(kinds, values).map { kind, value in
            kind == "i" ? .integer(Int(value)) : .uniform(value)
        }
        if kinds.count != values.count {
            failure = "record has \(kinds.count) kinds but \(values.count) values"
        }
    }

    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        if position < draws.count, case let .uniform(v) = draws[position] {
            position += 1
            return v
        }
        note("uniform(\(low), \(high))")
        return (low + high) / 2
    }

    public mutating func integer(_ low: Int, _ high: Int) -> Int {
        if position < draws.count, case let .integer(v) = draws[position] {
            position += 1
            return v
        }
        note("integer(\(low), \(high))")
        return low + (high - low) / 2
    }

    public mutating func reseed(_ seed: Int?) {}

    private mutating func note(_ request: String) {
        guard failure == nil else { return }
        if position < draws.count {
            failure = "draw \(position): the environment asked for \(request) but the record has \(draws[position])"
        } else {
            failure = "draw \(position): the environment asked for \(request) past the end of the record (\(draws.count) draws)"
        }
        position += 1
    }
}
