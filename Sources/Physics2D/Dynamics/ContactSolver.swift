/// Per-point velocity constraint data (`b2VelocityConstraintPoint`).
struct VelocityConstraintPoint {
    var rA = Vec2.zero
    var rB = Vec2.zero
    var normalImpulse: Float = 0
    var tangentImpulse: Float = 0
    var normalMass: Float = 0
    var tangentMass: Float = 0
    var velocityBias: Float = 0
}

/// One contact's velocity constraint (`b2ContactVelocityConstraint`).
struct ContactVelocityConstraint {
    var p0 = VelocityConstraintPoint()
    var p1 = VelocityConstraintPoint()
    var normal = Vec2.zero
    var normalMass = Mat22.zero
    var k = Mat22.zero
    var indexA = 0, indexB = 0
    var invMassA: Float = 0, invMassB: Float = 0
    var invIA: Float = 0, invIB: Float = 0
    var friction: Float = 0
    var restitution: Float = 0
    var tangentSpeed: Float = 0
    var pointCount = 0
    var contactIndex = 0
}

/// One contact's position constraint (`b2ContactPositionConstraint`).
struct ContactPositionConstraint {
    var localPoint0 = Vec2.zero
    var localPoint1 = Vec2.zero
    var localNormal = Vec2.zero
    var localPoint = Vec2.zero
    var indexA = 0, indexB = 0
    var invMassA: Float = 0, invMassB: Float = 0
    var localCenterA = Vec2.zero, localCenterB = Vec2.zero
    var invIA: Float = 0, invIB: Float = 0
    var kind = Manifold.Kind.faceA
    var radiusA: Float = 0, radiusB: Float = 0
    var pointCount = 0
}

/// Sequential-impulse contact solver with warm starting, friction, restitution, the
/// two-point block solver and split position correction (`b2ContactSolver`). Its storage
/// lives across steps so that solving allocates nothing.
final class ContactSolver {
    @exclusivity(unchecked) var velocityConstraints = ContiguousArray<ContactVelocityConstraint>()
    @exclusivity(unchecked) var positionConstraints = ContiguousArray<ContactPositionConstraint>()
    @exclusivity(unchecked) var contacts: [Contact] = []
    @exclusivity(unchecked) var step = TimeStep(dt: 0, invDt: 0, dtRatio: 0, velocityIterations: 0, positionIterations: 0, warmStarting: false)

    init() {
        velocityConstraints.reserveCapacity(64)
        positionConstraints.reserveCapacity(64)
    }

    /// Copies the island's contacts into constraints (the `b2ContactSolver` constructor).
    func setUp(_ step: TimeStep, _ islandContacts: [Contact]) {
        self.step = step
        contacts = islandContacts
        velocityConstraints.removeAll(keepingCapacity: true)
        positionConstraints.removeAll(keepingCapacity: true)
        for (i, contact) in islandContacts.enumerated() {
            let fixtureA = contact.fixtureA, fixtureB = contact.fixtureB
            let bodyA = fixtureA.body, bodyB = fixtureB.body
            let manifold = contact.manifold
            var vc = ContactVelocityConstraint()
            vc.friction = contact.friction
            vc.restitution = contact.restitution
            vc.tangentSpeed = contact.tangentSpeed
            vc.indexA = bodyA.islandIndex
            vc.indexB = bodyB.islandIndex
            vc.invMassA = bodyA.invMass
            vc.invMassB = bodyB.invMass
            vc.invIA = bodyA.invI
            vc.invIB = bodyB.invI
            vc.contactIndex = i
            vc.pointCount = manifold.pointCount
            var pc = ContactPositionConstraint()
            pc.indexA = bodyA.islandIndex
            pc.indexB = bodyB.islandIndex
            pc.invMassA = bodyA.invMass
            pc.invMassB = bodyB.invMass
            pc.localCenterA = bodyA.sweep.localCenter
            pc.localCenterB = bodyB.sweep.localCenter
            pc.invIA = bodyA.invI
            pc.invIB = bodyB.invI
            pc.localNormal = manifold.localNormal
            pc.localPoint = manifold.localPoint
            pc.pointCount = manifold.pointCount
            pc.radiusA = fixtureA.shape.radius
            pc.radiusB = fixtureB.shape.radius
            pc.kind = manifold.kind
            for j in 0..<manifold.pointCount {
                let cp = manifold[j]
                var vcp = VelocityConstraintPoint()
                if step.warmStarting {
                    vcp.normalImpulse = step.dtRatio * cp.normalImpulse
                    vcp.tangentImpulse = step.dtRatio * cp.tangentImpulse
                }
                if j == 0 { vc.p0 = vcp; pc.localPoint0 = cp.localPoint } else { vc.p1 = vcp; pc.localPoint1 = cp.localPoint }
            }
            velocityConstraints.append(vc)
            positionConstraints.append(pc)
        }
    }

