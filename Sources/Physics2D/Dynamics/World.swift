/// The physics world (`b2World`): owns bodies, fixtures, joints and contacts, and advances
/// them with `step`. Not thread-safe; use one world per thread.
///
/// ```swift
/// let world = World(gravity: Vec2(0, -10))
/// let ground = world.createBody(BodyDef(type: .staticBody))
/// try world.createFixture(on: ground, FixtureDef(shape: .edge(try EdgeShape(Vec2(0, 0), Vec2(20, 0)))))
/// let box = world.createBody(BodyDef(type: .dynamicBody, position: Vec2(10, 5)))
/// try world.createFixture(on: box, FixtureDef(shape: .polygon(try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)), density: 1))
/// for _ in 0..<100 {
///     world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2)
///     for event in world.contactEvents where event.kind == .begin { print(event.fixtureB.body.tag) }
/// }
/// ```
///
/// Box2D keeps bodies, joints and contacts in prepend-linked lists; here they are arrays in
/// creation order walked newest-first, which reproduces Box2D's iteration and solver order.
public final class World {
    @exclusivity(unchecked) public var gravity: Vec2
    /// Whether bodies may fall asleep (Box2D's `allowSleep`, on by default).
    @exclusivity(unchecked) public var allowSleep = true {
        didSet { if !allowSleep { for b in bodies { b.setAwake(true) } } }
    }
    @exclusivity(unchecked) public var warmStarting = true
    @exclusivity(unchecked) public var continuousPhysics = true
    @exclusivity(unchecked) public var subStepping = false

    @exclusivity(unchecked) var bodies: [Body] = []
    @exclusivity(unchecked) var joints: [RevoluteJoint] = []
    @exclusivity(unchecked) var contacts: [Contact] = []
    @exclusivity(unchecked) var broadPhase = BroadPhase()
    let island = Island()
    @exclusivity(unchecked) var stack: [Body] = []
    /// Destroyed contacts kept for reuse, so that contacts beginning and ending allocate nothing.
    @exclusivity(unchecked) var contactPool: [Contact] = []
    @exclusivity(unchecked) var newFixture = false
    @exclusivity(unchecked) var stepComplete = true
    @exclusivity(unchecked) var invDt0: Float = 0
    /// The step in progress between `beginStep` and `finishStep`.
    @exclusivity(unchecked) var pendingStep = TimeStep(dt: 0, invDt: 0, dtRatio: 0, velocityIterations: 0, positionIterations: 0, warmStarting: false)

    /// Begin/end touching events of the last `step`, in the order Box2D reports them.
    @exclusivity(unchecked) public internal(set) var contactEvents: [ContactEvent] = []

    public init(gravity: Vec2) {
        self.gravity = gravity
        contactEvents.reserveCapacity(32)
        stack.reserveCapacity(64)
        contactPool.reserveCapacity(64)
    }

    deinit {
        // Break reference cycles between bodies, contacts and joints.
        for b in bodies {
            b.contactEdges = []
            b.jointEdges = []
            b.fixtures = []
        }
    }

    /// Bodies in creation order.
    public var bodyList: [Body] { bodies }
    /// Joints in creation order.
    public var jointList: [RevoluteJoint] { joints }
    /// Contacts (touching or not) in creation order.
    public var contactList: [Contact] { contacts }

    // MARK: Creation

    /// Creates a body (`CreateBody`).
    @discardableResult public func createBody(_ def: BodyDef) -> Body {
        let b = Body(def: def)
        bodies.append(b)
        return b
    }

    /// Attaches a fixture to `body` (`b2Body::CreateFixture`); a positive density updates
    /// the body's mass.
    @discardableResult public func createFixture(on body: Body, _ def: FixtureDef) throws -> Fixture {
        guard def.density >= 0, def.density.isFinite else { throw PhysicsError.invalidMaterial("density \(def.density)") }
        guard def.friction >= 0, def.friction.isFinite else { throw PhysicsError.invalidMaterial("friction \(def.friction)") }
        guard def.restitution >= 0, def.restitution.isFinite else { throw PhysicsError.invalidMaterial("restitution \(def.restitution)") }
        precondition(bodies.contains { $0 === body }, "body belongs to another world")
        let f = Fixture(body: body, def: def)
        f.aabb = def.shape.aabb(body.transform)
        f.proxyId = broadPhase.createProxy(f.aabb, f)
        body.fixtures.append(f)
        if def.density > 0 { body.resetMassData() }
        newFixture = true
        return f
    }

    /// Creates a revolute joint (`CreateJoint`).
    @discardableResult public func createRevoluteJoint(_ def: RevoluteJointDef) throws -> RevoluteJoint {
        guard def.bodyA !== def.bodyB else { throw PhysicsError.invalidJoint("a joint needs two different bodies") }
        guard bodies.contains(where: { $0 === def.bodyA }), bodies.contains(where: { $0 === def.bodyB }) else {
            throw PhysicsError.invalidJoint("both bodies must belong to this world")
        }
        guard def.lowerAngle <= def.upperAngle else {
            throw PhysicsError.invalidJoint("lower limit \(def.lowerAngle) > upper limit \(def.upperAngle)")
        }
        let j = RevoluteJoint(def)
        joints.append(j)
        def.bodyA.jointEdges.append(JointEdge(joint: j, other: def.bodyB))
        def.bodyB.jointEdges.append(JointEdge(joint: j, other: def.bodyA))
        if !def.collideConnected {
            for edge in def.bodyB.contactEdges.reversed() where edge.other === def.bodyA {
                edge.contact.filterFlag = true
            }
        }
        return j
    }

