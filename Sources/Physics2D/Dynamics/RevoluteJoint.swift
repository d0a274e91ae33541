/// Parameters of a revolute joint (`b2RevoluteJointDef`).
public struct RevoluteJointDef {
    public var bodyA: Body
    public var bodyB: Body
    public var localAnchorA: Vec2 = .zero
    public var localAnchorB: Vec2 = .zero
    public var referenceAngle: Float = 0
    public var enableLimit = false
    public var lowerAngle: Float = 0
    public var upperAngle: Float = 0
    public var enableMotor = false
    public var motorSpeed: Float = 0
    public var maxMotorTorque: Float = 0
    public var collideConnected = false
    public init(bodyA: Body, bodyB: Body) {
        self.bodyA = bodyA
        self.bodyB = bodyB
    }
}

/// A hinge between two bodies with an optional angle limit and motor
/// (`b2RevoluteJoint`): the lander's legs.
public final class RevoluteJoint {
    enum LimitState { case inactive, atLower, atUpper, equal }

    public let bodyA: Body
    public let bodyB: Body
    public let collideConnected: Bool
    public let localAnchorA: Vec2
    public let localAnchorB: Vec2
    public let referenceAngle: Float
    @exclusivity(unchecked) var enableLimit: Bool
    @exclusivity(unchecked) public private(set) var lowerAngle: Float
    @exclusivity(unchecked) public private(set) var upperAngle: Float
    @exclusivity(unchecked) var enableMotor: Bool
    @exclusivity(unchecked) var speed: Float
    @exclusivity(unchecked) var maxTorque: Float
    @exclusivity(unchecked) var islandFlag = false

    @exclusivity(unchecked) var impulse = Vec3.zero
    @exclusivity(unchecked) var motorImpulse: Float = 0
    @exclusivity(unchecked) var limitState = LimitState.inactive

    // Solver temporaries.
    @exclusivity(unchecked) var indexA = 0, indexB = 0
    @exclusivity(unchecked) var rA = Vec2.zero, rB = Vec2.zero
    @exclusivity(unchecked) var localCenterA = Vec2.zero, localCenterB = Vec2.zero
    @exclusivity(unchecked) var invMassA: Float = 0, invMassB: Float = 0
    @exclusivity(unchecked) var invIA: Float = 0, invIB: Float = 0
    @exclusivity(unchecked) var mass = Mat33.zero
    @exclusivity(unchecked) var motorMass: Float = 0
    @exclusivity(unchecked) var massFactors33 = (cyz: Vec3.zero, invDet: Float(0))
    @exclusivity(unchecked) var massInvDet22: Float = 0
    /// Per-step constants of the velocity iterations, set by `initVelocityConstraints`:
    /// whether the motor and the limit take part, `-motorMass` and `dt * maxTorque`
    /// (the same products Box2D forms in every iteration; negation is exact).
    @exclusivity(unchecked) var motorActive = false
    @exclusivity(unchecked) var limitActive = false
    @exclusivity(unchecked) var negatedMotorMass: Float = 0
    @exclusivity(unchecked) var maxMotorImpulse: Float = 0

    init(_ def: RevoluteJointDef) {
        bodyA = def.bodyA
        bodyB = def.bodyB
        collideConnected = def.collideConnected
        localAnchorA = def.localAnchorA
        localAnchorB = def.localAnchorB
        referenceAngle = def.referenceAngle
        enableLimit = def.enableLimit
        lowerAngle = def.lowerAngle
        upperAngle = def.upperAngle
        enableMotor = def.enableMotor
        speed = def.motorSpeed
        maxTorque = def.maxMotorTorque
    }

