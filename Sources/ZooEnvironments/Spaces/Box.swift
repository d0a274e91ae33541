import DSL
import Foundation

/// A float32 array of a fixed shape with per-entry bounds: observation spaces and
/// continuous action spaces.
///
/// Mirrors `gymnasium.spaces.Box` with `dtype=np.float32`: bounds may be infinite, and
/// `sample` draws uniformly on bounded entries, from a normal on unbounded ones and from a
/// shifted exponential on half-bounded ones, as Gymnasium does.
public struct Box: Sendable, Hashable, CustomStringConvertible {
    public let low: [Float]
    public let high: [Float]
    public let shape: [Int]

    /// The number of scalars in one element (the product of `shape`).
    public var count: Int { low.count }

    /// A box with explicit per-entry bounds; `shape` defaults to `[low.count]`.
    public init(low: [Float], high: [Float], shape: [Int]? = nil) throws(EnvError) {
        let shape = shape ?? [low.count]
        guard low.count == high.count, shape.reduce(1, *) == low.count, !low.isEmpty else {
            throw .invalidArgument("Box bounds (\(low.count), \(high.count) values) do not match shape \(shape)")
        }
        for k in 0..<low.count where !(low[k] <= high[k]) {
            throw .invalidArgument("Box low[\(k)] = \(low[k]) exceeds high[\(k)] = \(high[k])")
        }
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// A box with the same scalar bounds on every entry.
    public init(low: Float, high: Float, shape: [Int]) throws(EnvError) {
        let n = shape.reduce(1, *)
        try self.init(low: Array(repeating: low, count: n), high: Array(repeating: high, count: n), shape: shape)
    }

    /// Whether `value` has the right size and every entry lies within its bounds.
    public func contains(_ value: some Collection<Float>) -> Bool {
        guard value.count == count else { return false }
        var k = 0
        for v in value {
            if !(v >= low[k] && v <= high[k]) { return false }
            k += 1
        }
        return true
    }

    public func sample(using random: inout SeededRandom) -> [Float] {
        (0..<count).map { k in
            let lo = Double(low[k]), hi = Double(high[k])
            switch (lo.isFinite, hi.isFinite) {
            case (true, true): return Float(random.uniform(lo, hi))
            case (false, false): return Float(random.nextNormal())
            case (true, false): return Float(lo + exponential(&random))
            case (false, true): return Float(hi - exponential(&random))
            }
        }
    }

    private func exponential(_ random: inout SeededRandom) -> Double {
        -log(1 - random.nextDouble())
    }

    public var description: String { "Box(\(low), \(high), \(shape), float32)" }
}

extension Box {
    /// A box from bounds the caller guarantees valid (built-in environments' constants).
    init(unchecked low: [Float], _ high: [Float]) {
        self.low = low
        self.high = high
        self.shape = [low.count]
    }
}
