/// A ray hit on a shape: the fraction along `p1 → p2` and the surface normal.
public struct RayCastHit: Sendable, Equatable {
    public var fraction: Float
    public var normal: Vec2
}

extension PolygonShape {
    /// Ray cast against the polygon placed at `xf` (`b2PolygonShape::RayCast`).
    public func rayCast(from p1World: Vec2, to p2World: Vec2, maxFraction: Float, at xf: Transform) -> RayCastHit? {
        let p1 = xf.q.applyInverse(p1World - xf.p)
        let p2 = xf.q.applyInverse(p2World - xf.p)
        let d = p2 - p1
        var lower: Float = 0, upper = maxFraction
        var index = -1
        for i in 0..<count {
            let numerator = normals[i].dot(vertices[i] - p1)
            let denominator = normals[i].dot(d)
            if denominator == 0 {
                if numerator < 0 { return nil }
            } else {
                if denominator < 0 && numerator < lower * denominator {
                    lower = numerator / denominator
                    index = i
                } else if denominator > 0 && numerator < upper * denominator {
                    upper = numerator / denominator
                }
            }
            if upper < lower { return nil }
        }
        if index >= 0 { return RayCastHit(fraction: lower, normal: xf.q.apply(normals[index])) }
        return nil
    }
}

extension EdgeShape {
    /// Ray cast against the edge placed at `xf`. As in pybox2d's Box2D, the normal is the
    /// edge's normal in the edge's own frame (not rotated by `xf`); terrain edges sit on
    /// static bodies at the identity, where the two agree.
    public func rayCast(from p1World: Vec2, to p2World: Vec2, maxFraction: Float, at xf: Transform) -> RayCastHit? {
        let p1 = xf.q.applyInverse(p1World - xf.p)
        let p2 = xf.q.applyInverse(p2World - xf.p)
        let d = p2 - p1
        let v1 = vertex1, v2 = vertex2
        let e = v2 - v1
        var normal = Vec2(e.y, -e.x)
        normal.normalize()
        let numerator = normal.dot(v1 - p1)
        let denominator = normal.dot(d)
        if denominator == 0 { return nil }
        let t = numerator / denominator
        if t < 0 || maxFraction < t { return nil }
        let q = p1 + t * d
        let r = v2 - v1
        let rr = r.dot(r)
        if rr == 0 { return nil }
        let s = (q - v1).dot(r) / rr
        if s < 0 || 1 < s { return nil }
        return RayCastHit(fraction: t, normal: numerator > 0 ? -normal : normal)
    }
}

extension Shape {
    /// Ray cast against the shape placed at `xf`.
    public func rayCast(from p1: Vec2, to p2: Vec2, maxFraction: Float, at xf: Transform) -> RayCastHit? {
        switch self {
        case .polygon(let p): return p.rayCast(from: p1, to: p2, maxFraction: maxFraction, at: xf)
        case .edge(let e): return e.rayCast(from: p1, to: p2, maxFraction: maxFraction, at: xf)
        case .circle(let c): return c.rayCast(from: p1, to: p2, maxFraction: maxFraction, at: xf)
        }
    }
}

extension DynamicTree {
    /// Visits leaves whose fat boxes the segment may cross, in Box2D's traversal order
    /// (`b2DynamicTree::RayCast`). `visit(id, maxFraction)` returns the new clip fraction:
    /// 0 stops, a negative value ignores the leaf, a positive value clips the ray.
    mutating func rayCast(from p1: Vec2, to p2: Vec2, maxFraction initialMax: Float, _ visit: (Int, Float) -> Float) {
        var r = p2 - p1
        r.normalize()
        let v = cross(1, r)
        let absV = Vec2(abs(v.x), abs(v.y))
        var maxFraction = initialMax
        var t = p1 + maxFraction * (p2 - p1)
        var segment = AABB(lowerBound: .min(p1, t), upperBound: .max(p1, t))
        var stack: [Int] = [root]
        while let nodeId = stack.popLast() {
            if nodeId == DynamicTree.nullNode { continue }
            let node = nodes[nodeId]
            if !node.aabb.overlaps(segment) { continue }
            let c = 0.5 * (node.aabb.lowerBound + node.aabb.upperBound)
            let h = 0.5 * (node.aabb.upperBound - node.aabb.lowerBound)
            let separation = abs(v.dot(p1 - c)) - absV.dot(h)
            if separation > 0 { continue }
            if node.isLeaf {
                let value = visit(nodeId, maxFraction)
                if value == 0 { return }
                if value > 0 {
                    maxFraction = value
                    t = p1 + maxFraction * (p2 - p1)
                    segment = AABB(lowerBound: .min(p1, t), upperBound: .max(p1, t))
                }
            } else {
                stack.append(node.child1)
                stack.append(node.child2)
            }
        }
    }
}

extension World {
    /// Casts the segment `p1 → p2` through every fixture (`b2World::RayCast`). For each hit
    /// `callback(fixture, point, normal, fraction)` returns how to continue: -1 ignores the
    /// fixture, 0 stops, `fraction` clips the ray to the closest hit so far, 1 continues.
    public func rayCast(from p1: Vec2, to p2: Vec2, _ callback: (Fixture, Vec2, Vec2, Float) -> Float) {
        let owners = broadPhase.owners
        broadPhase.tree.rayCast(from: p1, to: p2, maxFraction: 1) { id, maxFraction in
            guard let fixture = owners[id] else { return maxFraction }
            guard let hit = fixture.shape.rayCast(from: p1, to: p2, maxFraction: maxFraction, at: fixture.body.transform) else {
                return maxFraction
            }
            let point = (1 - hit.fraction) * p1 + hit.fraction * p2
            return callback(fixture, point, hit.normal, hit.fraction)
        }
    }
}
