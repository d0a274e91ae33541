import DSL

/// A vector of independent discrete choices, entry `k` in `start[k] ..< start[k] + nvec[k]`.
///
/// Mirrors `gymnasium.spaces.MultiDiscrete` (one-dimensional `nvec`).
public struct MultiDiscrete: Sendable, Hashable, CustomStringConvertible {
    public let nvec: [Int]
    public let start: [Int]

    public init(_ nvec: [Int], start: [Int]? = nil) throws(EnvError) {
        guard !nvec.isEmpty, nvec.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument("MultiDiscrete needs a non-empty nvec of positive counts, got \(nvec)")
        }
        let s = start ?? Array(repeating: 0, count: nvec.count)
        guard s.count == nvec.count else {
            throw .invalidArgument("MultiDiscrete start has \(s.count) entries, nvec has \(nvec.count)")
        }
        self.nvec = nvec
        self.start = s
    }

    public func contains(_ value: [Int]) -> Bool {
        guard value.count == nvec.count else { return false }
        for k in 0..<nvec.count where value[k] < start[k] || value[k] >= start[k] + nvec[k] {
            return false
        }
        return true
    }

    public func sample(using random: inout SeededRandom) -> [Int] {
        (0..<nvec.count).map { start[$0] + random.nextInt(below: nvec[$0]) }
    }

    public var description: String { "MultiDiscrete(\(nvec))" }
}
