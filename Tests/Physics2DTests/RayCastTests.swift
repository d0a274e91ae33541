import Foundation
import Testing
@testable import Physics2D

struct RayCastFixture: Decodable {
    struct Ray: Decodable {
        let p1: [Double]
        let p2: [Double]
        let closest: [Double]?
        let closestCategory1: [Double]?
        let all: [[Double]]
    }
    let generator: String
    let dt: Double
    let gravity: [Double]
    let bodies: [SceneFixture.BodySpec]
    let rays: [Ray]
}

@Suite("Ray casts (lidar): parity with pybox2d")
struct RayCastTests {
    func hitRow(_ f: Fixture, _ p: Vec2, _ n: Vec2, _ fraction: Float) -> [Float] {
        [Float(f.body.tag), p.x, p.y, n.x, n.y, fraction]
    }

    func same(_ a: [Float]?, _ b: [Double]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= 1e-6 * (1 + abs($1)) }
    }

    @Test("closest hits, category-filtered hits and all hits in traversal order match pybox2d")
    func lidar() throws {
        let url = try #require(Bundle.module.url(forResource: "physics2d_raycast", withExtension: "json", subdirectory: "Fixtures"))
        let fx = try JSONDecoder().decode(RayCastFixture.self, from: Data(contentsOf: url))
        #expect(fx.generator == "scripts/physics2d_fixtures.py")
        let world = World(gravity: v(fx.gravity))
        for (i, bs) in fx.bodies.enumerated() { _ = try createBody(world, i, bs) }
        world.step(Float(fx.dt), velocityIterations: 6, positionIterations: 2)
        var hitsSeen = 0
        for ray in fx.rays {
            let p1 = v(ray.p1), p2 = v(ray.p2)
            var closest: [Float]? = nil
            world.rayCast(from: p1, to: p2) { f, p, n, fr in closest = hitRow(f, p, n, fr); return fr }
            var masked: [Float]? = nil
            world.rayCast(from: p1, to: p2) { f, p, n, fr in
                if f.filter.categoryBits & 1 == 0 { return -1 }
                masked = hitRow(f, p, n, fr)
                return fr
            }
            var all: [[Float]] = []
            world.rayCast(from: p1, to: p2) { f, p, n, fr in all.append(hitRow(f, p, n, fr)); return 1 }
            #expect(same(closest, ray.closest), "closest \(String(describing: closest)) vs \(String(describing: ray.closest))")
            #expect(same(masked, ray.closestCategory1))
            #expect(all.count == ray.all.count)
            for (a, b) in zip(all, ray.all) { #expect(same(a, b), "\(a) vs \(b)") }
            hitsSeen += all.count
        }
        #expect(hitsSeen > 10)
    }
}
