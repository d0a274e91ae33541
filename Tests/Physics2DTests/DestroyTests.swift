import Testing
@testable import Physics2D

@Suite("Destroying and recreating bodies: parity with pybox2d")
struct DestroyTests {
    @Test("destroying touching bodies reports end events; recreated bodies reuse proxy ids as Box2D does (1e-5, 130 steps)")
    func recreate() throws {
        let s = try SceneFixture.load("physics2d_recreate")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events == s.eventStrings)
        #expect(r.sleepStep == s.sleepStep)
        #expect(s.eventStrings.contains("50 end 0 1"))
    }

    @Test("proxy ids are recycled from the tree's free list")
    func proxyIdRecycling() throws {
        let world = World(gravity: Vec2(0, -10))
        let box = Shape.polygon(try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5))
        var bodies: [Body] = []
        for i in 0..<4 {
            let b = world.createBody(BodyDef(type: .dynamicBody, position: Vec2(Float(i) * 3, 0)))
            try world.createFixture(on: b, FixtureDef(shape: box, density: 1))
            bodies.append(b)
        }
        // Leaves and internal nodes share one pool: leaves get 0, 1, 3, 5.
        #expect(bodies.map { $0.fixtureList[0].proxyId } == [0, 1, 3, 5])
        let freed = bodies[2].fixtureList[0].proxyId
        world.destroyBody(bodies[2])
        #expect(world.bodyList.count == 3)
        let b = world.createBody(BodyDef(type: .dynamicBody, position: Vec2(20, 0)))
        try world.createFixture(on: b, FixtureDef(shape: box, density: 1))
        #expect(b.fixtureList[0].proxyId == freed)
        #expect(world.broadPhase.tree.liveNodeCount == 7)
    }

    @Test("destroying a joint or fixture leaves a consistent world")
    func destroyJointAndFixture() throws {
        let s = try SceneFixture.load("physics2d_lander")
        let (world, bodies) = try buildWorld(s)
        for _ in 0..<5 { world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60) }
        let joint = try #require(world.jointList.first)
        world.destroyJoint(joint)
        #expect(world.jointList.count == 1)
        let leg = try #require(bodies[3])
        let massBefore = leg.mass
        world.destroyFixture(leg.fixtureList[0])
        #expect(leg.fixtureList.isEmpty)
        #expect(leg.mass == 1 && massBefore != 1)
        for _ in 0..<5 { world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60) }
        #expect(bodies[1]!.position.y.isFinite)
    }
}

@Suite("Teleporting bodies")
struct SetTransformTests {
    @Test("setTransform moves the body, keeps its velocity and finds new contacts at once")
    func teleport() throws {
        let world = World(gravity: Vec2(0, -10))
        let ground = world.createBody(BodyDef(type: .staticBody))
        try world.createFixture(on: ground, FixtureDef(shape: .edge(try EdgeShape(Vec2(-5, 0), Vec2(5, 0)))))
        let box = world.createBody(BodyDef(type: .dynamicBody, position: Vec2(0, 10)))
        try world.createFixture(on: box, FixtureDef(shape: .polygon(try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)), density: 1))
        world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2)
        #expect(world.contactList.isEmpty)
        let v0 = box.linearVelocity
        world.setTransform(box, position: Vec2(1, 0.49), angle: 0.1)
        #expect(box.position == Vec2(1, 0.49) && box.angle == 0.1)
        #expect(box.linearVelocity == v0)
        #expect(world.contactList.count == 1)
        world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2)
        #expect(world.contactList[0].isTouching)
        #expect(world.contactEvents.map(\.kind) == [.begin])
    }
}
