/// Outcome of `timeOfImpact` (`b2TOIOutput`).
@usableFromInline struct TOIOutput {
    enum State { case unknown, failed, overlapped, touching, separated }
    var state: State = .unknown
    var t: Float = 0
}

/// The separating axis used by conservative advancement (`b2SeparationFunction`).
struct SeparationFunction {
    enum Kind { case points, faceA, faceB }
    let proxyA: DistanceProxy
    let proxyB: DistanceProxy
    let sweepA: Sweep
    let sweepB: Sweep
    var kind = Kind.points
    var localPoint = Vec2.zero
    var axis = Vec2.zero

    /// Builds the axis from the GJK cache at time `t1`; returns the separation there.
    init(cache: SimplexCache, _ proxyA: DistanceProxy, _ sweepA: Sweep, _ proxyB: DistanceProxy, _ sweepB: Sweep, _ t1: Float, separation s: inout Float) {
        self.proxyA = proxyA
        self.proxyB = proxyB
        self.sweepA = sweepA
        self.sweepB = sweepB
        let xfA = sweepA.transform(at: t1)
        let xfB = sweepB.transform(at: t1)
        if cache.count == 1 {
            kind = .points
            let pointA = xfA.apply(proxyA.vertex(cache.indexA.0))
            let pointB = xfB.apply(proxyB.vertex(cache.indexB.0))
            axis = pointB - pointA
            s = axis.normalize()
        } else if cache.indexA.0 == cache.indexA.1 {
            kind = .faceB
            let b1 = proxyB.vertex(cache.indexB.0)
            let b2 = proxyB.vertex(cache.indexB.1)
            axis = (b2 - b1).cross(1)
            axis.normalize()
            let normal = xfB.q.apply(axis)
            localPoint = 0.5 * (b1 + b2)
            let pointB = xfB.apply(localPoint)
            let pointA = xfA.apply(proxyA.vertex(cache.indexA.0))
            s = (pointA - pointB).dot(normal)
            if s < 0 { axis = -axis; s = -s }
        } else {
            kind = .faceA
            let a1 = proxyA.vertex(cache.indexA.0)
            let a2 = proxyA.vertex(cache.indexA.1)
            axis = (a2 - a1).cross(1)
            axis.normalize()
            let normal = xfA.q.apply(axis)
            localPoint = 0.5 * (a1 + a2)
            let pointA = xfA.apply(localPoint)
            let pointB = xfB.apply(proxyB.vertex(cache.indexB.0))
            s = (pointB - pointA).dot(normal)
            if s < 0 { axis = -axis; s = -s }
        }
    }

    func findMinSeparation(_ indexA: inout Int, _ indexB: inout Int, _ t: Float) -> Float {
        let xfA = sweepA.transform(at: t)
        let xfB = sweepB.transform(at: t)
        switch kind {
        case .points:
            let axisA = xfA.q.applyInverse(axis)
            let axisB = xfB.q.applyInverse(-axis)
            indexA = proxyA.support(axisA)
            indexB = proxyB.support(axisB)
            let pointA = xfA.apply(proxyA.vertex(indexA))
            let pointB = xfB.apply(proxyB.vertex(indexB))
            return (pointB - pointA).dot(axis)
        case .faceA:
            let normal = xfA.q.apply(axis)
            let pointA = xfA.apply(localPoint)
            let axisB = xfB.q.applyInverse(-normal)
            indexA = -1
            indexB = proxyB.support(axisB)
            let pointB = xfB.apply(proxyB.vertex(indexB))
            return (pointB - pointA).dot(normal)
        case .faceB:
            let normal = xfB.q.apply(axis)
            let pointB = xfB.apply(localPoint)
            let axisA = xfA.q.applyInverse(-normal)
            indexB = -1
            indexA = proxyA.support(axisA)
            let pointA = xfA.apply(proxyA.vertex(indexA))
            return (pointA - pointB).dot(normal)
        }
    }

