import Testing
@testable import Physics2D

@Suite("Sleeping")
struct SleepTests {
    @Test("a box at rest falls asleep at exactly the step pybox2d reports")
    func sleepStep() throws {
        let s = try SceneFixture.load("physics2d_sleep")
        let r = try runScene(s)
        #expect(s.sleepStep["1"] != nil)
        #expect(r.sleepStep == s.sleepStep)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events == s.eventStrings)
    }

    @Test("a sleeping body has zero velocity and wakes on an impulse with wake = true")
    func wakeOnImpulse() throws {
        let s = try SceneFixture.load("physics2d_sleep")
        let (world, bodies) = try buildWorld(s)
        for _ in 0..<(s.sleepStep["1"]! + 1) { world.step(Float(s.dt), velocityIterations: 6, positionIterations: 2) }
        let box = bodies[1]!
        #expect(!box.isAwake)
        #expect(box.linearVelocity == .zero && box.angularVelocity == 0)
        box.applyLinearImpulse(Vec2(0, 1), point: box.worldCenter, wake: false)
        #expect(!box.isAwake)
        box.applyLinearImpulse(Vec2(0, 1), point: box.worldCenter, wake: true)
        #expect(box.isAwake)
        #expect(box.linearVelocity.y > 0)
    }

    @Test("with sleeping disabled the body stays awake")
    func sleepingDisabled() throws {
        let s = try SceneFixture.load("physics2d_sleep")
        let (world, bodies) = try buildWorld(s)
        world.allowSleep = false
        for _ in 0..<s.steps { world.step(Float(s.dt), velocityIterations: 6, positionIterations: 2) }
        #expect(bodies[1]!.isAwake)
    }
}
