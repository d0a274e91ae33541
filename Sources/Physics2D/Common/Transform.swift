/// A rotation stored as sine and cosine (`b2Rot`), so that rotating vectors needs no
/// trigonometry in the solver loops.
public struct Rot: Sendable, Equatable {
    public var s: Float
    public var c: Float

    @inlinable public init(s: Float, c: Float) { self.s = s; self.c = c }
    /// The rotation by `angle` radians, using the C library's `sinf`/`cosf` as Box2D does.
    @inlinable public init(_ angle: Float) { s = sinF(angle); c = cosF(angle) }
    public static let identity = Rot(s: 0, c: 1)

    /// The angle in radians.
    public var angle: Float { atan2Float(s, c) }
    /// Rotates `v` (`b2Mul(q, v)`).
    @inlinable public func apply(_ v: Vec2) -> Vec2 { Vec2(c * v.x - s * v.y, s * v.x + c * v.y) }
    /// Rotates `v` by the inverse rotation (`b2MulT(q, v)`).
    @inlinable public func applyInverse(_ v: Vec2) -> Vec2 { Vec2(c * v.x + s * v.y, -s * v.x + c * v.y) }
    /// `b2MulT(self, r)`: the rotation `self⁻¹ · r`.
    @inlinable public func inverseTimes(_ r: Rot) -> Rot { Rot(s: c * r.s - s * r.c, c: c * r.c + s * r.s) }
}

/// A rigid transform (translation + rotation), `b2Transform`: where a body's origin is.
public struct Transform: Sendable, Equatable {
    public var p: Vec2
    public var q: Rot

    @inlinable public init(p: Vec2, q: Rot) { self.p = p; self.q = q }
    @inlinable public init(_ p: Vec2, angle: Float) { self.p = p; q = Rot(angle) }
    public static let identity = Transform(p: .zero, q: .identity)

    /// Maps a local point to world coordinates (`b2Mul(T, v)`).
    @inlinable public func apply(_ v: Vec2) -> Vec2 {
        Vec2((q.c * v.x - q.s * v.y) + p.x, (q.s * v.x + q.c * v.y) + p.y)
    }
    /// Maps a world point to local coordinates (`b2MulT(T, v)`).
    @inlinable public func applyInverse(_ v: Vec2) -> Vec2 {
        let px = v.x - p.x, py = v.y - p.y
        return Vec2(q.c * px + q.s * py, -q.s * px + q.c * py)
    }
    /// `b2MulT(self, B)`: `B` expressed in this frame.
    @inlinable public func inverseTimes(_ b: Transform) -> Transform {
        Transform(p: q.applyInverse(b.p - p), q: q.inverseTimes(b.q))
    }
}
