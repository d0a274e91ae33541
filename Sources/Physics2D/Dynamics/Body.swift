/// Whether a body moves and how (`b2BodyType`).
public enum BodyType: Sendable {
    /// Zero mass, never moves (terrain).
    case staticBody
    /// Moves by velocity only, infinite mass.
    case kinematicBody
    /// Fully simulated.
    case dynamicBody
}

/// Initial state of a body (`b2BodyDef`), with Box2D's defaults.
public struct BodyDef: Sendable {
    public var type: BodyType = .staticBody
    public var position: Vec2 = .zero
    public var angle: Float = 0
    public var linearVelocity: Vec2 = .zero
    public var angularVelocity: Float = 0
    public var linearDamping: Float = 0
    public var angularDamping: Float = 0
    public var allowSleep = true
    public var awake = true
    public var fixedRotation = false
    public var bullet = false
    public var gravityScale: Float = 1
    /// Caller's identification (Box2D's `userData`).
    public var tag = 0
    public init(type: BodyType = .staticBody, position: Vec2 = .zero, angle: Float = 0, tag: Int = 0) {
        self.type = type
        self.position = position
        self.angle = angle
        self.tag = tag
    }
}

/// The link from a body to one of its contacts (`b2ContactEdge`).
struct ContactEdge {
    let contact: Contact
    unowned(unsafe) let other: Body
}

/// The link from a body to one of its joints (`b2JointEdge`).
struct JointEdge {
    let joint: RevoluteJoint
    unowned(unsafe) let other: Body
}

/// A rigid body (`b2Body`). Created by `World.createBody`; owned by the world.
///
/// Lists that Box2D keeps as prepend-linked lists (fixtures, contact edges, joint edges)
/// are arrays in creation order here and are walked newest-first, which reproduces Box2D's
/// iteration order and therefore its solver order.
public final class Body {
    public let type: BodyType
    @exclusivity(unchecked) public var tag: Int
    @exclusivity(unchecked) public internal(set) var transform: Transform
    @exclusivity(unchecked) var sweep = Sweep()
    @exclusivity(unchecked) var linearVelocityStorage: Vec2
    @exclusivity(unchecked) var angularVelocityStorage: Float
    @exclusivity(unchecked) var force: Vec2 = .zero
    @exclusivity(unchecked) var torque: Float = 0
    @exclusivity(unchecked) public internal(set) var mass: Float = 0
    @exclusivity(unchecked) var invMass: Float = 0
    /// Rotational inertia about the centre of mass (Box2D's `m_I`).
    @exclusivity(unchecked) var centralInertia: Float = 0
    /// Rotational inertia about the body origin, as Box2D's `GetInertia()` reports it.
    public var inertia: Float { centralInertia + mass * sweep.localCenter.dot(sweep.localCenter) }
    @exclusivity(unchecked) var invI: Float = 0
    @exclusivity(unchecked) public var linearDamping: Float
    @exclusivity(unchecked) public var angularDamping: Float
    @exclusivity(unchecked) public var gravityScale: Float
    @exclusivity(unchecked) var sleepTime: Float = 0

    @exclusivity(unchecked) var awakeFlag: Bool
    @exclusivity(unchecked) var islandFlag = false
    @exclusivity(unchecked) var autoSleep: Bool
    @exclusivity(unchecked) var bullet: Bool
    @exclusivity(unchecked) var fixedRotation: Bool
    @exclusivity(unchecked) var islandIndex = 0

    @exclusivity(unchecked) var fixtures: [Fixture] = []
    @exclusivity(unchecked) var contactEdges: [ContactEdge] = []
    @exclusivity(unchecked) var jointEdges: [JointEdge] = []

    init(def: BodyDef) {
        type = def.type
        tag = def.tag
        transform = Transform(def.position, angle: def.angle)
        sweep.c0 = def.position
        sweep.c = def.position
        sweep.a0 = def.angle
        sweep.a = def.angle
        linearVelocityStorage = def.linearVelocity
        angularVelocityStorage = def.angularVelocity
        linearDamping = def.linearDamping
        angularDamping = def.angularDamping
        gravityScale = def.gravityScale
        awakeFlag = def.awake
        autoSleep = def.allowSleep
        bullet = def.bullet
        fixedRotation = def.fixedRotation
        if type == .dynamicBody {
            mass = 1
            invMass = 1
        }
    }

    /// A copy of `other`'s state for a world copy (`World.copy()`): every field but the
    /// fixture, contact and joint lists, which the world copy rebuilds with its own objects.
    init(copying other: Body) {
        type = other.type
        tag = other.tag
        transform = other.transform
        sweep = other.sweep
        linearVelocityStorage = other.linearVelocityStorage
        angularVelocityStorage = other.angularVelocityStorage
        force = other.force
        torque = other.torque
        mass = other.mass
        invMass = other.invMass
        centralInertia = other.centralInertia
        invI = other.invI
        linearDamping = other.linearDamping
        angularDamping = other.angularDamping
        gravityScale = other.gravityScale
        sleepTime = other.sleepTime
        awakeFlag = other.awakeFlag
        islandFlag = other.islandFlag
        autoSleep = other.autoSleep
        bullet = other.bullet
        fixedRotation = other.fixedRotation
        islandIndex = other.islandIndex
    }

    // MARK: State

    /// World position of the body origin.
    @inlinable public var position: Vec2 { transform.p }
    /// Rotation angle in radians (not wrapped).
    public var angle: Float { sweep.a }
    /// World position of the centre of mass.
    public var worldCenter: Vec2 { sweep.c }
    /// Centre of mass in body coordinates.
    public var localCenter: Vec2 { sweep.localCenter }
    /// The fixtures, in creation order.
    public var fixtureList: [Fixture] { fixtures }

