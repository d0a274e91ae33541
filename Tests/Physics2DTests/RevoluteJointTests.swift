import Testing
@testable import Physics2D

@Suite("Revolute joint with motor and limit: parity with pybox2d")
struct RevoluteJointTests {
    @Test("a leg driven into its limit by the motor agrees to 1e-5 for 80 steps")
    func motorAgainstLimit() throws {
        let s = try SceneFixture.load("physics2d_revolute_motor")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
    }

    @Test("the motor reaches the limit and the limit holds within angular slop")
    func limitHolds() throws {
        let s = try SceneFixture.load("physics2d_revolute_motor")
        let (world, bodies) = try buildWorld(s)
        let joint = try #require(world.jointList.first)
        bodies[0]!.applyForceToCenter(Vec2(150, 420))
        for _ in 0..<60 { world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2) }
        // Motor speed +0.3 drives the angle up to the upper limit.
        #expect(abs(joint.jointAngle - joint.upperAngle) < 2 * angularSlop)
        #expect(joint.limitState == .atUpper)
    }

    @Test("joint creation errors are thrown, not trapped")
    func errors() throws {
        let world = World(gravity: Vec2(0, -10))
        let a = world.createBody(BodyDef(type: .dynamicBody))
        let b = world.createBody(BodyDef(type: .dynamicBody))
        #expect(throws: PhysicsError.self) { try world.createRevoluteJoint(RevoluteJointDef(bodyA: a, bodyB: a)) }
        var jd = RevoluteJointDef(bodyA: a, bodyB: b)
        jd.lowerAngle = 1
        jd.upperAngle = 0
        #expect(throws: PhysicsError.self) { try world.createRevoluteJoint(jd) }
        let other = World(gravity: .zero).createBody(BodyDef(type: .dynamicBody))
        #expect(throws: PhysicsError.self) { try world.createRevoluteJoint(RevoluteJointDef(bodyA: a, bodyB: other)) }
    }
}
