import DSL
import Foundation

/// An array of a fixed shape with per-entry bounds: observation spaces and continuous
/// action spaces.
///
/// Mirrors `gymnasium.spaces.Box` with `dtype=np.float32` (the default) or `np.uint8`
/// (images, `[height, width, channels]` as Gymnasium renders them, or `[channels,
/// height, width]` once stacked). For float32, bounds may be infinite and `sample` draws
/// uniformly on bounded entries, from a normal on unbounded ones and from a shifted
/// exponential on half-bounded ones, as Gymnasium does; for uint8 it draws integers
/// uniformly in `[low, high]`.
public struct Box: Sendable, Hashable, CustomStringConvertible {
    public let low: [Float]
    public let high: [Float]
    public let shape: [Int]
    /// How observations of this space are stored (bytes from the environment to the network for uint8).
    public let dtype: ScalarType

    /// The number of scalars in one element (the product of `shape`).
    public var count: Int { low.count }

    /// A box with explicit per-entry bounds; `shape` defaults to `[low.count]`.
    public init(low: [Float], high: [Float], shape: [Int]? = nil, dtype: ScalarType = .float32) throws(EnvError) {
        let shape = shape ?? [low.count]
        guard low.count == high.count, shape.reduce(1, *) == low.count, !low.isEmpty else {
            throw .invalidArgument("Box bounds (\(low.count), \(high.count) values) do not match shape \(shape)")
        }
        for k in 0..<low.count where !(low[k] <= high[k]) {
            throw .invalidArgument("Box low[\(k)] = \(low[k]) exceeds high[\(k)] = \(high[k])")
        }
        if dtype == .uint8 {
            for k in 0..<low.count where low[k] < 0 || high[k] > 255 || low[k] != low[k].rounded() || high[k] != high[k].rounded() {
                throw .invalidArgument("a uint8 Box needs integer bounds in 0...255, got [\(low[k]), \(high[k])] at \(k)")
            }
        }
        self.low = low
        self.high = high
        self.shape = shape
        self.dtype = dtype
    }

    /// A box with the same scalar bounds on every entry.
    public init(low: Float, high: Float, shape: [Int], dtype: ScalarType = .float32) throws(EnvError) {
        let n = shape.reduce(1, *)
        try self.init(low: Array(repeating: low, count: n), high: Array(repeating: high, count: n), shape: shape, dtype: dtype)
    }

    /// A uint8 image space of `shape` with every value in 0...255: what rendered and
    /// emulated screens are.
    public static func pixels(_ shape: [Int]) throws(EnvError) -> Box {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument("an image space needs positive dimensions, got \(shape)")
        }
        return try Box(low: 0, high: 255, shape: shape, dtype: .uint8)
    }

    /// Whether this is an image: uint8 with two or three axes.
    public var isImage: Bool { dtype == .uint8 && (2...3).contains(shape.count) }

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
        if dtype == .uint8 {
            return (0..<count).map { k in low[k] + Float(random.nextInt(below: Int(high[k] - low[k]) + 1)) }
        }
        return (0..<count).map { k in
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

    public var description: String {
        if dtype == .uint8, let lo = low.min(), let hi = high.max(), lo == low.max(), hi == high.min() {
            return "Box(\(Int(lo)), \(Int(hi)), \(shape), uint8)"
        }
        return "Box(\(low), \(high), \(shape), \(dtype.rawValue))"
    }
}

extension Box {
    /// A box from bounds the caller guarantees valid (built-in environments' constants).
    init(unchecked low: [Float], _ high: [Float]) {
        self.low = low
        self.high = high
        self.shape = [low.count]
        self.dtype = .float32
    }
}
