import Testing
@testable import Physics2D

@Suite("World API")
struct WorldAPITests {
    @Test("the documented example runs: a box lands on an edge and reports one begin event")
    func example() throws {
        let world = World(gravity: Vec2(0, -10))
        let ground = world.createBody(BodyDef(type: .staticBody))
        try world.createFixture(on: ground, FixtureDef(shape: .edge(try EdgeShape(Vec2(0, 0), Vec2(20, 0)))))
        var def = BodyDef(type: .dynamicBody, position: Vec2(10, 5))
        def.tag = 7
        let box = world.createBody(def)
        try world.createFixture(on: box, FixtureDef(shape: .polygon(try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)), density: 1))
        var begins: [Int] = []
        for _ in 0..<100 {
            world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2)
            for event in world.contactEvents where event.kind == .begin { begins.append(event.fixtureB.body.tag) }
        }
        #expect(begins == [7])
        #expect(abs(box.position.y - 0.5) < 0.02)
        #expect(world.contactList.count == 1 && world.contactList[0].isTouching)
        let wm = world.contactList[0].worldManifold
        #expect(abs(wm.normal.y - 1) < 1e-5)
    }

    @Test("degenerate step parameters do not trap: zero or negative dt and iterations")
    func degenerateSteps() throws {
        let world = World(gravity: Vec2(0, -10))
        let box = world.createBody(BodyDef(type: .dynamicBody, position: Vec2(0, 5)))
        try world.createFixture(on: box, FixtureDef(shape: .polygon(try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)), density: 1))
        world.step(0, velocityIterations: 6, positionIterations: 2)
        world.step(-1, velocityIterations: 6, positionIterations: 2)
        #expect(box.position == Vec2(0, 5))
        world.step(1.0 / 50.0, velocityIterations: -3, positionIterations: -1)
        #expect(box.position.y < 5)
    }

    @Test("forces act for one step only; static bodies ignore forces")
    func forcesClear() throws {
        let world = World(gravity: .zero)
        let box = world.createBody(BodyDef(type: .dynamicBody))
        try world.createFixture(on: box, FixtureDef(shape: .polygon(try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)), density: 1))
        box.applyForceToCenter(Vec2(50, 0))
        world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2)
        let v1 = box.linearVelocity
        world.step(1.0 / 50.0, velocityIterations: 6, positionIterations: 2)
        #expect(v1.x > 0 && box.linearVelocity == v1)
        let wall = world.createBody(BodyDef(type: .staticBody))
        wall.applyForceToCenter(Vec2(1, 1))
        wall.applyLinearImpulse(Vec2(1, 1), point: .zero)
        wall.linearVelocity = Vec2(1, 0)
        #expect(wall.linearVelocity == .zero)
    }
}