    func evaluate(_ indexA: Int, _ indexB: Int, _ t: Float) -> Float {
        let xfA = sweepA.transform(at: t)
        let xfB = sweepB.transform(at: t)
        switch kind {
        case .points:
            let pointA = xfA.apply(proxyA.vertex(indexA))
            let pointB = xfB.apply(proxyB.vertex(indexB))
            return (pointB - pointA).dot(axis)
        case .faceA:
            let normal = xfA.q.apply(axis)
            let pointA = xfA.apply(localPoint)
            let pointB = xfB.apply(proxyB.vertex(indexB))
            return (pointB - pointA).dot(normal)
        case .faceB:
            let normal = xfB.q.apply(axis)
            let pointB = xfB.apply(localPoint)
            let pointA = xfA.apply(proxyA.vertex(indexA))
            return (pointA - pointB).dot(normal)
        }
    }
}

/// Time of first contact of two moving shapes within a step, by conservative advancement
/// with separating axes (`b2TimeOfImpact`). `tMax` is 1 for a whole step.
func timeOfImpact(_ proxyA: DistanceProxy, _ sweepAIn: Sweep, _ proxyB: DistanceProxy, _ sweepBIn: Sweep, tMax: Float = 1) -> TOIOutput {
    var output = TOIOutput()
    output.state = .unknown
    output.t = tMax
    var sweepA = sweepAIn, sweepB = sweepBIn
    sweepA.normalize()
    sweepB.normalize()
    let totalRadius = proxyA.radius + proxyB.radius
    let target = max(linearSlop, totalRadius - 3 * linearSlop)
    let tolerance = 0.25 * linearSlop
    var t1: Float = 0
    let kMaxIterations = 20
    // pybox2d's Box2D allows 16 polygon vertices; this bound uses that value.
    let kMaxPushBack = 16
    var iter = 0
    var cache = SimplexCache()
    while true {
        let xfA = sweepA.transform(at: t1)
        let xfB = sweepB.transform(at: t1)
        let d = distance(proxyA, xfA, proxyB, xfB, useRadii: false, cache: &cache)
        if d.distance <= 0 {
            output.state = .overlapped
            output.t = 0
            break
        }
        if d.distance < target + tolerance {
            output.state = .touching
            output.t = t1
            break
        }
        var s0: Float = 0
        let fcn = SeparationFunction(cache: cache, proxyA, sweepA, proxyB, sweepB, t1, separation: &s0)
        var done = false
        var t2 = tMax
        var pushBackIter = 0
        while true {
            var indexA = 0, indexB = 0
            var s2 = fcn.findMinSeparation(&indexA, &indexB, t2)
            if s2 > target + tolerance {
                output.state = .separated
                output.t = tMax
                done = true
                break
            }
            if s2 > target - tolerance {
                t1 = t2
                break
            }
            var s1 = fcn.evaluate(indexA, indexB, t1)
            if s1 < target - tolerance {
                output.state = .failed
                output.t = t1
                done = true
                break
            }
            if s1 <= target + tolerance {
                output.state = .touching
                output.t = t1
                done = true
                break
            }
            var rootIterCount = 0
            var a1 = t1, a2 = t2
            while true {
                let t: Float
                if rootIterCount & 1 != 0 {
                    t = a1 + (target - s1) * (a2 - a1) / (s2 - s1)
                } else {
                    t = 0.5 * (a1 + a2)
                }
                rootIterCount += 1
                let s = fcn.evaluate(indexA, indexB, t)
                if abs(s - target) < tolerance {
                    t2 = t
                    break
                }
                if s > target {
                    a1 = t
                    s1 = s
                } else {
                    a2 = t
                    s2 = s
                }
                if rootIterCount == 50 { break }
            }
            pushBackIter += 1
            if pushBackIter == kMaxPushBack { break }
        }
        iter += 1
        if done { break }
        if iter == kMaxIterations {
            output.state = .failed
            output.t = t1
            break
        }
    }
    return output
}
