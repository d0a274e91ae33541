/// A convex shape as seen by GJK (`b2DistanceProxy`): its vertices and skin radius.
/// Polygons share their vertex array; edges keep their two vertices inline (no allocation).
@usableFromInline struct DistanceProxy {
    let polygonVertices: [Vec2]
    let e1: Vec2, e2: Vec2
    let isEdge: Bool
    let count: Int
    let radius: Float

    init(_ shape: Shape) {
        switch shape {
        case .polygon(let p):
            polygonVertices = p.vertices
            e1 = .zero; e2 = .zero
            isEdge = false
            count = p.count
            radius = p.radius
        case .edge(let e):
            polygonVertices = []
            e1 = e.vertex1; e2 = e.vertex2
            isEdge = true
            count = 2
            radius = e.radius
        case .circle(let c):
            polygonVertices = []
            e1 = c.center; e2 = c.center
            isEdge = true
            count = 1
            radius = c.radius
        }
    }

    @inline(__always) func vertex(_ i: Int) -> Vec2 {
        isEdge ? (i == 0 ? e1 : e2) : polygonVertices[i]
    }

    @inline(__always) func support(_ d: Vec2) -> Int {
        var bestIndex = 0
        var bestValue = vertex(0).dot(d)
        for i in 1..<count {
            let value = vertex(i).dot(d)
            if value > bestValue { bestIndex = i; bestValue = value }
        }
        return bestIndex
    }
}

/// Warm-start data for GJK (`b2SimplexCache`).
@usableFromInline struct SimplexCache {
    var metric: Float = 0
    var count = 0
    var indexA: (Int, Int, Int) = (0, 0, 0)
    var indexB: (Int, Int, Int) = (0, 0, 0)
    init() {}
}

/// Result of `distance` (`b2DistanceOutput`).
@usableFromInline struct DistanceOutput {
    var pointA = Vec2.zero
    var pointB = Vec2.zero
    var distance: Float = 0
    var iterations = 0
}

struct SimplexVertex {
    var wA = Vec2.zero, wB = Vec2.zero, w = Vec2.zero
    var a: Float = 0
    var indexA = 0, indexB = 0
}

/// GJK simplex of up to three Minkowski-difference vertices (`b2Simplex`).
struct Simplex {
    var v1 = SimplexVertex(), v2 = SimplexVertex(), v3 = SimplexVertex()
    var count = 0

    subscript(i: Int) -> SimplexVertex {
        get { i == 0 ? v1 : (i == 1 ? v2 : v3) }
        set { if i == 0 { v1 = newValue } else if i == 1 { v2 = newValue } else { v3 = newValue } }
    }

    mutating func readCache(_ cache: SimplexCache, _ pA: DistanceProxy, _ xfA: Transform, _ pB: DistanceProxy, _ xfB: Transform) {
        count = cache.count
        for i in 0..<count {
            var v = SimplexVertex()
            v.indexA = i == 0 ? cache.indexA.0 : (i == 1 ? cache.indexA.1 : cache.indexA.2)
            v.indexB = i == 0 ? cache.indexB.0 : (i == 1 ? cache.indexB.1 : cache.indexB.2)
            v.wA = xfA.apply(pA.vertex(v.indexA))
            v.wB = xfB.apply(pB.vertex(v.indexB))
            v.w = v.wB - v.wA
            v.a = 0
            self[i] = v
        }
        if count > 1 {
            let metric1 = cache.metric
            let metric2 = metric
            if metric2 < 0.5 * metric1 || 2 * metric1 < metric2 || metric2 < floatEpsilon { count = 0 }
        }
        if count == 0 {
            var v = SimplexVertex()
            v.wA = xfA.apply(pA.vertex(0))
            v.wB = xfB.apply(pB.vertex(0))
            v.w = v.wB - v.wA
            v.a = 1
            v1 = v
            count = 1
        }
    }

    func writeCache(_ cache: inout SimplexCache) {
        cache.metric = metric
        cache.count = count
        cache.indexA = (v1.indexA, v2.indexA, v3.indexA)
        cache.indexB = (v1.indexB, v2.indexB, v3.indexB)
    }

    var searchDirection: Vec2 {
        switch count {
        case 1: return -v1.w
        default:
            let e12 = v2.w - v1.w
            let sgn = e12.cross(-v1.w)
            return sgn > 0 ? cross(1, e12) : e12.cross(1)
        }
    }

    var closestPoint: Vec2 {
        switch count {
        case 1: return v1.w
        case 2: return v1.a * v1.w + v2.a * v2.w
        default: return .zero
        }
    }

    func witnessPoints() -> (Vec2, Vec2) {
        switch count {
        case 1: return (v1.wA, v1.wB)
        case 2: return (v1.a * v1.wA + v2.a * v2.wA, v1.a * v1.wB + v2.a * v2.wB)
        default:
            let p = v1.a * v1.wA + v2.a * v2.wA + v3.a * v3.wA
            return (p, p)
        }
    }

    var metric: Float {
        switch count {
        case 0, 1: return 0
        case 2: return (v1.w - v2.w).length
        default: return (v2.w - v1.w).cross(v3.w - v1.w)
        }
    }

