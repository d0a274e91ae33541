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
    /// Whether the value is a finite number (always true for bytes).
    var isFiniteValue: Bool { get }
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
    @inlinable public var isFiniteValue: Bool { isFinite }
    @inline(__always)
    public static func row(_ i: Int, final: Bool, of buffers: VectorBuffers) -> UnsafeMutableBufferPointer<Float> {
        final ? buffers.finalObservation(i) : buffers.observation(i)
    }
}

extension UInt8: ObservationScalar {
    public static var scalarType: ScalarType { .uint8 }
    @inlinable public var widened: Float { Float(self) }
    @inlinable public init(narrowing value: Float) { self = UInt8(clamping: Int(value.rounded())) }
    @inlinable public var isFiniteValue: Bool { true }
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
