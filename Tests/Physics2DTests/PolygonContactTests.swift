import Testing
@testable import Physics2D

@Suite("Polygon–polygon contacts: parity with pybox2d")
struct PolygonContactTests {
    @Test("a box pyramid and a polygon on a static box agree to 1e-5 for 200 steps")
    func stack() throws {
        let s = try SceneFixture.load("physics2d_stack")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
    }

    @Test("contact events and sleep steps match")
    func eventsAndSleep() throws {
        let s = try SceneFixture.load("physics2d_stack")
        let r = try runScene(s)
        #expect(r.events == s.eventStrings)
        #expect(r.sleepStep == s.sleepStep)
    }

    @Test("two overlapping boxes produce a two-point manifold with opposite-facing normal")
    func manifold() throws {
        let a = try PolygonShape(boxHalfWidth: 1, halfHeight: 1)
        let b = try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)
        var m = Manifold()
        PolygonCollider.collide(&m, a, Transform(Vec2(0, 0), angle: 0), b, Transform(Vec2(0.2, 1.49), angle: 0))
        #expect(m.pointCount == 2)
        let wm = WorldManifold(m, Transform(Vec2(0, 0), angle: 0), a.radius, Transform(Vec2(0.2, 1.49), angle: 0), b.radius)
        #expect(abs(wm.normal.y - 1) < 1e-6)
        var far = Manifold()
        PolygonCollider.collide(&far, a, Transform(Vec2(0, 0), angle: 0), b, Transform(Vec2(0, 3), angle: 0))
        #expect(far.pointCount == 0)
    }
}
