/// Edge–polygon narrow phase (Box2D's EP collider, `b2CollideEdgeAndPolygon`): the polygon
/// is moved into the edge's frame, the edge normal and the polygon's normals are tested as
/// separating axes (the polygon axis wins only when clearly better, for coherence), and the
/// incident feature is clipped against the reference face.
@usableFromInline struct EdgePolygonCollider {
    @usableFromInline enum AxisKind { case unknown, edgeA, edgeB }
    @usableFromInline struct Axis {
        var kind: AxisKind
        var index: Int
        var separation: Float
    }

    var xf = Transform.identity
    var v1 = Vec2.zero, v2 = Vec2.zero
    var normal = Vec2.zero, normal1 = Vec2.zero
    var lowerLimit = Vec2.zero, upperLimit = Vec2.zero
    var front = false
    let radius: Float = 2 * polygonRadius

    @usableFromInline init() {}

    @inline(__always) func vertexB(_ p: PolygonShape, _ i: Int) -> Vec2 { xf.apply(p.vertices[i]) }
    @inline(__always) func normalB(_ p: PolygonShape, _ i: Int) -> Vec2 { xf.q.apply(p.normals[i]) }

    @usableFromInline mutating func collide(_ manifold: inout Manifold, _ edgeA: EdgeShape, _ xfA: Transform, _ polygonB: PolygonShape, _ xfB: Transform) {
        xf = xfA.inverseTimes(xfB)
        let centroidB = xf.apply(polygonB.centroid)
        v1 = edgeA.vertex1
        v2 = edgeA.vertex2
        let hasVertex0 = edgeA.vertex0 != nil
        let hasVertex3 = edgeA.vertex3 != nil
        let v0 = edgeA.vertex0 ?? .zero
        let v3 = edgeA.vertex3 ?? .zero

        var edge1 = v2 - v1
        edge1.normalize()
        normal1 = Vec2(edge1.y, -edge1.x)
        let offset1 = normal1.dot(centroidB - v1)
        var offset0: Float = 0, offset2: Float = 0
        var convex1 = false, convex2 = false
        var normal0 = Vec2.zero, normal2 = Vec2.zero

        if hasVertex0 {
            var edge0 = v1 - v0
            edge0.normalize()
            normal0 = Vec2(edge0.y, -edge0.x)
            convex1 = edge0.cross(edge1) >= 0
            offset0 = normal0.dot(centroidB - v0)
        }
        if hasVertex3 {
            var edge2 = v3 - v2
            edge2.normalize()
            normal2 = Vec2(edge2.y, -edge2.x)
            convex2 = edge1.cross(edge2) > 0
            offset2 = normal2.dot(centroidB - v2)
        }

        func set(_ f: Bool, _ n: Vec2, _ lo: Vec2, _ up: Vec2) {
            front = f; normal = n; lowerLimit = lo; upperLimit = up
        }
        if hasVertex0 && hasVertex3 {
            if convex1 && convex2 {
                let f = offset0 >= 0 || offset1 >= 0 || offset2 >= 0
                if f { set(f, normal1, normal0, normal2) } else { set(f, -normal1, -normal1, -normal1) }
            } else if convex1 {
                let f = offset0 >= 0 || (offset1 >= 0 && offset2 >= 0)
                if f { set(f, normal1, normal0, normal1) } else { set(f, -normal1, -normal2, -normal1) }
            } else if convex2 {
                let f = offset2 >= 0 || (offset0 >= 0 && offset1 >= 0)
                if f { set(f, normal1, normal1, normal2) } else { set(f, -normal1, -normal1, -normal0) }
            } else {
                let f = offset0 >= 0 && offset1 >= 0 && offset2 >= 0
                if f { set(f, normal1, normal1, normal1) } else { set(f, -normal1, -normal2, -normal0) }
            }
        } else if hasVertex0 {
            if convex1 {
                let f = offset0 >= 0 || offset1 >= 0
                if f { set(f, normal1, normal0, -normal1) } else { set(f, -normal1, normal1, -normal1) }
            } else {
                let f = offset0 >= 0 && offset1 >= 0
                if f { set(f, normal1, normal1, -normal1) } else { set(f, -normal1, normal1, -normal0) }
            }
        } else if hasVertex3 {
            if convex2 {
                let f = offset1 >= 0 || offset2 >= 0
                if f { set(f, normal1, -normal1, normal2) } else { set(f, -normal1, -normal1, normal1) }
            } else {
                let f = offset1 >= 0 && offset2 >= 0
                if f { set(f, normal1, -normal1, normal1) } else { set(f, -normal1, -normal2, normal1) }
            }
        } else {
            let f = offset1 >= 0
            if f { set(f, normal1, -normal1, -normal1) } else { set(f, -normal1, normal1, normal1) }
        }

        manifold.pointCount = 0
        let count = polygonB.count

        // Edge axis.
        var edgeSep = Float.greatestFiniteMagnitude
        for i in 0..<count {
            let s = normal.dot(vertexB(polygonB, i) - v1)
            if s < edgeSep { edgeSep = s }
        }
        let edgeAxis = Axis(kind: .edgeA, index: front ? 0 : 1, separation: edgeSep)
        if edgeAxis.separation > radius { return }

        // Polygon axes.
        var polygonAxis = Axis(kind: .unknown, index: -1, separation: -Float.greatestFiniteMagnitude)
        let perp = Vec2(-normal.y, normal.x)
        for i in 0..<count {
            let n = -normalB(polygonB, i)
            let vb = vertexB(polygonB, i)
            let s1 = n.dot(vb - v1)
            let s2 = n.dot(vb - v2)
            let s = min(s1, s2)
            if s > radius {
                polygonAxis = Axis(kind: .edgeB, index: i, separation: s)
                break
            }
            if n.dot(perp) >= 0 {
                if (n - upperLimit).dot(normal) < -angularSlop { continue }
            } else {
                if (n - lowerLimit).dot(normal) < -angularSlop { continue }
            }
            if s > polygonAxis.separation {
                polygonAxis = Axis(kind: .edgeB, index: i, separation: s)
            }
        }
        if polygonAxis.kind != .unknown && polygonAxis.separation > radius { return }

        let kRelativeTol: Float = 0.98
        let kAbsoluteTol: Float = 0.001
        let primary: Axis
        if polygonAxis.kind == .unknown {
            primary = edgeAxis
        } else if polygonAxis.separation > kRelativeTol * edgeAxis.separation + kAbsoluteTol {
            primary = polygonAxis
        } else {
            primary = edgeAxis
        }

        var ie = ClipPair()
        var rfI1 = 0, rfI2 = 0
        var rfV1 = Vec2.zero, rfV2 = Vec2.zero, rfNormal = Vec2.zero
        if primary.kind == .edgeA {
            manifold.kind = .faceA
            var bestIndex = 0
            var bestValue = normal.dot(normalB(polygonB, 0))
            for i in 1..<count {
                let value = normal.dot(normalB(polygonB, i))
                if value < bestValue { bestValue = value; bestIndex = i }
            }
            let i1 = bestIndex
            let i2 = i1 + 1 < count ? i1 + 1 : 0
            ie.a = ClipVertex(v: vertexB(polygonB, i1), id: ContactID(indexA: 0, indexB: i1, typeA: ContactID.face, typeB: ContactID.vertex))
            ie.b = ClipVertex(v: vertexB(polygonB, i2), id: ContactID(indexA: 0, indexB: i2, typeA: ContactID.face, typeB: ContactID.vertex))
            if front {
                rfI1 = 0; rfI2 = 1; rfV1 = v1; rfV2 = v2; rfNormal = normal1
            } else {
                rfI1 = 1; rfI2 = 0; rfV1 = v2; rfV2 = v1; rfNormal = -normal1
            }
        } else {
            manifold.kind = .faceB
            ie.a = ClipVertex(v: v1, id: ContactID(indexA: 0, indexB: primary.index, typeA: ContactID.vertex, typeB: ContactID.face))
            ie.b = ClipVertex(v: v2, id: ContactID(indexA: 0, indexB: primary.index, typeA: ContactID.vertex, typeB: ContactID.face))
            rfI1 = primary.index
            rfI2 = rfI1 + 1 < count ? rfI1 + 1 : 0
            rfV1 = vertexB(polygonB, rfI1)
            rfV2 = vertexB(polygonB, rfI2)
            rfNormal = normalB(polygonB, rfI1)
        }

        let sideNormal1 = Vec2(rfNormal.y, -rfNormal.x)
        let sideNormal2 = -sideNormal1
        let sideOffset1 = sideNormal1.dot(rfV1)
        let sideOffset2 = sideNormal2.dot(rfV2)

        var clip1 = ClipPair(), clip2 = ClipPair()
        if clipSegmentToLine(&clip1, ie, normal: sideNormal1, offset: sideOffset1, vertexIndexA: rfI1) < maxManifoldPoints { return }
        if clipSegmentToLine(&clip2, clip1, normal: sideNormal2, offset: sideOffset2, vertexIndexA: rfI2) < maxManifoldPoints { return }

        if primary.kind == .edgeA {
            manifold.localNormal = rfNormal
            manifold.localPoint = rfV1
        } else {
            manifold.localNormal = polygonB.normals[rfI1]
            manifold.localPoint = polygonB.vertices[rfI1]
        }

        var pointCount = 0
        for i in 0..<maxManifoldPoints {
            let cv = clip2[i]
            let separation = rfNormal.dot(cv.v - rfV1)
            if separation <= radius {
                var cp = ManifoldPoint()
                if primary.kind == .edgeA {
                    cp.localPoint = xf.applyInverse(cv.v)
                    cp.id = cv.id
                } else {
                    cp.localPoint = cv.v
                    cp.id = cv.id.flipped
                }
                manifold[pointCount] = cp
                pointCount += 1
            }
        }
        manifold.pointCount = pointCount
    }
}

/// Computes the manifold of an edge (shape A) against a polygon (shape B).
@inlinable func collideEdgeAndPolygon(_ manifold: inout Manifold, _ edgeA: EdgeShape, _ xfA: Transform, _ polygonB: PolygonShape, _ xfB: Transform) {
    var collider = EdgePolygonCollider()
    collider.collide(&manifold, edgeA, xfA, polygonB, xfB)
}
