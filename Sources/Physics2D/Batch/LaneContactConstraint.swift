/// One contact point of a `LaneContactConstraint` (`VelocityConstraintPoint` per lane).
struct LaneContactPoint {
    var rA = LaneVec2(Lanes(), Lanes()), rB = LaneVec2(Lanes(), Lanes())
    var normalImpulse = Lanes(), tangentImpulse = Lanes()
    var normalMass = Lanes(), tangentMass = Lanes(), velocityBias = Lanes()

    mutating func load(lane l: Int, from p: VelocityConstraintPoint) {
        rA.x[l] = p.rA.x
        rA.y[l] = p.rA.y
        rB.x[l] = p.rB.x
        rB.y[l] = p.rB.y
        normalImpulse[l] = p.normalImpulse
        tangentImpulse[l] = p.tangentImpulse
        normalMass[l] = p.normalMass
        tangentMass[l] = p.tangentMass
        velocityBias[l] = p.velocityBias
    }

    func store(lane l: Int, to p: inout VelocityConstraintPoint) {
        p.normalImpulse = normalImpulse[l]
        p.tangentImpulse = tangentImpulse[l]
    }
}

/// A contact's velocity constraint for `laneCount` worlds at once (`ContactVelocityConstraint`
/// per lane): what lets worlds whose landers stand on the ground be batched too.
///
/// `solve` is `ContactSolver.solveOne` written for lanes: the same operations in the same
/// order. The bodies and the point count are the same in every lane; lanes whose world
/// has no such contact at this place in its solver order are not `active`, and keep their
/// velocities and impulses. The two-point block solver's four cases are evaluated in
/// every lane and each lane keeps the first case that holds for its world, or no change
/// when none does, as the scalar solver does.
struct LaneContactConstraint {
    let indexA: Int, indexB: Int
    let pointCount: Int
    /// The lanes whose world has this contact; the others only look on.
    var active = LaneMask()
    /// How many lanes are active, and whether all are (then nothing needs selecting).
    var activeLanes = 0
    var allActive = false
    var p0 = LaneContactPoint(), p1 = LaneContactPoint()
    var normal = LaneVec2(Lanes(), Lanes())
    var k = (ex: LaneVec2(Lanes(), Lanes()), ey: LaneVec2(Lanes(), Lanes()))
    var normalMass = (ex: LaneVec2(Lanes(), Lanes()), ey: LaneVec2(Lanes(), Lanes()))
    var invMassA = Lanes(), invMassB = Lanes(), invIA = Lanes(), invIB = Lanes()
    var friction = Lanes(), tangentSpeed = Lanes()

    init(indexA: Int, indexB: Int, pointCount: Int) {
        self.indexA = indexA
        self.indexB = indexB
        self.pointCount = pointCount
    }

    /// Takes lane `l` from `vc`, after `ContactSolver.initializeVelocityConstraints`, and
    /// makes the lane active.
    mutating func load(lane l: Int, from vc: ContactVelocityConstraint) {
        active[l] = true
        activeLanes += 1
        p0.load(lane: l, from: vc.p0)
        p1.load(lane: l, from: vc.p1)
        normal.x[l] = vc.normal.x
        normal.y[l] = vc.normal.y
        k.ex.x[l] = vc.k.ex.x
        k.ex.y[l] = vc.k.ex.y
        k.ey.x[l] = vc.k.ey.x
        k.ey.y[l] = vc.k.ey.y
        normalMass.ex.x[l] = vc.normalMass.ex.x
        normalMass.ex.y[l] = vc.normalMass.ex.y
        normalMass.ey.x[l] = vc.normalMass.ey.x
        normalMass.ey.y[l] = vc.normalMass.ey.y
        invMassA[l] = vc.invMassA
        invMassB[l] = vc.invMassB
        invIA[l] = vc.invIA
        invIB[l] = vc.invIB
        friction[l] = vc.friction
        tangentSpeed[l] = vc.tangentSpeed
    }

    /// Gives lane `l`'s accumulated impulses back to `vc`.
    func store(lane l: Int, to vc: inout ContactVelocityConstraint) {
        p0.store(lane: l, to: &vc.p0)
        p1.store(lane: l, to: &vc.p1)
    }

    /// One velocity iteration of this contact in its active lanes.
    mutating func solve(_ vA: inout LaneVec2, _ wA: inout Lanes, _ vB: inout LaneVec2, _ wB: inout Lanes) {
        if allActive {
            solveAll(&vA, &wA, &vB, &wB)
            return
        }
        let before = (vA: vA, wA: wA, vB: vB, wB: wB, p0: p0, p1: p1)
        solveAll(&vA, &wA, &vB, &wB)
        vA = LaneVec2.select(active, vA, before.vA)
        wA = laneSelect(active, wA, before.wA)
        vB = LaneVec2.select(active, vB, before.vB)
        wB = laneSelect(active, wB, before.wB)
        p0.normalImpulse = laneSelect(active, p0.normalImpulse, before.p0.normalImpulse)
        p0.tangentImpulse = laneSelect(active, p0.tangentImpulse, before.p0.tangentImpulse)
        p1.normalImpulse = laneSelect(active, p1.normalImpulse, before.p1.normalImpulse)
        p1.tangentImpulse = laneSelect(active, p1.tangentImpulse, before.p1.tangentImpulse)
    }

