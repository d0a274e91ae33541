/// A revolute joint's velocity constraint for `laneCount` worlds at once: the data
/// `RevoluteJoint.initVelocityConstraints` prepared in each world, one lane per world.
///
/// Why it exists: the lander's two leg joints are most of a LunarLander step, and their
/// velocity iterations are a chain of dependent operations that leaves the core idle
/// most of the time; in lanes, eight worlds' chains share the core, at a fourth to a
/// sixth of the time per world.
///
/// `solve` is `RevoluteJoint.solveVelocity` written for lanes: the same operations in
/// the same order. Where the scalar code branches on a world's own state (motor on,
/// limit active, limit state, the reduced solve at a limit), every lane computes each
/// branch its world could take and keeps the one its world takes, so each lane's values
/// are exactly the scalar solver's.
struct LaneRevoluteJoint {
    let indexA: Int, indexB: Int
    var invMassA = Lanes(), invMassB = Lanes(), invIA = Lanes(), invIB = Lanes()
    var rA = LaneVec2(Lanes(), Lanes()), rB = LaneVec2(Lanes(), Lanes())
    var speed = Lanes(), negatedMotorMass = Lanes(), maxMotorImpulse = Lanes()
    var motorImpulse = Lanes()
    var impulse = LaneVec3(Lanes(), Lanes(), Lanes())
    /// The effective mass `K` by columns, the cofactor column `ey × ez` and the inverse
    /// determinants that `Mat33.solve33(_:factors:)` and `solve22(_:invDet:)` use.
    var ex = LaneVec3(Lanes(), Lanes(), Lanes()), ey = LaneVec3(Lanes(), Lanes(), Lanes())
    var ez = LaneVec3(Lanes(), Lanes(), Lanes()), cyz = LaneVec3(Lanes(), Lanes(), Lanes())
    var invDet33 = Lanes(), invDet22 = Lanes()
    var motorActive = LaneMask(), limitActive = LaneMask()
    var atLower = LaneMask(), atUpper = LaneMask()
    /// Whether any or all lanes run the motor, and the limit: branches no lane takes are
    /// skipped, and selections are skipped where every lane takes the same branch.
    var anyMotor = false, allMotor = true, anyLimit = false, allLimit = true

    init(indexA: Int, indexB: Int) {
        self.indexA = indexA
        self.indexB = indexB
    }

    /// Takes lane `l` from `joint`, after its `initVelocityConstraints`.
    mutating func load(lane l: Int, from joint: RevoluteJoint) {
        invMassA[l] = joint.invMassA
        invMassB[l] = joint.invMassB
        invIA[l] = joint.invIA
        invIB[l] = joint.invIB
        rA.x[l] = joint.rA.x
        rA.y[l] = joint.rA.y
        rB.x[l] = joint.rB.x
        rB.y[l] = joint.rB.y
        speed[l] = joint.speed
        negatedMotorMass[l] = joint.negatedMotorMass
        maxMotorImpulse[l] = joint.maxMotorImpulse
        motorImpulse[l] = joint.motorImpulse
        impulse.x[l] = joint.impulse.x
        impulse.y[l] = joint.impulse.y
        impulse.z[l] = joint.impulse.z
        let mass = joint.mass
        ex.x[l] = mass.ex.x
        ex.y[l] = mass.ex.y
        ex.z[l] = mass.ex.z
        ey.x[l] = mass.ey.x
        ey.y[l] = mass.ey.y
        ey.z[l] = mass.ey.z
        ez.x[l] = mass.ez.x
        ez.y[l] = mass.ez.y
        ez.z[l] = mass.ez.z
        cyz.x[l] = joint.massFactors33.cyz.x
        cyz.y[l] = joint.massFactors33.cyz.y
        cyz.z[l] = joint.massFactors33.cyz.z
        invDet33[l] = joint.massFactors33.invDet
        invDet22[l] = joint.massInvDet22
        motorActive[l] = joint.motorActive
        limitActive[l] = joint.limitActive
        atLower[l] = joint.limitState == .atLower
        atUpper[l] = joint.limitState == .atUpper
        anyMotor = anyMotor || joint.motorActive
        allMotor = allMotor && joint.motorActive
        anyLimit = anyLimit || joint.limitActive
        allLimit = allLimit && joint.limitActive
    }

