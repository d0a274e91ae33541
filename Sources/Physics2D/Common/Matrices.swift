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