    /// A copy of `other` between `bodyA` and `bodyB` (the copies of its bodies in a world
    /// copy): parameters, accumulated impulses, limit state and solver temporaries.
    init(copying other: RevoluteJoint, bodyA: Body, bodyB: Body) {
        self.bodyA = bodyA
        self.bodyB = bodyB
        collideConnected = other.collideConnected
        localAnchorA = other.localAnchorA
        localAnchorB = other.localAnchorB
        referenceAngle = other.referenceAngle
        enableLimit = other.enableLimit
        lowerAngle = other.lowerAngle
        upperAngle = other.upperAngle
        enableMotor = other.enableMotor
        speed = other.speed
        maxTorque = other.maxTorque
        islandFlag = other.islandFlag
        impulse = other.impulse
        motorImpulse = other.motorImpulse
        limitState = other.limitState
        indexA = other.indexA
        indexB = other.indexB
        rA = other.rA
        rB = other.rB
        localCenterA = other.localCenterA
        localCenterB = other.localCenterB
        invMassA = other.invMassA
        invMassB = other.invMassB
        invIA = other.invIA
        invIB = other.invIB
        mass = other.mass
        motorMass = other.motorMass
        massFactors33 = other.massFactors33
        massInvDet22 = other.massInvDet22
        motorActive = other.motorActive
        limitActive = other.limitActive
        negatedMotorMass = other.negatedMotorMass
        maxMotorImpulse = other.maxMotorImpulse
    }

    /// Current joint angle `aB - aA - referenceAngle`.
    public var jointAngle: Float { bodyB.sweep.a - bodyA.sweep.a - referenceAngle }
    /// Current relative angular speed.
    public var jointSpeed: Float { bodyB.angularVelocityStorage - bodyA.angularVelocityStorage }

    /// Target relative angular speed of the motor (rad/s). Setting it wakes both bodies,
    /// as `SetMotorSpeed` does.
    public var motorSpeed: Float {
        get { speed }
        set { bodyA.setAwake(true); bodyB.setAwake(true); speed = newValue }
    }

    /// Largest torque the motor may apply (N·m). Setting it wakes both bodies.
    public var maxMotorTorque: Float {
        get { maxTorque }
        set { bodyA.setAwake(true); bodyB.setAwake(true); maxTorque = newValue }
    }

    /// Whether the motor is on. Setting it wakes both bodies (`EnableMotor`).
    public var isMotorEnabled: Bool {
        get { enableMotor }
        set { bodyA.setAwake(true); bodyB.setAwake(true); enableMotor = newValue }
    }

    /// Whether the angle limit is on. Changing it wakes both bodies and resets the limit
    /// impulse (`EnableLimit`).
    public var isLimitEnabled: Bool {
        get { enableLimit }
        set {
            if newValue != enableLimit {
                bodyA.setAwake(true)
                bodyB.setAwake(true)
                enableLimit = newValue
                impulse.z = 0
            }
        }
    }

    /// Motor torque applied over the last step (`GetMotorTorque(inv_dt)`).
    public func motorTorque(invDt: Float) -> Float { invDt * motorImpulse }
    /// Limit reaction torque over the last step (`GetReactionTorque(inv_dt)`).
    public func reactionTorque(invDt: Float) -> Float { invDt * impulse.z }

    /// Sets the limits (`lower ≤ upper`).
    public func setLimits(lower: Float, upper: Float) throws {
        guard lower <= upper else { throw PhysicsError.invalidJoint("lower limit \(lower) > upper limit \(upper)") }
        if lower != lowerAngle || upper != upperAngle {
            bodyA.setAwake(true)
            bodyB.setAwake(true)
            impulse.z = 0
            lowerAngle = lower
            upperAngle = upper
        }
    }

