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

    @Test("motor and limit setters wake sleeping bodies, as pybox2d's SetMotorSpeed/EnableLimit do")
    func settersWake() throws {
        let s = try SceneFixture.load("physics2d_lander")
        let (world, bodies) = try buildWorld(s)
        for _ in 0..<(s.sleepStep["1"]! + 1) { world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60) }
        let lander = bodies[1]!
        let joint = try #require(world.jointList.first)
        #expect(!lander.isAwake)
        joint.motorSpeed = joint.motorSpeed
        #expect(lander.isAwake && joint.bodyB.isAwake)
        for _ in 0..<40 { world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60) }
        #expect(!lander.isAwake)
        joint.isLimitEnabled = true  // unchanged: no wake
        #expect(!lander.isAwake)
        joint.isLimitEnabled = false
        #expect(lander.isAwake)
        #expect(joint.motorTorque(invDt: 50).isFinite && joint.reactionTorque(invDt: 50) == 0)
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
