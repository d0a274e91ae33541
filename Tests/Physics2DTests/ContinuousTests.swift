import Testing
@testable import Physics2D

@Suite("Continuous collision (TOI)")
struct ContinuousTests {
    @Test("fast bodies hitting edges (TOI sub-steps, rotation clamp) agree to 1e-5 for 60 steps, with the same events")
    func fastImpact() throws {
        let s = try SceneFixture.load("physics2d_fast_impact")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events == s.eventStrings)
    }

    @Test("without continuous collision the fast box tunnels through the ground; with it, it does not")
    func tunnelling() throws {
        let s = try SceneFixture.load("physics2d_fast_impact")
        let withTOI = try runScene(s, steps: 3)
        let without = try runScene(s, steps: 3) { $0.continuousPhysics = false }
        #expect(withTOI.states[2][0]![1] > 0)
        #expect(without.states[2][0]![1] < 0)
    }

    @Test("the recorded contact scenes depend on TOI: disabling it breaks parity")
    func scenesUseTOI() throws {
        for name in ["physics2d_lander", "physics2d_boxes_on_edges"] {
            let s = try SceneFixture.load(name)
            let r = try runScene(s) { $0.continuousPhysics = false }
            let d = compare(s, r, steps: s.steps, tol: 1e-5)
            #expect(d.firstFailStep != nil, "\(name) did not exercise TOI")
        }
    }
}
