/// Narrow phase for pairs involving circles (`b2CollideCircle.cpp` and
/// `b2CollideEdgeAndCircle`): one-point manifolds.
enum CircleCollider {
    /// Circle (A) against circle (B).
    static func circles(_ m: inout Manifold, _ a: CircleShape, _ xfA: Transform, _ b: CircleShape, _ xfB: Transform) {
        m.pointCount = 0
        let pA = xfA.apply(a.center)
        let pB = xfB.apply(b.center)
        let d = pB - pA
        let distSqr = d.dot(d)
        let radius = a.radius + b.radius
        if distSqr > radius * radius { return }
        m.kind = .circles
        m.localPoint = a.center
        m.localNormal = .zero
        m.pointCount = 1
        var p = ManifoldPoint()
        p.localPoint = b.center
        m.point0 = p
    }

    /// Polygon (A) against circle (B).
    static func polygonAndCircle(_ m: inout Manifold, _ polygonA: PolygonShape, _ xfA: Transform, _ circleB: CircleShape, _ xfB: Transform) {
        m.pointCount = 0
        let c = xfB.apply(circleB.center)
        let cLocal = xfA.applyInverse(c)
        var normalIndex = 0
        var separation = -Float.greatestFiniteMagnitude
        let radius = polygonA.radius + circleB.radius
        let count = polygonA.count
        for i in 0..<count {
            let s = polygonA.normals[i].dot(cLocal - polygonA.vertices[i])
            if s > radius { return }
            if s > separation {
                separation = s
                normalIndex = i
            }
        }
        let vertIndex1 = normalIndex
        let vertIndex2 = vertIndex1 + 1 < count ? vertIndex1 + 1 : 0
        let v1 = polygonA.vertices[vertIndex1]
        let v2 = polygonA.vertices[vertIndex2]
        var point = ManifoldPoint()
        point.localPoint = circleB.center

        if separation < floatEpsilon {
            m.pointCount = 1
            m.kind = .faceA
            m.localNormal = polygonA.normals[normalIndex]
            m.localPoint = 0.5 * (v1 + v2)
            m.point0 = point
            return
        }
        let u1 = (cLocal - v1).dot(v2 - v1)
        let u2 = (cLocal - v2).dot(v1 - v2)
        if u1 <= 0 {
            if (cLocal - v1).lengthSquared > radius * radius { return }
            m.pointCount = 1
            m.kind = .faceA
            m.localNormal = (cLocal - v1).normalized
            m.localPoint = v1
            m.point0 = point
        } else if u2 <= 0 {
            if (cLocal - v2).lengthSquared > radius * radius { return }
            m.pointCount = 1
            m.kind = .faceA
            m.localNormal = (cLocal - v2).normalized
            m.localPoint = v2
            m.point0 = point
        } else {
            let faceCenter = 0.5 * (v1 + v2)
            let s = (cLocal - faceCenter).dot(polygonA.normals[vertIndex1])
            if s > radius { return }
            m.pointCount = 1
            m.kind = .faceA
            m.localNormal = polygonA.normals[vertIndex1]
            m.localPoint = faceCenter
            m.point0 = point
        }
    }

    /// Edge (A) against circle (B), honouring ghost vertices.
    static func edgeAndCircle(_ m: inout Manifold, _ edgeA: EdgeShape, _ xfA: Transform, _ circleB: CircleShape, _ xfB: Transform) {
        m.pointCount = 0
        let q = xfA.applyInverse(xfB.apply(circleB.center))
        let a = edgeA.vertex1, b = edgeA.vertex2
        let e = b - a
        let u = e.dot(b - q)
        let v = e.dot(q - a)
        let radius = edgeA.radius + circleB.radius
        var point = ManifoldPoint()
        point.localPoint = circleB.center

        if v <= 0 {
            let d = q - a
            if d.dot(d) > radius * radius { return }
            if let a1 = edgeA.vertex0 {
                let e1 = a - a1
                if e1.dot(a - q) > 0 { return }
            }
            point.id = ContactID(indexA: 0, indexB: 0, typeA: ContactID.vertex, typeB: ContactID.vertex)
            m.pointCount = 1
            m.kind = .circles
            m.localNormal = .zero
            m.localPoint = a
            m.point0 = point
            return
        }
        if u <= 0 {
            let d = q - b
            if d.dot(d) > radius * radius { return }
            if let b2 = edgeA.vertex3 {
                let e2 = b2 - b
                if e2.dot(q - b) > 0 { return }
            }
            point.id = ContactID(indexA: 1, indexB: 0, typeA: ContactID.vertex, typeB: ContactID.vertex)
            m.pointCount = 1
            m.kind = .circles
            m.localNormal = .zero
            m.localPoint = b
            m.point0 = point
            return
        }
        let den = e.dot(e)
        let p = (1 / den) * (u * a + v * b)
        let d = q - p
        if d.dot(d) > radius * radius { return }
        var n = Vec2(-e.y, e.x)
        if n.dot(q - a) < 0 { n = Vec2(-n.x, -n.y) }
        n.normalize()
        point.id = ContactID(indexA: 0, indexB: 0, typeA: ContactID.face, typeB: ContactID.vertex)
        m.pointCount = 1
        m.kind = .faceA
        m.localNormal = n
        m.localPoint = a
        m.point0 = point
    }
}