    /// Velocity of the centre of mass. Setting a non-zero value wakes the body.
    public var linearVelocity: Vec2 {
        get { linearVelocityStorage }
        set {
            if type == .staticBody { return }
            if newValue.dot(newValue) > 0 { setAwake(true) }
            linearVelocityStorage = newValue
        }
    }

    /// Angular velocity in rad/s. Setting a non-zero value wakes the body.
    public var angularVelocity: Float {
        get { angularVelocityStorage }
        set {
            if type == .staticBody { return }
            if newValue * newValue > 0 { setAwake(true) }
            angularVelocityStorage = newValue
        }
    }

    /// Whether the body is simulated this step; sleeping bodies cost nothing.
    public var isAwake: Bool {
        get { awakeFlag }
        set { setAwake(newValue) }
    }

    /// Whether continuous collision also guards this body against other dynamic bodies
    /// (Box2D's bullets).
    public var isBullet: Bool {
        get { bullet }
        set { bullet = newValue }
    }

    /// Whether the body may fall asleep.
    public var isSleepingAllowed: Bool {
        get { autoSleep }
        set {
            autoSleep = newValue
            if !newValue { setAwake(true) }
        }
    }

    func setAwake(_ flag: Bool) {
        if flag {
            if !awakeFlag {
                awakeFlag = true
                sleepTime = 0
            }
        } else {
            awakeFlag = false
            sleepTime = 0
            linearVelocityStorage = .zero
            angularVelocityStorage = 0
            force = .zero
            torque = 0
        }
    }

    /// World coordinates of a point given in body coordinates.
    public func worldPoint(_ local: Vec2) -> Vec2 { transform.apply(local) }
    /// Body coordinates of a world point.
    public func localPoint(_ world: Vec2) -> Vec2 { transform.applyInverse(world) }
    /// World direction of a body-frame vector.
    public func worldVector(_ local: Vec2) -> Vec2 { transform.q.apply(local) }

    // MARK: Forces

    /// Applies a force at a world point for the next step (`ApplyForce`).
    public func applyForce(_ f: Vec2, point: Vec2, wake: Bool = true) {
        if type != .dynamicBody { return }
        if wake && !awakeFlag { setAwake(true) }
        if awakeFlag {
            force += f
            torque += (point - sweep.c).cross(f)
        }
    }

    /// Applies a force at the centre of mass for the next step (`ApplyForceToCenter`).
    public func applyForceToCenter(_ f: Vec2, wake: Bool = true) {
        if type != .dynamicBody { return }
        if wake && !awakeFlag { setAwake(true) }
        if awakeFlag { force += f }
    }

    /// Applies a torque for the next step (`ApplyTorque`).
    public func applyTorque(_ t: Float, wake: Bool = true) {
        if type != .dynamicBody { return }
        if wake && !awakeFlag { setAwake(true) }
        if awakeFlag { torque += t }
    }

    /// Changes the velocity immediately by an impulse at a world point (`ApplyLinearImpulse`).
    public func applyLinearImpulse(_ impulse: Vec2, point: Vec2, wake: Bool = true) {
        if type != .dynamicBody { return }
        if wake && !awakeFlag { setAwake(true) }
        if awakeFlag {
            linearVelocityStorage += invMass * impulse
            angularVelocityStorage += invI * (point - sweep.c).cross(impulse)
        }
    }

    /// Changes the angular velocity immediately (`ApplyAngularImpulse`).
    public func applyAngularImpulse(_ impulse: Float, wake: Bool = true) {
        if type != .dynamicBody { return }
        if wake && !awakeFlag { setAwake(true) }
        if awakeFlag { angularVelocityStorage += invI * impulse }
    }

    // MARK: Internals

    /// Recomputes mass, centre and inertia from the fixtures (`ResetMassData`).
    func resetMassData() {
        mass = 0
        invMass = 0
        centralInertia = 0
        invI = 0
        sweep.localCenter = .zero
        if type == .staticBody || type == .kinematicBody {
            sweep.c0 = transform.p
            sweep.c = transform.p
            sweep.a0 = sweep.a
            return
        }
        var localCenter = Vec2.zero
        for f in fixtures.reversed() where f.density != 0 {
            let md = f.shape.massData(density: f.density)
            mass += md.mass
            localCenter += md.mass * md.center
            centralInertia += md.inertia
        }
        if mass > 0 {
            invMass = 1 / mass
            localCenter = invMass * localCenter
        } else {
            mass = 1
            invMass = 1
        }
        if centralInertia > 0 && !fixedRotation {
            centralInertia -= mass * localCenter.dot(localCenter)
            invI = 1 / centralInertia
        } else {
            centralInertia = 0
            invI = 0
        }
        let oldCenter = sweep.c
        sweep.localCenter = localCenter
        sweep.c = transform.apply(localCenter)
        sweep.c0 = sweep.c
        linearVelocityStorage += cross(angularVelocityStorage, sweep.c - oldCenter)
    }

    @inline(__always) func synchronizeTransform() {
        transform.q = Rot(sweep.a)
        transform.p = sweep.c - transform.q.apply(sweep.localCenter)
    }

    func advance(_ alpha: Float) {
        sweep.advance(to: alpha)
        sweep.c = sweep.c0
        sweep.a = sweep.a0
        transform.q = Rot(sweep.a)
        transform.p = sweep.c - transform.q.apply(sweep.localCenter)
    }

    /// Whether contacts between this body and `other` are allowed (`b2Body::ShouldCollide`).
    func shouldCollide(_ other: Body) -> Bool {
        if type != .dynamicBody && other.type != .dynamicBody { return false }
        for je in jointEdges.reversed() where je.other === other {
            if !je.joint.collideConnected { return false }
        }
        return true
    }
}