    mutating func solve2() {
        let w1 = v1.w, w2 = v2.w
        let e12 = w2 - w1
        let d12_2 = -w1.dot(e12)
        if d12_2 <= 0 { v1.a = 1; count = 1; return }
        let d12_1 = w2.dot(e12)
        if d12_1 <= 0 { v2.a = 1; count = 1; v1 = v2; return }
        let inv = 1 / (d12_1 + d12_2)
        v1.a = d12_1 * inv
        v2.a = d12_2 * inv
        count = 2
    }

    mutating func solve3() {
        let w1 = v1.w, w2 = v2.w, w3 = v3.w
        let e12 = w2 - w1
        let w1e12 = w1.dot(e12), w2e12 = w2.dot(e12)
        let d12_1 = w2e12, d12_2 = -w1e12
        let e13 = w3 - w1
        let w1e13 = w1.dot(e13), w3e13 = w3.dot(e13)
        let d13_1 = w3e13, d13_2 = -w1e13
        let e23 = w3 - w2
        let w2e23 = w2.dot(e23), w3e23 = w3.dot(e23)
        let d23_1 = w3e23, d23_2 = -w2e23
        let n123 = e12.cross(e13)
        let d123_1 = n123 * w2.cross(w3)
        let d123_2 = n123 * w3.cross(w1)
        let d123_3 = n123 * w1.cross(w2)
        if d12_2 <= 0 && d13_2 <= 0 { v1.a = 1; count = 1; return }
        if d12_1 > 0 && d12_2 > 0 && d123_3 <= 0 {
            let inv = 1 / (d12_1 + d12_2)
            v1.a = d12_1 * inv; v2.a = d12_2 * inv; count = 2; return
        }
        if d13_1 > 0 && d13_2 > 0 && d123_2 <= 0 {
            let inv = 1 / (d13_1 + d13_2)
            v1.a = d13_1 * inv; v3.a = d13_2 * inv; count = 2; v2 = v3; return
        }
        if d12_1 <= 0 && d23_2 <= 0 { v2.a = 1; count = 1; v1 = v2; return }
        if d13_1 <= 0 && d23_1 <= 0 { v3.a = 1; count = 1; v1 = v3; return }
        if d23_1 > 0 && d23_2 > 0 && d123_1 <= 0 {
            let inv = 1 / (d23_1 + d23_2)
            v2.a = d23_1 * inv; v3.a = d23_2 * inv; count = 2; v1 = v3; return
        }
        let inv = 1 / (d123_1 + d123_2 + d123_3)
        v1.a = d123_1 * inv; v2.a = d123_2 * inv; v3.a = d123_3 * inv
        count = 3
    }
}

/// Closest points between two convex shapes by GJK (`b2Distance`).
func distance(_ proxyA: DistanceProxy, _ xfA: Transform, _ proxyB: DistanceProxy, _ xfB: Transform, useRadii: Bool, cache: inout SimplexCache) -> DistanceOutput {
    var simplex = Simplex()
    simplex.readCache(cache, proxyA, xfA, proxyB, xfB)
    let kMaxIters = 20
    var saveA = (0, 0, 0), saveB = (0, 0, 0)
    var iter = 0
    while iter < kMaxIters {
        let saveCount = simplex.count
        saveA = (simplex.v1.indexA, simplex.v2.indexA, simplex.v3.indexA)
        saveB = (simplex.v1.indexB, simplex.v2.indexB, simplex.v3.indexB)
        switch simplex.count {
        case 2: simplex.solve2()
        case 3: simplex.solve3()
        default: break
        }
        if simplex.count == 3 { break }
        let d = simplex.searchDirection
        if d.lengthSquared < floatEpsilon * floatEpsilon { break }
        var vertex = SimplexVertex()
        vertex.indexA = proxyA.support(xfA.q.applyInverse(-d))
        vertex.wA = xfA.apply(proxyA.vertex(vertex.indexA))
        vertex.indexB = proxyB.support(xfB.q.applyInverse(d))
        vertex.wB = xfB.apply(proxyB.vertex(vertex.indexB))
        vertex.w = vertex.wB - vertex.wA
        iter += 1
        var duplicate = false
        for i in 0..<saveCount {
            let sa = i == 0 ? saveA.0 : (i == 1 ? saveA.1 : saveA.2)
            let sb = i == 0 ? saveB.0 : (i == 1 ? saveB.1 : saveB.2)
            if vertex.indexA == sa && vertex.indexB == sb { duplicate = true; break }
        }
        if duplicate { break }
        simplex[simplex.count] = vertex
        simplex.count += 1
    }
    var out = DistanceOutput()
    (out.pointA, out.pointB) = simplex.witnessPoints()
    out.distance = (out.pointA - out.pointB).length
    out.iterations = iter
    simplex.writeCache(&cache)
    if useRadii {
        let rA = proxyA.radius, rB = proxyB.radius
        if out.distance > rA + rB && out.distance > floatEpsilon {
            out.distance -= rA + rB
            var normal = out.pointB - out.pointA
            normal.normalize()
            out.pointA += rA * normal
            out.pointB -= rB * normal
        } else {
            let p = 0.5 * (out.pointA + out.pointB)
            out.pointA = p
            out.pointB = p
            out.distance = 0
        }
    }
    return out
}
