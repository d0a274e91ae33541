/// A convex polygon of 3…8 vertices in counter-clockwise order with a skin of
/// `polygonRadius` (`b2PolygonShape`): the lander hull, legs and boxes.
public struct PolygonShape: Sendable, Equatable {
    public private(set) var vertices: [Vec2]
    public private(set) var normals: [Vec2]
    public private(set) var centroid: Vec2
    public let radius: Float = polygonRadius
    @inlinable public var count: Int { vertices.count }

    /// A box with half-extents `hx`, `hy` centred on the origin (`SetAsBox(hx, hy)`).
    public init(boxHalfWidth hx: Float, halfHeight hy: Float) throws {
        guard hx > 0, hy > 0, hx.isFinite, hy.isFinite else { throw PhysicsError.invalidBoxExtents(hx: hx, hy: hy) }
        vertices = [Vec2(-hx, -hy), Vec2(hx, -hy), Vec2(hx, hy), Vec2(-hx, hy)]
        normals = [Vec2(0, -1), Vec2(1, 0), Vec2(0, 1), Vec2(-1, 0)]
        centroid = .zero
    }

    /// A box centred at `center` and rotated by `angle` (`SetAsBox(hx, hy, center, angle)`).
    public init(boxHalfWidth hx: Float, halfHeight hy: Float, center: Vec2, angle: Float) throws {
        try self.init(boxHalfWidth: hx, halfHeight: hy)
        let xf = Transform(center, angle: angle)
        for i in 0..<4 {
            vertices[i] = xf.apply(vertices[i])
            normals[i] = xf.q.apply(normals[i])
        }
        centroid = center
    }

    /// The convex hull of `points` (gift wrapping from the right-most point, as
    /// `b2PolygonShape::Set` in pybox2d's Box2D, which does not weld close points).
    public init(vertices points: [Vec2]) throws {
        let n = points.count
        guard n >= 3, n <= maxPolygonVertices else { throw PhysicsError.vertexCount(n) }
        for p in points where !(p.x.isFinite && p.y.isFinite) { throw PhysicsError.degeneratePolygon }
        var i0 = 0
        var x0 = points[0].x
        for i in 1..<n {
            let x = points[i].x
            if x > x0 || (x == x0 && points[i].y < points[i0].y) {
                i0 = i
                x0 = x
            }
        }
        var hull: [Int] = []
        var ih = i0
        while true {
            if hull.count > n { throw PhysicsError.degeneratePolygon }
            hull.append(ih)
            var ie = 0
            for j in 1..<n {
                if ie == ih { ie = j; continue }
                let r = points[ie] - points[hull[hull.count - 1]]
                let v = points[j] - points[hull[hull.count - 1]]
                let c = r.cross(v)
                if c < 0 { ie = j }
                if c == 0 && v.lengthSquared > r.lengthSquared { ie = j }
            }
            ih = ie
            if ie == i0 { break }
        }
        guard hull.count >= 3 else { throw PhysicsError.degeneratePolygon }
        let vs = hull.map { points[$0] }
        var ns: [Vec2] = []
        for i in 0..<vs.count {
            let edge = vs[i + 1 < vs.count ? i + 1 : 0] - vs[i]
            guard edge.lengthSquared > floatEpsilon * floatEpsilon else { throw PhysicsError.degeneratePolygon }
            ns.append(edge.cross(1).normalized)
        }
        vertices = vs
        normals = ns
        guard let c = PolygonShape.computeCentroid(vs) else { throw PhysicsError.degeneratePolygon }
        centroid = c
    }

    /// Area-weighted centroid with the origin as the triangle fan's reference point.
    static func computeCentroid(_ vs: [Vec2]) -> Vec2? {
        var c = Vec2.zero
        var area: Float = 0
        let pRef = Vec2.zero
        let inv3: Float = 1.0 / 3.0
        for i in 0..<vs.count {
            let p1 = pRef, p2 = vs[i], p3 = i + 1 < vs.count ? vs[i + 1] : vs[0]
            let e1 = p2 - p1, e2 = p3 - p1
            let d = e1.cross(e2)
            let triangleArea = 0.5 * d
            area += triangleArea
            c += triangleArea * inv3 * (p1 + p2 + p3)
        }
        guard area > floatEpsilon else { return nil }
        return (1 / area) * c
    }

    /// Mass properties at `density` (`b2PolygonShape::ComputeMass`).
    public func massData(density: Float) -> MassData {
        var center = Vec2.zero
        var area: Float = 0
        var inertia: Float = 0
        // Reference point: the vertex average, which reduces round-off.
        let n = vertices.count
        var s = Vec2.zero
        for v in vertices { s += v }
        let invCount = 1 / Float(n)
        s = Vec2(s.x * invCount, s.y * invCount)
        let kInv3: Float = 1.0 / 3.0
        for i in 0..<n {
            let e1 = vertices[i] - s
            let e2 = i + 1 < n ? vertices[i + 1] - s : vertices[0] - s
            let d = e1.cross(e2)
            let triangleArea = 0.5 * d
            area += triangleArea
            center += triangleArea * kInv3 * (e1 + e2)
            let ex1 = e1.x, ey1 = e1.y, ex2 = e2.x, ey2 = e2.y
            let intx2 = ex1 * ex1 + ex2 * ex1 + ex2 * ex2
            let inty2 = ey1 * ey1 + ey2 * ey1 + ey2 * ey2
            inertia += (0.25 * kInv3 * d) * (intx2 + inty2)
        }
        let mass = density * area
        center = (1 / area) * center
        let massCenter = center + s
        var i = density * inertia
        i += mass * (massCenter.dot(massCenter) - center.dot(center))
        return MassData(mass: mass, center: massCenter, inertia: i)
    }

    /// Bounding box under `xf`, including the skin.
    @inlinable public func aabb(_ xf: Transform) -> AABB {
        var lower = xf.apply(vertices[0])
        var upper = lower
        for i in 1..<vertices.count {
            let v = xf.apply(vertices[i])
            lower = .min(lower, v)
            upper = .max(upper, v)
        }
        let r = Vec2(radius, radius)
        return AABB(lowerBound: lower - r, upperBound: upper + r)
    }

    /// Whether world point `p` lies inside the polygon placed at `xf`.
    public func contains(_ p: Vec2, at xf: Transform) -> Bool {
        let local = xf.q.applyInverse(p - xf.p)
        for i in 0..<vertices.count where normals[i].dot(local - vertices[i]) > 0 { return false }
        return true
    }
}