    func initializeVelocityConstraints(_ positions: UnsafeMutableBufferPointer<Position>, _ velocities: UnsafeMutableBufferPointer<Velocity>) {
        let n = velocityConstraints.count
        velocityConstraints.withUnsafeMutableBufferPointer { vcs in
            for i in 0..<n {
                let pc = positionConstraints[i]
                let radiusA = pc.radiusA, radiusB = pc.radiusB
                let manifold = contacts[vcs[i].contactIndex].manifold
                let indexA = vcs[i].indexA, indexB = vcs[i].indexB
                let mA = vcs[i].invMassA, mB = vcs[i].invMassB
                let iA = vcs[i].invIA, iB = vcs[i].invIB
                let cA = positions[indexA].c, aA = positions[indexA].a
                let vA = velocities[indexA].v, wA = velocities[indexA].w
                let cB = positions[indexB].c, aB = positions[indexB].a
                let vB = velocities[indexB].v, wB = velocities[indexB].w
                var xfA = Transform(p: .zero, q: Rot(aA))
                var xfB = Transform(p: .zero, q: Rot(aB))
                xfA.p = cA - xfA.q.apply(pc.localCenterA)
                xfB.p = cB - xfB.q.apply(pc.localCenterB)
                let wm = WorldManifold(manifold, xfA, radiusA, xfB, radiusB)
                vcs[i].normal = wm.normal
                let normal = wm.normal
                let restitution = vcs[i].restitution
                func setUpPoint(_ vcp: inout VelocityConstraintPoint, _ point: Vec2) {
                    vcp.rA = point - cA
                    vcp.rB = point - cB
                    let rnA = vcp.rA.cross(normal)
                    let rnB = vcp.rB.cross(normal)
                    let kNormal = mA + mB + iA * rnA * rnA + iB * rnB * rnB
                    vcp.normalMass = kNormal > 0 ? 1 / kNormal : 0
                    let tangent = normal.cross(1)
                    let rtA = vcp.rA.cross(tangent)
                    let rtB = vcp.rB.cross(tangent)
                    let kTangent = mA + mB + iA * rtA * rtA + iB * rtB * rtB
                    vcp.tangentMass = kTangent > 0 ? 1 / kTangent : 0
                    vcp.velocityBias = 0
                    let vRel = normal.dot(vB + cross(wB, vcp.rB) - vA - cross(wA, vcp.rA))
                    if vRel < -velocityThreshold { vcp.velocityBias = -restitution * vRel }
                }
                setUpPoint(&vcs[i].p0, wm.point0)
                if vcs[i].pointCount == 2 {
                    setUpPoint(&vcs[i].p1, wm.point1)
                    let vcp1 = vcs[i].p0, vcp2 = vcs[i].p1
                    let rn1A = vcp1.rA.cross(normal)
                    let rn1B = vcp1.rB.cross(normal)
                    let rn2A = vcp2.rA.cross(normal)
                    let rn2B = vcp2.rB.cross(normal)
                    let k11 = mA + mB + iA * rn1A * rn1A + iB * rn1B * rn1B
                    let k22 = mA + mB + iA * rn2A * rn2A + iB * rn2B * rn2B
                    let k12 = mA + mB + iA * rn1A * rn2A + iB * rn1B * rn2B
                    let kMaxConditionNumber: Float = 1000
                    if k11 * k11 < kMaxConditionNumber * (k11 * k22 - k12 * k12) {
                        vcs[i].k = Mat22(ex: Vec2(k11, k12), ey: Vec2(k12, k22))
                        vcs[i].normalMass = vcs[i].k.inverse
                    } else {
                        vcs[i].pointCount = 1
                    }
                }
            }
        }
    }

