import Testing
@testable import Physics2D

@Suite("Damping, gravity scale and bullets: parity with pybox2d")
struct DampingBulletTests {
    @Test("a damped body with half gravity, and a bullet stopped by a thin dynamic wall, agree (1e-5, 80 steps)")
    func scene() throws {
        let s = try SceneFixture.load("physics2d_damping_bullet")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events == s.eventStrings)
        // The bullet (body 3) hit the wall (body 2) instead of passing through it.
        #expect(s.eventStrings.contains { $0.hasSuffix("begin 2 3") })
    }

    @Test("without the bullet flag the same shot tunnels through the wall")
    func tunnelsWithoutBullet() throws {
        let s = try SceneFixture.load("physics2d_damping_bullet")
        let r = try runScene(s, steps: 12) { world in world.bodyList[3].isBullet = false }
        let bulletX = try #require(r.states[11][2])[0]
        #expect(bulletX > 5.5)
    }
}