    func initVelocityConstraints(_ step: TimeStep, _ positions: UnsafeMutableBufferPointer<Position>, _ velocities: UnsafeMutableBufferPointer<Velocity>) {
        indexA = bodyA.islandIndex
        indexB = bodyB.islandIndex
        localCenterA = bodyA.sweep.localCenter
        localCenterB = bodyB.sweep.localCenter
        invMassA = bodyA.invMass
        invMassB = bodyB.invMass
        invIA = bodyA.invI
        invIB = bodyB.invI

        let aA = positions[indexA].a
        var vA = velocities[indexA].v
        var wA = velocities[indexA].w
        let aB = positions[indexB].a
        var vB = velocities[indexB].v
        var wB = velocities[indexB].w
        let qA = Rot(aA), qB = Rot(aB)
        rA = qA.apply(localAnchorA - localCenterA)
        rB = qB.apply(localAnchorB - localCenterB)

        let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB
        let fixedRotation = iA + iB == 0
        mass.ex.x = mA + mB + rA.y * rA.y * iA + rB.y * rB.y * iB
        mass.ey.x = -rA.y * rA.x * iA - rB.y * rB.x * iB
        mass.ez.x = -rA.y * iA - rB.y * iB
        mass.ex.y = mass.ey.x
        mass.ey.y = mA + mB + rA.x * rA.x * iA + rB.x * rB.x * iB
        mass.ez.y = rA.x * iA + rB.x * iB
        mass.ex.z = mass.ez.x
        mass.ey.z = mass.ez.y
        mass.ez.z = iA + iB

        massFactors33 = mass.solve33Factors
        massInvDet22 = mass.solve22InvDet

        motorMass = iA + iB
        if motorMass > 0 { motorMass = 1 / motorMass }
        if !enableMotor || fixedRotation { motorImpulse = 0 }

        if enableLimit && !fixedRotation {
            let jointAngle = aB - aA - referenceAngle
            if abs(upperAngle - lowerAngle) < 2 * angularSlop {
                limitState = .equal
            } else if jointAngle <= lowerAngle {
                if limitState != .atLower { impulse.z = 0 }
                limitState = .atLower
            } else if jointAngle >= upperAngle {
                if limitState != .atUpper { impulse.z = 0 }
                limitState = .atUpper
            } else {
                limitState = .inactive
                impulse.z = 0
            }
        } else {
            limitState = .inactive
        }

        motorActive = enableMotor && limitState != .equal && !fixedRotation
        limitActive = enableLimit && limitState != .inactive && !fixedRotation
        negatedMotorMass = -motorMass
        maxMotorImpulse = step.dt * maxTorque

        if step.warmStarting {
            impulse = step.dtRatio * impulse
            motorImpulse *= step.dtRatio
            let p = Vec2(impulse.x, impulse.y)
            vA -= mA * p
            wA -= iA * (rA.cross(p) + motorImpulse + impulse.z)
            vB += mB * p
            wB += iB * (rB.cross(p) + motorImpulse + impulse.z)
        } else {
            impulse = .zero
            motorImpulse = 0
        }
        velocities[indexA] = Velocity(v: vA, w: wA)
        velocities[indexB] = Velocity(v: vB, w: wB)
    }

    func solveVelocityConstraints(_ velocities: UnsafeMutableBufferPointer<Velocity>) {
        let indexA = self.indexA, indexB = self.indexB
        var vA = velocities[indexA].v
        var wA = velocities[indexA].w
        var vB = velocities[indexB].v
        var wB = velocities[indexB].w
        solveVelocity(&vA, &wA, &vB, &wB)
        velocities[indexA] = Velocity(v: vA, w: wA)
        velocities[indexB] = Velocity(v: vB, w: wB)
    }

