import Testing
@testable import Physics2D

@Suite("LunarLander-v3 bodies and joints: parity with pybox2d")
struct LanderSceneTests {
    @Test("descent, touchdown and settling agree to 1e-5 for every recorded step (180/60 iterations)")
    func trajectory() throws {
        let s = try SceneFixture.load("physics2d_lander")
        #expect(s.velocityIterations == 180 && s.positionIterations == 60)
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
    }

    @Test("leg ground contacts begin and end on the same steps; the lander sleeps on the same step")
    func eventsAndSleep() throws {
        let s = try SceneFixture.load("physics2d_lander")
        let r = try runScene(s)
        #expect(!s.events.isEmpty)
        #expect(r.events == s.eventStrings)
        #expect(s.sleepStep["1"] != nil)
        #expect(r.sleepStep == s.sleepStep)
    }

    @Test("lander and legs never collide with each other (category/mask filtering and the joints)")
    func filtering() throws {
        let s = try SceneFixture.load("physics2d_lander")
        let (world, _) = try buildWorld(s)
        for _ in 0..<20 { world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60) }
        for c in world.contactList {
            let tags = [c.fixtureA.body.tag, c.fixtureB.body.tag]
            #expect(tags.contains(0), "only terrain contacts may exist, got \(tags)")
        }
    }
}

@Suite("LunarLander-v3 variants: other terrains, a crash, random engines")
struct LanderVariantTests {
    static let names = ["lander_heuristic_2", "lander_heuristic_5", "lander_crash", "lander_random"]

    @Test("states (every 5th step) agree to 1e-5; events and sleep steps are identical", arguments: LanderVariantTests.names)
    func variant(_ name: String) throws {
        let collection = try SceneCollection.load("physics2d_lander_variants")
        #expect(collection.generator == "scripts/physics2d_fixtures.py")
        let s = try #require(collection.scenes.first { $0.name == name })
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events == s.eventStrings, "\(name)")
        #expect(r.sleepStep == s.sleepStep, "\(name)")
    }
}