    func warmStart(_ velocities: UnsafeMutableBufferPointer<Velocity>) {
        for vc in velocityConstraints {
            let mA = vc.invMassA, iA = vc.invIA, mB = vc.invMassB, iB = vc.invIB
            var vA = velocities[vc.indexA].v, wA = velocities[vc.indexA].w
            var vB = velocities[vc.indexB].v, wB = velocities[vc.indexB].w
            let normal = vc.normal
            let tangent = normal.cross(1)
            for j in 0..<vc.pointCount {
                let vcp = j == 0 ? vc.p0 : vc.p1
                let p = vcp.normalImpulse * normal + vcp.tangentImpulse * tangent
                wA -= iA * vcp.rA.cross(p)
                vA -= mA * p
                wB += iB * vcp.rB.cross(p)
                vB += mB * p
            }
            velocities[vc.indexA] = Velocity(v: vA, w: wA)
            velocities[vc.indexB] = Velocity(v: vB, w: wB)
        }
    }

    func solveVelocityConstraints(_ velocities: UnsafeMutableBufferPointer<Velocity>) {
        let n = velocityConstraints.count
        velocityConstraints.withUnsafeMutableBufferPointer { vcs in
            for i in 0..<n {
                solveOne(&vcs[i], velocities)
            }
        }
    }

    @inline(__always) private func solveOne(_ vc: inout ContactVelocityConstraint, _ velocities: UnsafeMutableBufferPointer<Velocity>) {
        let mA = vc.invMassA, iA = vc.invIA, mB = vc.invMassB, iB = vc.invIB
        let indexA = vc.indexA, indexB = vc.indexB
        var vA = velocities[indexA].v, wA = velocities[indexA].w
        var vB = velocities[indexB].v, wB = velocities[indexB].w
        let normal = vc.normal
        let tangent = normal.cross(1)
        let friction = vc.friction

        // Friction first: it is bounded by the normal impulse.
        @inline(__always) func solveFriction(_ vcp: inout VelocityConstraintPoint) {
            let dv = vB + cross(wB, vcp.rB) - vA - cross(wA, vcp.rA)
            let vt = dv.dot(tangent) - vc.tangentSpeed
            var lambda = vcp.tangentMass * (-vt)
            let maxFriction = friction * vcp.normalImpulse
            let newImpulse = min(max(vcp.tangentImpulse + lambda, -maxFriction), maxFriction)
            lambda = newImpulse - vcp.tangentImpulse
            vcp.tangentImpulse = newImpulse
            let p = lambda * tangent
            vA -= mA * p
            wA -= iA * vcp.rA.cross(p)
            vB += mB * p
            wB += iB * vcp.rB.cross(p)
        }
        // A two-point constraint degraded to one point (ill-conditioned) uses point 0 only.
        solveFriction(&vc.p0)
        if vc.pointCount == 2 { solveFriction(&vc.p1) }

        if vc.pointCount == 1 {
            let dv = vB + cross(wB, vc.p0.rB) - vA - cross(wA, vc.p0.rA)
            let vn = dv.dot(normal)
            var lambda = -vc.p0.normalMass * (vn - vc.p0.velocityBias)
            let newImpulse = max(vc.p0.normalImpulse + lambda, 0)
            lambda = newImpulse - vc.p0.normalImpulse
            vc.p0.normalImpulse = newImpulse
            let p = lambda * normal
            vA -= mA * p
            wA -= iA * vc.p0.rA.cross(p)
            vB += mB * p
            wB += iB * vc.p0.rB.cross(p)
        } else {
            let cp1 = vc.p0, cp2 = vc.p1
            let a = Vec2(cp1.normalImpulse, cp2.normalImpulse)
            let dv1 = vB + cross(wB, cp1.rB) - vA - cross(wA, cp1.rA)
            let dv2 = vB + cross(wB, cp2.rB) - vA - cross(wA, cp2.rA)
            let vn1 = dv1.dot(normal)
            let vn2 = dv2.dot(normal)
            var b = Vec2(vn1 - cp1.velocityBias, vn2 - cp2.velocityBias)
            b -= vc.k.apply(a)

            @inline(__always) func apply(_ x: Vec2) {
                let d = x - a
                let p1 = d.x * normal
                let p2 = d.y * normal
                vA -= mA * (p1 + p2)
                wA -= iA * (cp1.rA.cross(p1) + cp2.rA.cross(p2))
                vB += mB * (p1 + p2)
                wB += iB * (cp1.rB.cross(p1) + cp2.rB.cross(p2))
                vc.p0.normalImpulse = x.x
                vc.p1.normalImpulse = x.y
            }
            repeat {
                // Case 1: both points active.
                var x = -vc.normalMass.apply(b)
                if x.x >= 0 && x.y >= 0 { apply(x); break }
                // Case 2: only point 1 active.
                x = Vec2(-cp1.normalMass * b.x, 0)
                var n2 = vc.k.ex.y * x.x + b.y
                if x.x >= 0 && n2 >= 0 { apply(x); break }
                // Case 3: only point 2 active.
                x = Vec2(0, -cp2.normalMass * b.y)
                let n1 = vc.k.ey.x * x.y + b.x
                if x.y >= 0 && n1 >= 0 { apply(x); break }
                // Case 4: neither.
                x = .zero
                n2 = b.y
                if b.x >= 0 && n2 >= 0 { apply(x); break }
            } while false
        }
        velocities[indexA] = Velocity(v: vA, w: wA)
        velocities[indexB] = Velocity(v: vB, w: wB)
    }

