import DSL

/// The action space of an environment: the closed set of kinds Zoo's learners handle.
///
/// Observations are always a float32 `Box` (one row of the vector buffers), so only
/// actions need a sum type. `discrete` and `multiDiscrete` actions travel as integers,
/// `box` actions as float32 rows.
public enum ActionSpace: Sendable, Hashable, CustomStringConvertible {
    case discrete(Discrete)
    case box(Box)
    case multiDiscrete(MultiDiscrete)

    /// Integers per action in the vector actions buffer for integer spaces, floats per
    /// action for `box`.
    public var actionWidth: Int {
        switch self {
        case .discrete: return 1
        case let .box(b): return b.count
        case let .multiDiscrete(m): return m.nvec.count
        }
    }

    /// Whether actions are integers (`discrete`, `multiDiscrete`) rather than floats.
    public var isInteger: Bool {
        if case .box = self { return false }
        return true
    }

    /// A random action from this space.
    public func sample(using random: inout SeededRandom) -> Action {
        switch self {
        case let .discrete(d): return .discrete(d.sample(using: &random))
        case let .box(b): return .continuous(b.sample(using: &random))
        case let .multiDiscrete(m): return .multiDiscrete(m.sample(using: &random))
        }
    }

    public var description: String {
        switch self {
        case let .discrete(d): return d.description
        case let .box(b): return b.description
        case let .multiDiscrete(m): return m.description
        }
    }
}
