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