    /// One velocity iteration of this contact in every lane (`ContactSolver.solveOne`).
    @inline(__always)
    private mutating func solveAll(_ vA: inout LaneVec2, _ wA: inout Lanes, _ vB: inout LaneVec2, _ wB: inout Lanes) {
        let mA = invMassA, iA = invIA, mB = invMassB, iB = invIB
        let normal = self.normal
        let tangent = LaneVec2(normal.y, -normal.x)
        let friction = self.friction, tangentSpeed = self.tangentSpeed

        @inline(__always) func solveFriction(_ vcp: inout LaneContactPoint) {
            let dv = vB + cross(wB, vcp.rB) - vA - cross(wA, vcp.rA)
            let vt = dv.dot(tangent) - tangentSpeed
            var lambda = vcp.tangentMass * (-vt)
            let maxFriction = friction * vcp.normalImpulse
            let newImpulse = laneMin(laneMax(vcp.tangentImpulse + lambda, -maxFriction), maxFriction)
            lambda = newImpulse - vcp.tangentImpulse
            vcp.tangentImpulse = newImpulse
            let p = lambda * tangent
            vA -= mA * p
            wA -= iA * vcp.rA.cross(p)
            vB += mB * p
            wB += iB * vcp.rB.cross(p)
        }
        solveFriction(&p0)
        if pointCount == 2 { solveFriction(&p1) }

        if pointCount == 1 {
            let dv = vB + cross(wB, p0.rB) - vA - cross(wA, p0.rA)
            let vn = dv.dot(normal)
            var lambda = -p0.normalMass * (vn - p0.velocityBias)
            let newImpulse = laneMax(p0.normalImpulse + lambda, Lanes())
            lambda = newImpulse - p0.normalImpulse
            p0.normalImpulse = newImpulse
            let p = lambda * normal
            vA -= mA * p
            wA -= iA * p0.rA.cross(p)
            vB += mB * p
            wB += iB * p0.rB.cross(p)
            return
        }

        let cp1 = p0, cp2 = p1
        let a = LaneVec2(cp1.normalImpulse, cp2.normalImpulse)
        let dv1 = vB + cross(wB, cp1.rB) - vA - cross(wA, cp1.rA)
        let dv2 = vB + cross(wB, cp2.rB) - vA - cross(wA, cp2.rA)
        let vn1 = dv1.dot(normal)
        let vn2 = dv2.dot(normal)
        var b = LaneVec2(vn1 - cp1.velocityBias, vn2 - cp2.velocityBias)
        b -= LaneVec2(k.ex.x * a.x + k.ey.x * a.y, k.ex.y * a.x + k.ey.y * a.y)

        let zero = Lanes()
        // Case 1: both points active.
        let x1 = -LaneVec2(normalMass.ex.x * b.x + normalMass.ey.x * b.y, normalMass.ex.y * b.x + normalMass.ey.y * b.y)
        let ok1 = (x1.x .>= zero) .& (x1.y .>= zero)
        // Case 2: only point 1 active.
        let x2 = LaneVec2(-cp1.normalMass * b.x, zero)
        let ok2 = (x2.x .>= zero) .& (k.ex.y * x2.x + b.y .>= zero)
        // Case 3: only point 2 active.
        let x3 = LaneVec2(zero, -cp2.normalMass * b.y)
        let ok3 = (x3.y .>= zero) .& (k.ey.x * x3.y + b.x .>= zero)
        // Case 4: neither.
        let ok4 = (b.x .>= zero) .& (b.y .>= zero)

        let solved = ok1 .| ok2 .| ok3 .| ok4
        guard laneAny(solved) else { return }
        let x = LaneVec2.select(ok1, x1, LaneVec2.select(ok2, x2, LaneVec2.select(ok3, x3, LaneVec2(zero, zero))))
        let d = x - a
        let q1 = d.x * normal
        let q2 = d.y * normal
        vA = LaneVec2.select(solved, vA - mA * (q1 + q2), vA)
        wA = laneSelect(solved, wA - iA * (cp1.rA.cross(q1) + cp2.rA.cross(q2)), wA)
        vB = LaneVec2.select(solved, vB + mB * (q1 + q2), vB)
        wB = laneSelect(solved, wB + iB * (cp1.rB.cross(q1) + cp2.rB.cross(q2)), wB)
        p0.normalImpulse = laneSelect(solved, x.x, p0.normalImpulse)
        p1.normalImpulse = laneSelect(solved, x.y, p1.normalImpulse)
    }
}
