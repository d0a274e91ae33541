import Testing
@testable import Physics2D

@Suite("Circles: parity with pybox2d")
struct CircleTests {
    @Test("edge–circle, polygon–circle and circle–circle contacts with restitution agree (1e-5, 150 steps)")
    func circles() throws {
        let s = try SceneFixture.load("physics2d_circles")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(!s.events.isEmpty)
        #expect(r.events == s.eventStrings)
        #expect(r.sleepStep == s.sleepStep)
    }

    @Test("circle mass, bounds, ray cast and errors")
    func shape() throws {
        let c = try CircleShape(radius: 0.5, center: Vec2(1, 0))
        let md = c.massData(density: 2)
        #expect(abs(md.mass - 2 * b2Pi * 0.25) < 1e-6)
        #expect(abs(md.inertia - md.mass * (0.5 * 0.25 + 1)) < 1e-5)
        let box = c.aabb(Transform(Vec2(0, 1), angle: 0))
        #expect(box == AABB(lowerBound: Vec2(0.5, 0.5), upperBound: Vec2(1.5, 1.5)))
        let hit = try #require(c.rayCast(from: Vec2(-2, 0), to: Vec2(2, 0), maxFraction: 1, at: .identity))
        #expect(abs(hit.fraction - 0.625) < 1e-6 && hit.normal == Vec2(-1, 0))
        #expect(throws: PhysicsError.invalidCircle(radius: 0)) { try CircleShape(radius: 0) }
    }
}
