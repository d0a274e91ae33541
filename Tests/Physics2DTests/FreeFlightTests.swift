import Testing
@testable import Physics2D

@Suite("Free flight parity with pybox2d")
struct FreeFlightTests {
    @Test("force, off-centre impulse, torque and point force match pybox2d to 1e-5 for 60 steps")
    func freeFlight() throws {
        let s = try SceneFixture.load("physics2d_free_flight")
        #expect(s.generator == "scripts/physics2d_fixtures.py")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events.isEmpty)
    }
}
