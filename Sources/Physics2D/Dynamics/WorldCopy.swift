/// A deep copy of a world, with the way back from the original's objects to their copies.
///
/// Why it exists: a world is a graph of reference objects (bodies, fixtures, joints,
/// contacts with their warm-starting impulses, the broad-phase tree whose proxy ids decide
/// contact order). Branching a simulation — stepping the same state several ways, or
/// going back to a saved state — needs an independent world that steps bit for bit like
/// the original would. `World.copy()` builds one; this value also tells a caller which
/// copied body, fixture or joint stands for each original it holds references to.
///
/// The copy keeps the original world alive, so the lookups stay valid for as long as the
/// copy value exists.
public struct WorldCopy {
    /// The new, independent world.
    public let world: World
    /// The world that was copied.
    public let original: World
    let bodies: [ObjectIdentifier: Body]
    let fixtures: [ObjectIdentifier: Fixture]
    let joints: [ObjectIdentifier: RevoluteJoint]

    /// The copy of `original`, a body of the copied world (`nil` for another world's body).
    public func body(_ original: Body) -> Body? { bodies[ObjectIdentifier(original)] }
    /// The copy of `original`, a fixture of the copied world.
    public func fixture(_ original: Fixture) -> Fixture? { fixtures[ObjectIdentifier(original)] }
    /// The copy of `original`, a joint of the copied world.
    public func joint(_ original: RevoluteJoint) -> RevoluteJoint? { joints[ObjectIdentifier(original)] }
}

extension World {
    /// A deep copy of the whole world: settings, bodies (poses, sweeps, velocities,
    /// pending forces, sleep timers, awake and island flags), fixtures with their proxies,
    /// joints with their accumulated impulses, contacts with manifolds, warm-starting
    /// impulses and touching/TOI state in list order, the broad-phase tree (node ids, free
    /// list, pending moves), the previous inverse time step and the last step's contact
    /// events. Stepping the copy gives bit for bit what stepping the original would.
    ///
    /// Every array gets storage of its own with the original's capacity, so stepping
    /// either world afterwards allocates no more than it would have without the copy.
    public func copy() -> WorldCopy {
        let w = World(gravity: gravity)
        w.warmStarting = warmStarting
        w.continuousPhysics = continuousPhysics
        w.subStepping = subStepping
        w.allowSleep = allowSleep
        w.newFixture = newFixture
        w.stepComplete = stepComplete
        w.invDt0 = invDt0

        var bodyMap: [ObjectIdentifier: Body] = [:]
        var fixtureMap: [ObjectIdentifier: Fixture] = [:]
        var jointMap: [ObjectIdentifier: RevoluteJoint] = [:]
        var contactMap: [ObjectIdentifier: Contact] = [:]
        w.bodies.reserveCapacity(bodies.capacity)
        for b in bodies {
            let copy = Body(copying: b)
            copy.fixtures.reserveCapacity(b.fixtures.capacity)
            for f in b.fixtures {
                let fc = Fixture(copying: f, body: copy)
                fixtureMap[ObjectIdentifier(f)] = fc
                copy.fixtures.append(fc)
            }
            bodyMap[ObjectIdentifier(b)] = copy
            w.bodies.append(copy)
        }
        // Every body, fixture, joint and contact below belongs to this world, so each
        // lookup finds its copy; the fallbacks only keep the code free of force unwraps.
        func body(_ b: Body) -> Body { bodyMap[ObjectIdentifier(b)] ?? b }
        func fixture(_ f: Fixture) -> Fixture { fixtureMap[ObjectIdentifier(f)] ?? f }

        w.joints.reserveCapacity(joints.capacity)
        for j in joints {
            let copy = RevoluteJoint(copying: j, bodyA: body(j.bodyA), bodyB: body(j.bodyB))
            jointMap[ObjectIdentifier(j)] = copy
            w.joints.append(copy)
        }
        w.contacts.reserveCapacity(contacts.capacity)
        for c in contacts {
            let copy = Contact(copying: c, fixture(c.fixtureA), fixture(c.fixtureB))
            contactMap[ObjectIdentifier(c)] = copy
            w.contacts.append(copy)
        }
        for (b, copy) in zip(bodies, w.bodies) {
            copy.contactEdges.reserveCapacity(b.contactEdges.capacity)
            for edge in b.contactEdges {
                let contact = contactMap[ObjectIdentifier(edge.contact)] ?? edge.contact
                copy.contactEdges.append(ContactEdge(contact: contact, other: body(edge.other)))
            }
            copy.jointEdges.reserveCapacity(b.jointEdges.capacity)
            for edge in b.jointEdges {
                let joint = jointMap[ObjectIdentifier(edge.joint)] ?? edge.joint
                copy.jointEdges.append(JointEdge(joint: joint, other: body(edge.other)))
            }
        }
        w.broadPhase = broadPhase.copy(mapping: fixture)
        // Pooled contacts are reinitialised before reuse; only their number matters.
        w.contactPool.reserveCapacity(contactPool.capacity)
        if let anyFixture = w.bodies.lazy.flatMap(\.fixtures).first {
            while w.contactPool.count < contactPool.count { w.contactPool.append(Contact(anyFixture, anyFixture)) }
        }
        w.stack.reserveCapacity(stack.capacity)
        w.contactEvents.reserveCapacity(contactEvents.capacity)
        for event in contactEvents {
            w.contactEvents.append(ContactEvent(kind: event.kind, fixtureA: fixture(event.fixtureA), fixtureB: fixture(event.fixtureB)))
        }
        w.island.reserve(like: island)
        return WorldCopy(world: w, original: self, bodies: bodyMap, fixtures: fixtureMap, joints: jointMap)
    }
}

extension Array {
    /// The same elements in a buffer of their own with at least this array's capacity.
    func unsharedCopy() -> [Element] {
        var copy: [Element] = []
        copy.reserveCapacity(capacity)
        copy.append(contentsOf: self)
        return copy
    }
}

extension ContiguousArray {
    /// The same elements in a buffer of their own with at least this array's capacity.
    func unsharedCopy() -> ContiguousArray<Element> {
        var copy = ContiguousArray<Element>()
        copy.reserveCapacity(capacity)
        copy.append(contentsOf: self)
        return copy
    }
}
