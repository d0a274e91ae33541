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

/// A 2×2 matrix by columns (`b2Mat22`), for the contact block solver and joint point constraints.
public struct Mat22: Sendable {
    public var ex: Vec2
    public var ey: Vec2
    @inlinable public init(ex: Vec2, ey: Vec2) { self.ex = ex; self.ey = ey }
    public static let zero = Mat22(ex: .zero, ey: .zero)

    /// The inverse (zero determinant gives zeros, as Box2D).
    @inlinable public var inverse: Mat22 {
        let a = ex.x, b = ey.x, c = ex.y, d = ey.y
        var det = a * d - b * c
        if det != 0 { det = 1 / det }
        return Mat22(ex: Vec2(det * d, -det * c), ey: Vec2(-det * b, det * a))
    }
    /// Solves `A·x = b` by Cramer's rule.
    @inlinable public func solve(_ b: Vec2) -> Vec2 {
        let a11 = ex.x, a12 = ey.x, a21 = ex.y, a22 = ey.y
        var det = a11 * a22 - a12 * a21
        if det != 0 { det = 1 / det }
        return Vec2(det * (a22 * b.x - a12 * b.y), det * (a11 * b.y - a21 * b.x))
    }
    /// `A·v`.
    @inlinable public func apply(_ v: Vec2) -> Vec2 { Vec2(ex.x * v.x + ey.x * v.y, ex.y * v.x + ey.y * v.y) }
}

/// A 3-vector (`b2Vec3`), for the revolute joint's point + angle impulse.
public struct Vec3: Sendable, Equatable {
    public var x: Float, y: Float, z: Float
    @inlinable public init(_ x: Float, _ y: Float, _ z: Float) { self.x = x; self.y = y; self.z = z }
    public static let zero = Vec3(0, 0, 0)
    @inlinable public func dot(_ b: Vec3) -> Float { x * b.x + y * b.y + z * b.z }
    @inlinable public func cross(_ b: Vec3) -> Vec3 {
        Vec3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x)
    }
    @inlinable public static func + (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x + b.x, a.y + b.y, a.z + b.z) }
    @inlinable public static prefix func - (a: Vec3) -> Vec3 { Vec3(-a.x, -a.y, -a.z) }
    @inlinable public static func * (s: Float, a: Vec3) -> Vec3 { Vec3(s * a.x, s * a.y, s * a.z) }
}

/// A 3×3 matrix by columns (`b2Mat33`), the revolute joint's effective mass with a limit.
public struct Mat33: Sendable {
    public var ex: Vec3, ey: Vec3, ez: Vec3
    @inlinable public init(ex: Vec3, ey: Vec3, ez: Vec3) { self.ex = ex; self.ey = ey; self.ez = ez }
    public static let zero = Mat33(ex: .zero, ey: .zero, ez: .zero)

    /// Solves `A·x = b` (Cramer's rule, as `b2Mat33::Solve33`).
    @inlinable public func solve33(_ b: Vec3) -> Vec3 {
        var det = ex.dot(ey.cross(ez))
        if det != 0 { det = 1 / det }
        return Vec3(det * b.dot(ey.cross(ez)), det * ex.dot(b.cross(ez)), det * ex.dot(ey.cross(b)))
    }
    /// Factors reused by `solve33` when the matrix is fixed over many solves: the
    /// cofactor column `ey × ez` and the inverse determinant, computed exactly as
    /// `b2Mat33::Solve33` computes them on every call (so results are bit-identical).
    @inlinable public var solve33Factors: (cyz: Vec3, invDet: Float) {
        let cyz = ey.cross(ez)
        var det = ex.dot(cyz)
        if det != 0 { det = 1 / det }
        return (cyz, det)
    }

    /// `solve33` with precomputed `solve33Factors`.
    @inlinable @inline(__always) public func solve33(_ b: Vec3, factors f: (cyz: Vec3, invDet: Float)) -> Vec3 {
        Vec3(f.invDet * b.dot(f.cyz), f.invDet * ex.dot(b.cross(ez)), f.invDet * ex.dot(ey.cross(b)))
    }

