import Testing
@testable import Physics2D

/// Steps `world` from step `from` to `to`, applying the scene's recorded forces to the
/// bodies `bodies` (indexed as the scene's bodies), and returns the trace of every step.
private func run(_ s: SceneFixture, _ world: World, _ bodies: [Body?], from: Int, to: Int) -> [[String]] {
    var traces: [[String]] = []
    for k in from..<to {
        for a in s.actions where a.step == k {
            guard let b = bodies[a.body] else { continue }
            switch a.kind {
            case "forceCenter": b.applyForceToCenter(v(a.value), wake: true)
            case "force": b.applyForce(v(a.value), point: v(a.point ?? [0, 0]), wake: true)
            case "torque": b.applyTorque(Float(a.value[0]), wake: true)
            default: b.applyLinearImpulse(v(a.value), point: v(a.point ?? [0, 0]), wake: true)
            }
        }
        world.step(Float(s.dt), velocityIterations: s.velocityIterations, positionIterations: s.positionIterations)
        traces.append(trace(world))
    }
    return traces
}

@Suite("World.copy: a deep copy steps bit for bit like the original")
struct WorldCopyTests {
    /// Scenes with joints, contacts (warm starting), sleeping and continuous collision.
    static let cases: [(String, Int)] = [
        ("physics2d_lander", 1), ("physics2d_lander", 40), ("physics2d_lander", 120),
        ("physics2d_sleep", 30), ("physics2d_stack", 25), ("physics2d_fast_impact", 3),
        ("physics2d_boxes_on_edges", 20), ("physics2d_revolute_motor", 10),
    ]

    @Test("copy after k steps, perturb the original, step the copy: identical to an undisturbed run",
          arguments: WorldCopyTests.cases)
    func continuation(_ name: String, _ k: Int) throws {
        let s = try SceneFixture.load(name)
        let total = min(s.steps, k + 150)
        #expect(k < total)
        let (reference, referenceBodies) = try buildWorld(s)
        let expected = run(s, reference, referenceBodies, from: 0, to: total)

        let (original, bodies) = try buildWorld(s)
        _ = run(s, original, bodies, from: 0, to: k)
        let copy = original.copy()
        #expect(copy.world !== original)
        #expect(copy.world.bodyList.count == original.bodyList.count)
        // Disturb the original: a copy sharing anything with it would drift.
        for b in original.bodyList { b.applyLinearImpulse(Vec2(3, 7), point: b.worldCenter, wake: true) }
        original.step(Float(s.dt), velocityIterations: 3, positionIterations: 1)
        let copiedBodies = bodies.map { $0.flatMap(copy.body) }
        let actual = run(s, copy.world, copiedBodies, from: k, to: total)
        for (i, (e, a)) in zip(expected[k...], actual).enumerated() {
            #expect(e == a, "\(name): step \(k + i) after a copy at step \(k) differs")
            if e != a { break }
        }
    }

    @Test("the copy maps every body, fixture and joint, and a sleeping world stays asleep")
    func mapping() throws {
        let s = try SceneFixture.load("physics2d_lander")
        let (world, bodies) = try buildWorld(s)
        _ = run(s, world, bodies, from: 0, to: s.steps)
        let copy = world.copy()
        for b in world.bodyList {
            let c = try #require(copy.body(b))
            #expect(c !== b && c.tag == b.tag && c.isAwake == b.isAwake)
            for (f, fc) in zip(b.fixtureList, c.fixtureList) {
                #expect(copy.fixture(f) === fc && fc.body === c && fc.proxyId == f.proxyId)
            }
        }
        for j in world.jointList {
            let c = try #require(copy.joint(j))
            #expect(c.bodyA === copy.body(j.bodyA) && c.bodyB === copy.body(j.bodyB))
        }
        #expect(copy.body(World(gravity: .zero).createBody(BodyDef())) == nil)
        #expect(copy.world.contactList.count == world.contactList.count)
    }
}
