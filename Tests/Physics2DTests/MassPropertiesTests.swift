import Foundation
import Testing
@testable import Physics2D

struct MassFixture: Decodable {
    struct Entry: Decodable {
        let kind: String
        let hx: Double?
        let hy: Double?
        let center: [Double]?
        let angle: Double?
        let vertices: [[Double]]?
        let density: Double
        let hull: [[Double]]
        let normals: [[Double]]
        let centroid: [Double]
        let mass: Double
        let I: Double
        let bodyInertia: Double
    }
    let generator: String
    let shapes: [Entry]
}

@Suite("Polygon shapes and mass properties")
struct MassPropertiesTests {
    func close(_ a: Float, _ b: Double, _ tol: Double = 1e-6) -> Bool { abs(Double(a) - b) <= tol * (1 + abs(b)) }

    @Test("hulls, normals, centroids, mass and inertia equal pybox2d's")
    func againstPybox2d() throws {
        let url = try #require(Bundle.module.url(forResource: "physics2d_mass", withExtension: "json", subdirectory: "Fixtures"))
        let fx = try JSONDecoder().decode(MassFixture.self, from: Data(contentsOf: url))
        #expect(fx.generator == "scripts/physics2d_fixtures.py")
        #expect(fx.shapes.count == 6)
        for e in fx.shapes {
            let p: PolygonShape
            switch e.kind {
            case "box": p = try PolygonShape(boxHalfWidth: Float(e.hx!), halfHeight: Float(e.hy!))
            case "boxAt": p = try PolygonShape(boxHalfWidth: Float(e.hx!), halfHeight: Float(e.hy!), center: v(e.center!), angle: Float(e.angle!))
            default: p = try PolygonShape(vertices: e.vertices!.map(v))
            }
            #expect(p.count == e.hull.count, "\(e.kind)")
            for (i, hv) in e.hull.enumerated() where i < p.count {
                #expect(close(p.vertices[i].x, hv[0]) && close(p.vertices[i].y, hv[1]), "\(e.kind) vertex \(i)")
                #expect(close(p.normals[i].x, e.normals[i][0]) && close(p.normals[i].y, e.normals[i][1]), "\(e.kind) normal \(i)")
            }
            #expect(close(p.centroid.x, e.centroid[0]) && close(p.centroid.y, e.centroid[1]))
            let md = p.massData(density: Float(e.density))
            #expect(close(md.mass, e.mass), "\(e.kind) mass \(md.mass) vs \(e.mass)")
            #expect(close(md.inertia, e.I), "\(e.kind) I \(md.inertia) vs \(e.I)")

            let world = World(gravity: .zero)
            let body = world.createBody(BodyDef(type: .dynamicBody))
            try world.createFixture(on: body, FixtureDef(shape: .polygon(p), density: Float(e.density)))
            #expect(close(body.mass, e.mass))
            #expect(close(body.inertia, e.bodyInertia, 1e-5), "\(e.kind) body inertia \(body.inertia) vs \(e.bodyInertia)")
        }
    }

    @Test("a unit box has the textbook mass and inertia")
    func unitBox() throws {
        let p = try PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5)
        let md = p.massData(density: 3)
        #expect(abs(md.mass - 3) < 1e-6)
        #expect(abs(md.inertia - 3.0 / 6.0) < 1e-6)
        #expect(md.center == .zero)
    }

    @Test("user errors are thrown: vertex counts, degenerate polygons, bad boxes, edges and materials")
    func errors() throws {
        #expect(throws: PhysicsError.vertexCount(2)) { try PolygonShape(vertices: [Vec2(0, 0), Vec2(1, 0)]) }
        let nine = (0..<9).map { i in Vec2(Float(cos(Double(i))), Float(sin(Double(i)))) }
        #expect(throws: PhysicsError.vertexCount(9)) { try PolygonShape(vertices: nine) }
        #expect(throws: PhysicsError.degeneratePolygon) { try PolygonShape(vertices: [Vec2(0, 0), Vec2(1, 1), Vec2(2, 2)]) }
        #expect(throws: PhysicsError.degeneratePolygon) { try PolygonShape(vertices: [Vec2(0, 0), Vec2(0, 0), Vec2(0, 0)]) }
        #expect(throws: PhysicsError.degeneratePolygon) { try PolygonShape(vertices: [Vec2(0, 0), Vec2(.nan, 0), Vec2(1, 1)]) }
        #expect(throws: PhysicsError.self) { try PolygonShape(boxHalfWidth: 0, halfHeight: 1) }
        #expect(throws: PhysicsError.self) { try PolygonShape(boxHalfWidth: 1, halfHeight: -.infinity) }
        #expect(throws: PhysicsError.degenerateEdge) { try EdgeShape(Vec2(1, 1), Vec2(1, 1)) }
        let world = World(gravity: .zero)
        let body = world.createBody(BodyDef(type: .dynamicBody))
        let box = Shape.polygon(try PolygonShape(boxHalfWidth: 1, halfHeight: 1))
        #expect(throws: PhysicsError.self) { try world.createFixture(on: body, FixtureDef(shape: box, density: -1)) }
        #expect(throws: PhysicsError.self) { try world.createFixture(on: body, FixtureDef(shape: box, friction: .nan)) }
        #expect(body.fixtureList.isEmpty)
    }

    @Test("vertex order does not matter: the hull is counter-clockwise from the right-most point")
    func hullOrder() throws {
        let cw = try PolygonShape(vertices: [Vec2(0, 0), Vec2(0, 1), Vec2(1, 1), Vec2(1, 0)])
        #expect(cw.vertices == [Vec2(1, 0), Vec2(1, 1), Vec2(0, 1), Vec2(0, 0)])
        let withInterior = try PolygonShape(vertices: [Vec2(0, 0), Vec2(0.5, 0.5), Vec2(1, 0), Vec2(1, 1), Vec2(0, 1)])
        #expect(withInterior.count == 4)
    }
}