    /// One velocity iteration of this joint on the velocities of its two bodies
    /// (`b2RevoluteJoint::SolveVelocityConstraints` after the loads from the solver's
    /// velocity array). Taking the velocities as values lets the island keep the velocity
    /// of a body that every joint shares in registers across joints and iterations: the
    /// arithmetic, and its order, are the same as Box2D's.
    @inline(__always)
    func solveVelocity(_ vA: inout Vec2, _ wA: inout Float, _ vB: inout Vec2, _ wB: inout Float) {
        let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB
        let rA = self.rA, rB = self.rB
        let limitState = self.limitState

        if motorActive {
            let cdot = wB - wA - speed
            var imp = negatedMotorMass * cdot
            let oldImpulse = motorImpulse
            let maxImpulse = maxMotorImpulse
            let newImpulse = min(max(oldImpulse + imp, -maxImpulse), maxImpulse)
            motorImpulse = newImpulse
            imp = newImpulse - oldImpulse
            wA -= iA * imp
            wB += iB * imp
        }

        if limitActive {
            var impulse = self.impulse
            let mass = self.mass
            let cdot1 = vB + cross(wB, rB) - vA - cross(wA, rA)
            let cdot2 = wB - wA
            let cdot = Vec3(cdot1.x, cdot1.y, cdot2)
            var imp = -mass.solve33(cdot, factors: massFactors33)
            if limitState == .equal {
                impulse = impulse + imp
            } else if limitState == .atLower {
                let newImpulse = impulse.z + imp.z
                if newImpulse < 0 {
                    let rhs = -cdot1 + impulse.z * Vec2(mass.ez.x, mass.ez.y)
                    let reduced = mass.solve22(rhs, invDet: massInvDet22)
                    imp.x = reduced.x
                    imp.y = reduced.y
                    imp.z = -impulse.z
                    impulse.x += reduced.x
                    impulse.y += reduced.y
                    impulse.z = 0
                } else {
                    impulse = impulse + imp
                }
            } else if limitState == .atUpper {
                let newImpulse = impulse.z + imp.z
                if newImpulse > 0 {
                    let rhs = -cdot1 + impulse.z * Vec2(mass.ez.x, mass.ez.y)
                    let reduced = mass.solve22(rhs, invDet: massInvDet22)
                    imp.x = reduced.x
                    imp.y = reduced.y
                    imp.z = -impulse.z
                    impulse.x += reduced.x
                    impulse.y += reduced.y
                    impulse.z = 0
                } else {
                    impulse = impulse + imp
                }
            }
            self.impulse = impulse
            let p = Vec2(imp.x, imp.y)
            vA -= mA * p
            wA -= iA * (rA.cross(p) + imp.z)
            vB += mB * p
            wB += iB * (rB.cross(p) + imp.z)
        } else {
            let cdot = vB + cross(wB, rB) - vA - cross(wA, rA)
            let imp = mass.solve22(-cdot, invDet: massInvDet22)
            impulse.x += imp.x
            impulse.y += imp.y
            vA -= mA * imp
            wA -= iA * rA.cross(imp)
            vB += mB * imp
            wB += iB * rB.cross(imp)
        }
    }

    func solvePositionConstraints(_ positions: UnsafeMutableBufferPointer<Position>) -> Bool {
        var cA = positions[indexA].c
        var aA = positions[indexA].a
        var cB = positions[indexB].c
        var aB = positions[indexB].a
        var angularError: Float = 0
        var positionError: Float = 0
        let fixedRotation = invIA + invIB == 0

        if enableLimit && limitState != .inactive && !fixedRotation {
            let angle = aB - aA - referenceAngle
            var limitImpulse: Float = 0
            switch limitState {
            case .equal:
                let c = min(max(angle - lowerAngle, -maxAngularCorrection), maxAngularCorrection)
                limitImpulse = -motorMass * c
                angularError = abs(c)
            case .atLower:
                var c = angle - lowerAngle
                angularError = -c
                c = min(max(c + angularSlop, -maxAngularCorrection), 0)
                limitImpulse = -motorMass * c
            case .atUpper:
                var c = angle - upperAngle
                angularError = c
                c = min(max(c - angularSlop, 0), maxAngularCorrection)
                limitImpulse = -motorMass * c
            case .inactive:
                break
            }
            aA -= invIA * limitImpulse
            aB += invIB * limitImpulse
        }

        do {
            let qA = Rot(aA), qB = Rot(aB)
            let rA = qA.apply(localAnchorA - localCenterA)
            let rB = qB.apply(localAnchorB - localCenterB)
            let c = cB + rB - cA - rA
            positionError = c.length
            let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB
            var k = Mat22.zero
            k.ex.x = mA + mB + iA * rA.y * rA.y + iB * rB.y * rB.y
            k.ex.y = -iA * rA.x * rA.y - iB * rB.x * rB.y
            k.ey.x = k.ex.y
            k.ey.y = mA + mB + iA * rA.x * rA.x + iB * rB.x * rB.x
            let imp = -k.solve(c)
            cA -= mA * imp
            aA -= iA * rA.cross(imp)
            cB += mB * imp
            aB += iB * rB.cross(imp)
        }
        positions[indexA] = Position(c: cA, a: aA)
        positions[indexB] = Position(c: cB, a: aB)
        return positionError <= linearSlop && angularError <= angularSlop
    }
}
