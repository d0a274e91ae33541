/// A 2-D vector of `Float`, the unit of every position, velocity and force in Physics2D.
///
/// Box2D works in single precision; keeping the same precision is what lets Zoo's
/// physics follow pybox2d's trajectories step by step.
public struct Vec2: Hashable, Sendable {
    public var x: Float
    public var y: Float

    @inlinable public init(_ x: Float, _ y: Float) {
        self.x = x
        self.y = y
    }

    public static let zero = Vec2(0, 0)

    @inlinable public static func + (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x + b.x, a.y + b.y) }
    @inlinable public static func - (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x - b.x, a.y - b.y) }
    @inlinable public static prefix func - (a: Vec2) -> Vec2 { Vec2(-a.x, -a.y) }
    @inlinable public static func * (s: Float, a: Vec2) -> Vec2 { Vec2(s * a.x, s * a.y) }
    @inlinable public static func += (a: inout Vec2, b: Vec2) { a = a + b }
    @inlinable public static func -= (a: inout Vec2, b: Vec2) { a = a - b }

    /// Dot product.
    @inlinable public func dot(_ b: Vec2) -> Float { x * b.x + y * b.y }
    /// The z component of the 3-D cross product.
    @inlinable public func cross(_ b: Vec2) -> Float { x * b.y - y * b.x }
    /// Euclidean length.
    @inlinable public var length: Float { (x * x + y * y).squareRoot() }
    /// Squared length.
    @inlinable public var lengthSquared: Float { x * x + y * y }
}

extension Vec2 {
    /// `b2Cross(v, s)`: the vector `(s·y, -s·x)`.
    @inlinable public func cross(_ s: Float) -> Vec2 { Vec2(s * y, -s * x) }
    /// Component-wise minimum.
    @inlinable public static func min(_ a: Vec2, _ b: Vec2) -> Vec2 { Vec2(Swift.min(a.x, b.x), Swift.min(a.y, b.y)) }
    /// Component-wise maximum.
    @inlinable public static func max(_ a: Vec2, _ b: Vec2) -> Vec2 { Vec2(Swift.max(a.x, b.x), Swift.max(a.y, b.y)) }
    /// Scales to unit length in place unless shorter than `epsilon`; returns the old length (Box2D's `Normalize`).
    @inlinable @discardableResult public mutating func normalize() -> Float {
        let len = length
        if len < floatEpsilon { return 0 }
        let inv = 1 / len
        x *= inv
        y *= inv
        return len
    }
    /// The unit vector in this direction (zero-safe, like `normalize`).
    @inlinable public var normalized: Vec2 { var v = self; v.normalize(); return v }
    /// The vector rotated +90°: `(-y, x)` (`b2Cross(1, v)`).
    @inlinable public var skew: Vec2 { Vec2(-y, x) }
}

/// `b2Cross(s, v)`: the vector `(-s·v.y, s·v.x)`.
@inlinable public func cross(_ s: Float, _ v: Vec2) -> Vec2 { Vec2(-s * v.y, s * v.x) }