    /// The inverse determinant of the upper-left 2×2 block, as `Solve22` computes it.
    @inlinable public var solve22InvDet: Float {
        var det = ex.x * ey.y - ey.x * ex.y
        if det != 0 { det = 1 / det }
        return det
    }

    /// `solve22` with a precomputed `solve22InvDet`.
    @inlinable @inline(__always) public func solve22(_ b: Vec2, invDet det: Float) -> Vec2 {
        let a11 = ex.x, a12 = ey.x, a21 = ex.y, a22 = ey.y
        return Vec2(det * (a22 * b.x - a12 * b.y), det * (a11 * b.y - a21 * b.x))
    }

    /// Solves the upper-left 2×2 block (`b2Mat33::Solve22`).
    @inlinable public func solve22(_ b: Vec2) -> Vec2 {
        let a11 = ex.x, a12 = ey.x, a21 = ex.y, a22 = ey.y
        var det = a11 * a22 - a12 * a21
        if det != 0 { det = 1 / det }
        return Vec2(det * (a22 * b.x - a12 * b.y), det * (a11 * b.y - a21 * b.x))
    }
}

/// The motion of a body's centre of mass over a step (`b2Sweep`), used by continuous
/// collision to interpolate poses between the start and the end of the step.
public struct Sweep: Sendable {
    /// Centre of mass in body coordinates.
    public var localCenter: Vec2 = .zero
    /// Centre positions at `alpha0` and at the end of the step.
    public var c0: Vec2 = .zero, c: Vec2 = .zero
    /// Angles at `alpha0` and at the end of the step.
    public var a0: Float = 0, a: Float = 0
    /// Fraction of the step already consumed, in [0, 1).
    public var alpha0: Float = 0

    public init() {}

    /// The body transform at fraction `beta` of the sweep.
    @inlinable public func transform(at beta: Float) -> Transform {
        var p = (1 - beta) * c0 + beta * c
        let angle = (1 - beta) * a0 + beta * a
        let q = Rot(angle)
        p -= q.apply(localCenter)
        return Transform(p: p, q: q)
    }

    /// Moves the start of the sweep to `alpha` (pybox2d's Box2D form: `c0 = (1-β)c0 + βc`).
    @inlinable public mutating func advance(to alpha: Float) {
        let beta = (alpha - alpha0) / (1 - alpha0)
        c0 = (1 - beta) * c0 + beta * c
        a0 = (1 - beta) * a0 + beta * a
        alpha0 = alpha
    }

    /// Keeps angles in [-π, π) at the start of the sweep.
    @inlinable public mutating func normalize() {
        let twoPi = 2 * b2Pi
        let d = twoPi * floorF(a0 / twoPi)
        a0 -= d
        a -= d
    }
}

/// An axis-aligned bounding box (`b2AABB`).
public struct AABB: Sendable, Equatable {
    public var lowerBound: Vec2
    public var upperBound: Vec2
    @inlinable public init(lowerBound: Vec2, upperBound: Vec2) { self.lowerBound = lowerBound; self.upperBound = upperBound }

    /// Whether this box contains `b` entirely.
    @inlinable public func contains(_ b: AABB) -> Bool {
        lowerBound.x <= b.lowerBound.x && lowerBound.y <= b.lowerBound.y
            && b.upperBound.x <= upperBound.x && b.upperBound.y <= upperBound.y
    }
    /// Whether two boxes overlap (touching counts), as `b2TestOverlap`.
    @inlinable public func overlaps(_ b: AABB) -> Bool {
        let d1x = b.lowerBound.x - upperBound.x, d1y = b.lowerBound.y - upperBound.y
        let d2x = lowerBound.x - b.upperBound.x, d2y = lowerBound.y - b.upperBound.y
        if d1x > 0 || d1y > 0 { return false }
        if d2x > 0 || d2y > 0 { return false }
        return true
    }
    /// The union of two boxes.
    @inlinable public static func combine(_ a: AABB, _ b: AABB) -> AABB {
        AABB(lowerBound: .min(a.lowerBound, b.lowerBound), upperBound: .max(a.upperBound, b.upperBound))
    }
}