    /// Gives lane `l`'s accumulated impulses back to `joint`.
    func store(lane l: Int, to joint: RevoluteJoint) {
        joint.motorImpulse = motorImpulse[l]
        joint.impulse = Vec3(impulse.x[l], impulse.y[l], impulse.z[l])
    }

    /// `Mat33.solve33(_:factors:)` per lane.
    @inline(__always) private func solve33(_ b: LaneVec3) -> LaneVec3 {
        LaneVec3(invDet33 * b.dot(cyz), invDet33 * ex.dot(b.cross(ez)), invDet33 * ex.dot(ey.cross(b)))
    }

    /// `Mat33.solve22(_:invDet:)` per lane.
    @inline(__always) private func solve22(_ b: LaneVec2) -> LaneVec2 {
        let a11 = ex.x, a12 = ey.x, a21 = ex.y, a22 = ey.y
        return LaneVec2(invDet22 * (a22 * b.x - a12 * b.y), invDet22 * (a11 * b.y - a21 * b.x))
    }

    /// One velocity iteration of this joint in every lane (`RevoluteJoint.solveVelocity`).
    ///
    /// When every lane takes the same branch (the usual case for the motor), only that
    /// branch runs and nothing is selected: a selection costs three SSE2 instructions.
    @inline(__always)
    mutating func solve(_ vA: inout LaneVec2, _ wA: inout Lanes, _ vB: inout LaneVec2, _ wB: inout Lanes) {
        let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB

        if anyMotor {
            let cdot = wB - wA - speed
            var imp = negatedMotorMass * cdot
            let oldImpulse = motorImpulse
            let newImpulse = laneMin(laneMax(oldImpulse + imp, -maxMotorImpulse), maxMotorImpulse)
            imp = newImpulse - oldImpulse
            if allMotor {
                motorImpulse = newImpulse
                wA = wA - iA * imp
                wB = wB + iB * imp
            } else {
                motorImpulse = laneSelect(motorActive, newImpulse, oldImpulse)
                wA = laneSelect(motorActive, wA - iA * imp, wA)
                wB = laneSelect(motorActive, wB + iB * imp, wB)
            }
        }

        let cdot1 = vB + cross(wB, rB) - vA - cross(wA, rA)
        if !anyLimit {
            // The point constraint alone.
            let imp = solve22(-cdot1)
            impulse.x = impulse.x + imp.x
            impulse.y = impulse.y + imp.y
            vA = vA - mA * imp
            wA = wA - iA * rA.cross(imp)
            vB = vB + mB * imp
            wB = wB + iB * rB.cross(imp)
            return
        }

        // The limit: the 3×3 solve, or at a limit whose accumulated impulse would change
        // sign, the point constraint alone with the limit impulse taken back.
        let cdot2 = wB - wA
        let imp = -solve33(LaneVec3(cdot1.x, cdot1.y, cdot2))
        let newImpulse = impulse.z + imp.z
        var p = LaneVec2(imp.x, imp.y)
        var impZ = imp.z
        var z = newImpulse
        let reduce = (atLower .& (newImpulse .< 0)) .| (atUpper .& (newImpulse .> 0))
        if laneAny(reduce) {
            let reduced = solve22(-cdot1 + impulse.z * LaneVec2(ez.x, ez.y))
            p = LaneVec2.select(reduce, reduced, p)
            impZ = laneSelect(reduce, -impulse.z, impZ)
            z = laneSelect(reduce, Lanes(), z)
        }
        if !allLimit {
            // Lanes without an active limit solve the point constraint alone. The update
            // below then adds their angular impulse -0 to the cross product, which leaves
            // every value, signed zeros included, as the scalar update without it.
            let point = solve22(-cdot1)
            p = LaneVec2.select(limitActive, p, point)
            impZ = laneSelect(limitActive, impZ, Lanes(repeating: -0.0))
            z = laneSelect(limitActive, z, impulse.z)
        }
        impulse = LaneVec3(impulse.x + p.x, impulse.y + p.y, z)
        vA = vA - mA * p
        wA = wA - iA * (rA.cross(p) + impZ)
        vB = vB + mB * p
        wB = wB + iB * (rB.cross(p) + impZ)
    }
}
