extension World {
    /// Removes a body with its joints, contacts (reporting `end` for touching ones in
    /// `contactEvents`) and fixtures (`b2World::DestroyBody`). The body must not be used
    /// afterwards.
    public func destroyBody(_ body: Body) {
        guard let index = bodies.firstIndex(where: { $0 === body }) else {
            preconditionFailure("destroyBody: body is not in this world")
        }
        for je in body.jointEdges.reversed() { destroyJoint(je.joint) }
        body.jointEdges = []
        for ce in body.contactEdges.reversed() {
            if let i = contacts.firstIndex(where: { $0 === ce.contact }) { destroy(ce.contact, at: i) }
        }
        body.contactEdges = []
        for f in body.fixtures.reversed() {
            broadPhase.destroyProxy(f.proxyId)
            f.proxyId = -1
        }
        body.fixtures = []
        bodies.remove(at: index)
    }

    /// Removes a fixture and its contacts from its body, then updates the body's mass
    /// (`b2Body::DestroyFixture`).
    public func destroyFixture(_ fixture: Fixture) {
        let body = fixture.body
        guard let fi = body.fixtures.firstIndex(where: { $0 === fixture }) else {
            preconditionFailure("destroyFixture: fixture is not attached to its body")
        }
        body.fixtures.remove(at: fi)
        for ce in body.contactEdges.reversed() where ce.contact.fixtureA === fixture || ce.contact.fixtureB === fixture {
            if let i = contacts.firstIndex(where: { $0 === ce.contact }) { destroy(ce.contact, at: i) }
        }
        broadPhase.destroyProxy(fixture.proxyId)
        fixture.proxyId = -1
        body.resetMassData()
    }

    /// Removes a joint, waking both bodies (`b2World::DestroyJoint`).
    public func destroyJoint(_ joint: RevoluteJoint) {
        guard let index = joints.firstIndex(where: { $0 === joint }) else { return }
        joints.remove(at: index)
        let bodyA = joint.bodyA, bodyB = joint.bodyB
        bodyA.setAwake(true)
        bodyB.setAwake(true)
        if let i = bodyA.jointEdges.firstIndex(where: { $0.joint === joint }) { bodyA.jointEdges.remove(at: i) }
        if let i = bodyB.jointEdges.firstIndex(where: { $0.joint === joint }) { bodyB.jointEdges.remove(at: i) }
        if !joint.collideConnected {
            for edge in bodyB.contactEdges.reversed() where edge.other === bodyA {
                edge.contact.filterFlag = true
            }
        }
    }
}

extension World {
    /// Teleports a body (`b2Body::SetTransform`, in pybox2d's form which also looks for new
    /// contacts immediately). Velocities are kept.
    public func setTransform(_ body: Body, position: Vec2, angle: Float) {
        body.transform = Transform(position, angle: angle)
        body.sweep.c = body.transform.apply(body.sweep.localCenter)
        body.sweep.a = angle
        body.sweep.c0 = body.sweep.c
        body.sweep.a0 = angle
        let xf = body.transform
        for f in body.fixtures.reversed() {
            f.aabb = AABB.combine(f.shape.aabb(xf), f.shape.aabb(xf))
            broadPhase.moveProxy(f.proxyId, f.aabb, .zero)
        }
        findNewContacts()
    }
}