    // MARK: Stepping

    /// Advances the world by `dt` (`b2World::Step`): collide, solve islands, continuous
    /// collision, clear forces.
    public func step(_ dt: Float, velocityIterations: Int, positionIterations: Int) {
        if beginStep(dt, velocityIterations: velocityIterations, positionIterations: positionIterations) {
            island.solveVelocityIterations(pendingStep.velocityIterations)
            finishStep()
        }
    }

    // MARK: Contact management (b2ContactManager)

    func findNewContacts() {
        broadPhase.updatePairs { fa, fb in self.addPair(fa, fb) }
    }

    func addPair(_ fixtureA: Fixture, _ fixtureB: Fixture) {
        let bodyA = fixtureA.body, bodyB = fixtureB.body
        if bodyA === bodyB { return }
        for edge in bodyB.contactEdges.reversed() where edge.other === bodyA {
            let fA = edge.contact.fixtureA, fB = edge.contact.fixtureB
            if fA === fixtureA && fB === fixtureB { return }
            if fA === fixtureB && fB === fixtureA { return }
        }
        if !bodyB.shouldCollide(bodyA) { return }
        if !fixtureA.filter.shouldCollide(with: fixtureB.filter) { return }
        // Contact registers: edge–polygon has the edge first; edge–edge makes no contact.
        let rankA = fixtureA.shape.typeRank, rankB = fixtureB.shape.typeRank
        if rankA == 1 && rankB == 1 { return }
        let (first, second) = rankA <= rankB ? (fixtureA, fixtureB) : (fixtureB, fixtureA)
        let c: Contact
        if let pooled = contactPool.popLast() {
            pooled.reset(first, second)
            c = pooled
        } else {
            c = Contact(first, second)
        }
        contacts.append(c)
        let a = c.fixtureA.body, b = c.fixtureB.body
        a.contactEdges.append(ContactEdge(contact: c, other: b))
        b.contactEdges.append(ContactEdge(contact: c, other: a))
        if !c.fixtureA.isSensor && !c.fixtureB.isSensor {
            a.setAwake(true)
            b.setAwake(true)
        }
    }

    func destroy(_ c: Contact, at index: Int) {
        if c.touchingFlag { contactEvents.append(ContactEvent(kind: .end, fixtureA: c.fixtureA, fixtureB: c.fixtureB)) }
        contacts.remove(at: index)
        let a = c.fixtureA.body, b = c.fixtureB.body
        if let i = a.contactEdges.firstIndex(where: { $0.contact === c }) { a.contactEdges.remove(at: i) }
        if let i = b.contactEdges.firstIndex(where: { $0.contact === c }) { b.contactEdges.remove(at: i) }
        if c.manifold.pointCount > 0 && !c.fixtureA.isSensor && !c.fixtureB.isSensor {
            a.setAwake(true)
            b.setAwake(true)
        }
        contactPool.append(c)
    }

    /// Updates every contact's manifold; destroys those whose fat boxes separated
    /// (`b2ContactManager::Collide`).
    func collide() {
        var i = contacts.count - 1
        while i >= 0 {
            let c = contacts[i]
            let bodyA = c.fixtureA.body, bodyB = c.fixtureB.body
            if c.filterFlag {
                if !bodyB.shouldCollide(bodyA) || !c.fixtureA.filter.shouldCollide(with: c.fixtureB.filter) {
                    destroy(c, at: i)
                    i -= 1
                    continue
                }
                c.filterFlag = false
            }
            let activeA = bodyA.awakeFlag && bodyA.type != .staticBody
            let activeB = bodyB.awakeFlag && bodyB.type != .staticBody
            if !activeA && !activeB {
                i -= 1
                continue
            }
            if !broadPhase.testOverlap(c.fixtureA.proxyId, c.fixtureB.proxyId) {
                destroy(c, at: i)
                i -= 1
                continue
            }
            c.update(&contactEvents)
            i -= 1
        }
    }

    /// Moves a body's proxies to cover its motion over the step (`SynchronizeFixtures`).
    func synchronizeFixtures(_ b: Body) {
        let q1 = Rot(b.sweep.a0)
        let xf1 = Transform(p: b.sweep.c0 - q1.apply(b.sweep.localCenter), q: q1)
        let xf2 = b.transform
        for f in b.fixtures.reversed() {
            let aabb1 = f.shape.aabb(xf1)
            let aabb2 = f.shape.aabb(xf2)
            f.aabb = AABB.combine(aabb1, aabb2)
            broadPhase.moveProxy(f.proxyId, f.aabb, xf2.p - xf1.p)
        }
    }
}