    func storeImpulses() {
        for vc in velocityConstraints {
            let c = contacts[vc.contactIndex]
            for j in 0..<vc.pointCount {
                let vcp = j == 0 ? vc.p0 : vc.p1
                var mp = c.manifold[j]
                mp.normalImpulse = vcp.normalImpulse
                mp.tangentImpulse = vcp.tangentImpulse
                c.manifold[j] = mp
            }
        }
    }

    /// One pass of split position correction; `toi` selects the TOI variant that only
    /// moves the two TOI bodies.
    func solvePositionConstraints(_ positions: UnsafeMutableBufferPointer<Position>, toiIndexA: Int = -1, toiIndexB: Int = -1, toi: Bool = false) -> Bool {
        var minSeparation: Float = 0
        for pc in positionConstraints {
            let indexA = pc.indexA, indexB = pc.indexB
            let localCenterA = pc.localCenterA, localCenterB = pc.localCenterB
            var mA = pc.invMassA, iA = pc.invIA
            var mB = pc.invMassB, iB = pc.invIB
            if toi {
                if !(indexA == toiIndexA || indexA == toiIndexB) { mA = 0; iA = 0 }
                if !(indexB == toiIndexA || indexB == toiIndexB) { mB = 0; iB = 0 }
            }
            var cA = positions[indexA].c, aA = positions[indexA].a
            var cB = positions[indexB].c, aB = positions[indexB].a
            for j in 0..<pc.pointCount {
                var xfA = Transform(p: .zero, q: Rot(aA))
                var xfB = Transform(p: .zero, q: Rot(aB))
                xfA.p = cA - xfA.q.apply(localCenterA)
                xfB.p = cB - xfB.q.apply(localCenterB)
                // b2PositionSolverManifold
                var normal: Vec2, point: Vec2, separation: Float
                let lp = j == 0 ? pc.localPoint0 : pc.localPoint1
                switch pc.kind {
                case .circles:
                    let pointA = xfA.apply(pc.localPoint)
                    let pointB = xfB.apply(pc.localPoint0)
                    normal = (pointB - pointA).normalized
                    point = 0.5 * (pointA + pointB)
                    separation = (pointB - pointA).dot(normal) - pc.radiusA - pc.radiusB
                case .faceA:
                    normal = xfA.q.apply(pc.localNormal)
                    let planePoint = xfA.apply(pc.localPoint)
                    let clipPoint = xfB.apply(lp)
                    separation = (clipPoint - planePoint).dot(normal) - pc.radiusA - pc.radiusB
                    point = clipPoint
                case .faceB:
                    normal = xfB.q.apply(pc.localNormal)
                    let planePoint = xfB.apply(pc.localPoint)
                    let clipPoint = xfA.apply(lp)
                    separation = (clipPoint - planePoint).dot(normal) - pc.radiusA - pc.radiusB
                    point = clipPoint
                    normal = -normal
                }
                let rA = point - cA
                let rB = point - cB
                minSeparation = min(minSeparation, separation)
                let factor = toi ? toiBaumgarte : baumgarte
                let c = min(max(factor * (separation + linearSlop), -maxLinearCorrection), 0)
                let rnA = rA.cross(normal)
                let rnB = rB.cross(normal)
                let k = mA + mB + iA * rnA * rnA + iB * rnB * rnB
                let impulse = k > 0 ? -c / k : 0
                let p = impulse * normal
                cA -= mA * p
                aA -= iA * rA.cross(p)
                cB += mB * p
                aB += iB * rB.cross(p)
            }
            positions[indexA] = Position(c: cA, a: aA)
            positions[indexB] = Position(c: cB, a: aB)
        }
        return minSeparation >= (toi ? -1.5 : -3) * linearSlop
    }
}
