import DSL

/// Named values a plugin or a collector keeps beyond networks and optimisers — a replay
/// buffer, counters, a random stream, in-flight trajectories — saved in checkpoints so
/// that `--resume` continues exactly. Numbers are kept as `Double`s (exact for every
/// integer a run counts and for every float), streams as their state words, arrays as
/// float32 tensors.
public struct SavedState {
    public var numbers: [String: [Double]] = [:]
    public var streams: [String: SeededRandom] = [:]
    public var tensors: [String: Tensor] = [:]

    public init() {}

    /// Stores one integer.
    public mutating func set(_ name: String, _ value: Int) { numbers[name] = [Double(value)] }
    /// Stores one double.
    public mutating func set(_ name: String, _ value: Double) { numbers[name] = [value] }
    /// Stores integers.
    public mutating func set(_ name: String, _ values: [Int]) { numbers[name] = values.map(Double.init) }
    /// Stores flags as 0 / 1.
    public mutating func set(_ name: String, _ values: [Bool]) { numbers[name] = values.map { $0 ? 1 : 0 } }

    /// The integer `name`.
    public func int(_ name: String) throws(SavedStateError) -> Int {
        let values = try ints(name)
        guard values.count == 1 else { throw .malformed(name, "holds \(values.count) values, expected one") }
        return values[0]
    }

    /// The integers `name`.
    public func ints(_ name: String) throws(SavedStateError) -> [Int] {
        guard let values = numbers[name] else { throw .missing(name) }
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for v in values {
            guard let i = Int(exactly: v) else { throw .malformed(name, "\(v) is not a whole number") }
            result.append(i)
        }
        return result
    }

    /// The double `name`.
    public func double(_ name: String) throws(SavedStateError) -> Double {
        guard let values = numbers[name] else { throw .missing(name) }
        guard values.count == 1 else { throw .malformed(name, "holds \(values.count) values, expected one") }
        return values[0]
    }

    /// The flags `name`.
    public func flags(_ name: String) throws(SavedStateError) -> [Bool] {
        guard let values = numbers[name] else { throw .missing(name) }
        return values.map { $0 != 0 }
    }

    /// The random stream `name`.
    public func stream(_ name: String) throws(SavedStateError) -> SeededRandom {
        guard let s = streams[name] else { throw .missing(name) }
        return s
    }

    /// The tensor `name`, which must have `shape`.
    public func tensor(_ name: String, shape: [Int]) throws(SavedStateError) -> Tensor {
        guard let t = tensors[name] else { throw .missing(name) }
        guard t.shape == shape else { throw .malformed(name, "has shape \(t.shape), expected \(shape)") }
        return t
    }
}

/// A saved state that does not fit the run restoring it: what is missing or wrong, by name.
public enum SavedStateError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .missing(let name): "\"\(name)\" is missing"
        case .malformed(let name, let problem): "\"\(name)\" \(problem)"
        }
    }
}
