/// Polygon–polygon narrow phase (`b2CollidePolygons`, in the form shipped with pybox2d:
/// the separating-axis search starts from the edge facing the other centroid and walks to
/// neighbours while the separation grows).
enum PolygonCollider {
    /// Separation of `poly2` from `poly1`'s edge `edge1` (`b2EdgeSeparation`).
    @inline(__always) static func edgeSeparation(_ poly1: PolygonShape, _ xf1: Transform, _ edge1: Int, _ poly2: PolygonShape, _ xf2: Transform) -> Float {
        let normal1World = xf1.q.apply(poly1.normals[edge1])
        let normal1 = xf2.q.applyInverse(normal1World)
        var index = 0
        var minDot = Float.greatestFiniteMagnitude
        for i in 0..<poly2.count {
            let dot = poly2.vertices[i].dot(normal1)
            if dot < minDot { minDot = dot; index = i }
        }
        let v1 = xf1.apply(poly1.vertices[edge1])
        let v2 = xf2.apply(poly2.vertices[index])
        return (v2 - v1).dot(normal1World)
    }

    /// The edge of `poly1` with the largest separation from `poly2`, and that separation.
    static func findMaxSeparation(_ poly1: PolygonShape, _ xf1: Transform, _ poly2: PolygonShape, _ xf2: Transform) -> (Int, Float) {
        let count1 = poly1.count
        let d = xf2.apply(poly2.centroid) - xf1.apply(poly1.centroid)
        let dLocal1 = xf1.q.applyInverse(d)
        var edge = 0
        var maxDot = -Float.greatestFiniteMagnitude
        for i in 0..<count1 {
            let dot = poly1.normals[i].dot(dLocal1)
            if dot > maxDot { maxDot = dot; edge = i }
        }
        var s = edgeSeparation(poly1, xf1, edge, poly2, xf2)
        let prevEdge = edge - 1 >= 0 ? edge - 1 : count1 - 1
        let sPrev = edgeSeparation(poly1, xf1, prevEdge, poly2, xf2)
        let nextEdge = edge + 1 < count1 ? edge + 1 : 0
        let sNext = edgeSeparation(poly1, xf1, nextEdge, poly2, xf2)
        var bestEdge: Int
        var bestSeparation: Float
        let increment: Int
        if sPrev > s && sPrev > sNext {
            increment = -1; bestEdge = prevEdge; bestSeparation = sPrev
        } else if sNext > s {
            increment = 1; bestEdge = nextEdge; bestSeparation = sNext
        } else {
            return (edge, s)
        }
        while true {
            if increment == -1 {
                edge = bestEdge - 1 >= 0 ? bestEdge - 1 : count1 - 1
            } else {
                edge = bestEdge + 1 < count1 ? bestEdge + 1 : 0
            }
            s = edgeSeparation(poly1, xf1, edge, poly2, xf2)
            if s > bestSeparation {
                bestEdge = edge; bestSeparation = s
            } else {
                break
            }
        }
        return (bestEdge, bestSeparation)
    }

    static func findIncidentEdge(_ poly1: PolygonShape, _ xf1: Transform, _ edge1: Int, _ poly2: PolygonShape, _ xf2: Transform) -> ClipPair {
        let normal1 = xf2.q.applyInverse(xf1.q.apply(poly1.normals[edge1]))
        var index = 0
        var minDot = Float.greatestFiniteMagnitude
        for i in 0..<poly2.count {
            let dot = normal1.dot(poly2.normals[i])
            if dot < minDot { minDot = dot; index = i }
        }
        let i1 = index
        let i2 = i1 + 1 < poly2.count ? i1 + 1 : 0
        var c = ClipPair()
        c.a = ClipVertex(v: xf2.apply(poly2.vertices[i1]), id: ContactID(indexA: edge1, indexB: i1, typeA: ContactID.face, typeB: ContactID.vertex))
        c.b = ClipVertex(v: xf2.apply(poly2.vertices[i2]), id: ContactID(indexA: edge1, indexB: i2, typeA: ContactID.face, typeB: ContactID.vertex))
        return c
    }

    static func collide(_ manifold: inout Manifold, _ polyA: PolygonShape, _ xfA: Transform, _ polyB: PolygonShape, _ xfB: Transform) {
        manifold.pointCount = 0
        let totalRadius = polyA.radius + polyB.radius
        let (edgeA, separationA) = findMaxSeparation(polyA, xfA, polyB, xfB)
        if separationA > totalRadius { return }
        let (edgeB, separationB) = findMaxSeparation(polyB, xfB, polyA, xfA)
        if separationB > totalRadius { return }

        let poly1: PolygonShape, poly2: PolygonShape
        let xf1: Transform, xf2: Transform
        let edge1: Int
        let flip: Bool
        let kRelativeTol: Float = 0.98
        let kAbsoluteTol: Float = 0.001
        if separationB > kRelativeTol * separationA + kAbsoluteTol {
            poly1 = polyB; poly2 = polyA; xf1 = xfB; xf2 = xfA; edge1 = edgeB
            manifold.kind = .faceB
            flip = true
        } else {
            poly1 = polyA; poly2 = polyB; xf1 = xfA; xf2 = xfB; edge1 = edgeA
            manifold.kind = .faceA
            flip = false
        }
        let incidentEdge = findIncidentEdge(poly1, xf1, edge1, poly2, xf2)
        let count1 = poly1.count
        let iv1 = edge1
        let iv2 = edge1 + 1 < count1 ? edge1 + 1 : 0
        var v11 = poly1.vertices[iv1]
        var v12 = poly1.vertices[iv2]
        var localTangent = v12 - v11
        localTangent.normalize()
        let localNormal = localTangent.cross(1)
        let planePoint = 0.5 * (v11 + v12)
        let tangent = xf1.q.apply(localTangent)
        let normal = tangent.cross(1)
        v11 = xf1.apply(v11)
        v12 = xf1.apply(v12)
        let frontOffset = normal.dot(v11)
        let sideOffset1 = -tangent.dot(v11) + totalRadius
        let sideOffset2 = tangent.dot(v12) + totalRadius

        var clip1 = ClipPair(), clip2 = ClipPair()
        if clipSegmentToLine(&clip1, incidentEdge, normal: -tangent, offset: sideOffset1, vertexIndexA: iv1) < 2 { return }
        if clipSegmentToLine(&clip2, clip1, normal: tangent, offset: sideOffset2, vertexIndexA: iv2) < 2 { return }

        manifold.localNormal = localNormal
        manifold.localPoint = planePoint
        var pointCount = 0
        for i in 0..<maxManifoldPoints {
            let cv = clip2[i]
            let separation = normal.dot(cv.v) - frontOffset
            if separation <= totalRadius {
                var cp = ManifoldPoint()
                cp.localPoint = xf2.applyInverse(cv.v)
                cp.id = flip ? cv.id.flipped : cv.id
                manifold[pointCount] = cp
                pointCount += 1
            }
        }
        manifold.pointCount = pointCount
    }
}
