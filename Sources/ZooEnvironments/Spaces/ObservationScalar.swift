/// The element type of an observation space: float32 vectors or uint8 images.
///
/// It exists because pixels are stored as bytes from the environment to the network's
/// input — four times less memory and bandwidth than floats — as Gymnasium's and
/// Stable-Baselines3's `uint8` image boxes are.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
    case float32
    case uint8
}

/// A scalar an environment can write its observation in (`Float` or `UInt8`).
///
/// It exists so that `Environment` states its observation type once (its
/// `ObservationScalar`) and vector environments keep one row layout per type, chosen at
/// compile time in every copy's step.
public protocol ObservationScalar: Numeric, Comparable, Sendable, BitwiseCopyable {
    /// The space's element type this scalar stores.
    static var scalarType: ScalarType { get }
    /// The value as a network input (exact for every `UInt8`).
    var widened: Float { get }
    /// The value from a float holding an exact value of this type (what snapshots and
    /// checkpoints store).
    init(narrowing value: Float)
    /// Whether every value of `row` is a finite number (always true for bytes). A
    /// requirement rather than a generic loop: a vector environment holds its copies as
    /// `any Environment`, and a loop over a row of an unknown scalar type would look up
    /// type metadata on every step.
    static func allFinite(_ row: UnsafeMutableBufferPointer<Self>) -> Bool
    /// The row `i` (or final row) of `buffers` in this type; `buffers` must hold this type.
    static func row(_ i: Int, final: Bool, of buffers: VectorBuffers) -> UnsafeMutableBufferPointer<Self>
    /// `env` inside an image wrapper (grey-scale, resize): only byte images have them, so
    /// the default is a typed error.
    static func imageWrapper<E: Environment>(
        _ kind: ObservationWrapperKind, around env: E
    ) throws(EnvError) -> any Environment where E.ObservationScalar == Self
}

extension Float: ObservationScalar {
    public static var scalarType: ScalarType { .float32 }
    @inlinable public var widened: Float { self }
    @inlinable public init(narrowing value: Float) { self = value }
    @inlinable public static func allFinite(_ row: UnsafeMutableBufferPointer<Float>) -> Bool {
        for v in row where !v.isFinite { return false }
        return true
    }
    @inline(__always)
    public static func row(_ i: Int, final: Bool, of buffers: VectorBuffers) -> UnsafeMutableBufferPointer<Float> {
        final ? buffers.finalObservation(i) : buffers.observation(i)
    }
}

extension UInt8: ObservationScalar {
    public static var scalarType: ScalarType { .uint8 }
    @inlinable public var widened: Float { Float(self) }
    @inlinable public init(narrowing value: Float) { self = UInt8(clamping: Int(value.rounded())) }
    @inlinable public static func allFinite(_ row: UnsafeMutableBufferPointer<UInt8>) -> Bool { true }
    @inline(__always)
    public static func row(_ i: Int, final: Bool, of buffers: VectorBuffers) -> UnsafeMutableBufferPointer<UInt8> {
        final ? buffers.finalPixelRow(i) : buffers.pixelRow(i)
    }
}

extension Array where Element: ObservationScalar {
    /// The values as network input: the array itself for floats, widened bytes for images.
    public var widened: [Float] {
        if let floats = self as? [Float] { return floats }
        return map(\.widened)
    }
}
