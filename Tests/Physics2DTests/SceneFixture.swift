import Foundation
import Testing
@testable import Physics2D

/// A pybox2d-recorded scene (see `scripts/physics2d_fixtures.py`): the scene as data, the
/// per-step states of its dynamic bodies and its contact events.
struct SceneFixture: Decodable {
    struct FixtureSpec: Decodable {
        let shape: String
        let density: Double
        let friction: Double
        let restitution: Double
        let category: Int
        let mask: Int
        let group: Int
        let hx: Double?
        let hy: Double?
        let center: [Double]?
        let boxAngle: Double?
        let vertices: [[Double]]?
        let v1: [Double]?
        let v2: [Double]?
        let sensor: Bool?
        let radius: Double?
    }
    struct BodySpec: Decodable {
        let type: String
        let position: [Double]
        let angle: Double
        let fixtures: [FixtureSpec]
        /// Step at whose start the body is created (0: with the world).
        let createAt: Int?
        let linearVelocity: [Double]?
        let angularVelocity: Double?
        let linearDamping: Double?
        let angularDamping: Double?
        let gravityScale: Double?
        let bullet: Bool?
    }
    struct Op: Decodable {
        let step: Int
        let op: String
        let body: Int
    }
    struct JointSpec: Decodable {
        let bodyA: Int
        let bodyB: Int
        let localAnchorA: [Double]
        let localAnchorB: [Double]
        let enableMotor: Bool
        let enableLimit: Bool
        let maxMotorTorque: Double
        let motorSpeed: Double
        let lowerAngle: Double
        let upperAngle: Double
    }
    struct Action: Decodable {
        let step: Int
        let body: Int
        let kind: String
        let value: [Double]
        let point: [Double]?
    }
    enum EventField: Decodable {
        case int(Int), string(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .string(try c.decode(String.self)) }
        }
    }

    let generator: String
    let name: String
    let dt: Double
    let velocityIterations: Int
    let positionIterations: Int
    let gravity: [Double]
    let bodies: [BodySpec]
    let joints: [JointSpec]
    let actions: [Action]
    let ops: [Op]?
    let dynamicBodies: [Int]
    let steps: Int
    /// states[step][k] = [x, y, angle, vx, vy, w, awake] of dynamicBodies[k] (nil while it does not exist).
    let states: [[[Double]?]]
    /// The step of each recorded state when the script recorded only every n-th step.
    let stateSteps: [Int]?
    let events: [[EventField]]
    let sleepStep: [String: Int]

    static func load(_ name: String) throws -> SceneFixture {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(SceneFixture.self, from: Data(contentsOf: url))
    }

    /// Recorded events as comparable strings "step kind tagA tagB".
    var eventStrings: [String] {
        events.map { fields in
            fields.map { f -> String in
                switch f {
                case .int(let i): return String(i)
                case .string(let s): return s
                }
            }.joined(separator: " ")
        }
    }
}

func v(_ a: [Double]) -> Vec2 { Vec2(Float(a[0]), Float(a[1])) }

/// Creates scene body `i` in `world` (same creation order as the script).
func createBody(_ world: World, _ i: Int, _ bs: SceneFixture.BodySpec) throws -> Body {
    let type: BodyType = bs.type == "dynamic" ? .dynamicBody : (bs.type == "kinematic" ? .kinematicBody : .staticBody)
    var def = BodyDef(type: type, position: v(bs.position), angle: Float(bs.angle))
    def.tag = i
    if let d = bs.linearDamping { def.linearDamping = Float(d) }
    if let d = bs.angularDamping { def.angularDamping = Float(d) }
    if let g = bs.gravityScale { def.gravityScale = Float(g) }
    def.bullet = bs.bullet ?? false
    let body = world.createBody(def)
    if let lv = bs.linearVelocity {
        body.linearVelocity = v(lv)
        body.angularVelocity = Float(bs.angularVelocity ?? 0)
    }
    for fs in bs.fixtures {
        let shape: Shape
        switch fs.shape {
        case "box":
            if let c = fs.center {
                shape = .polygon(try PolygonShape(boxHalfWidth: Float(fs.hx!), halfHeight: Float(fs.hy!), center: v(c), angle: Float(fs.boxAngle!)))
            } else {
                shape = .polygon(try PolygonShape(boxHalfWidth: Float(fs.hx!), halfHeight: Float(fs.hy!)))
            }
        case "polygon":
            shape = .polygon(try PolygonShape(vertices: fs.vertices!.map(v)))
        case "circle":
            shape = .circle(try CircleShape(radius: Float(fs.radius!), center: v(fs.center!)))
        default:
            shape = .edge(try EdgeShape(v(fs.v1!), v(fs.v2!)))
        }
        let filter = Filter(categoryBits: UInt16(fs.category), maskBits: UInt16(fs.mask), groupIndex: Int16(fs.group))
        try world.createFixture(on: body, FixtureDef(shape: shape, density: Float(fs.density), friction: Float(fs.friction),
                                                     restitution: Float(fs.restitution), isSensor: fs.sensor ?? false, filter: filter))
    }
    return body
}

/// Builds the scene in a Physics2D world, in the same creation order as the script.
/// Bodies created later are nil until `runScene` creates them.
func buildWorld(_ s: SceneFixture) throws -> (World, [Body?]) {
    let world = World(gravity: v(s.gravity))
    var bodies: [Body?] = []
    for (i, bs) in s.bodies.enumerated() {
        bodies.append((bs.createAt ?? 0) == 0 ? try createBody(world, i, bs) : nil)
    }
    for js in s.joints {
        var jd = RevoluteJointDef(bodyA: bodies[js.bodyA]!, bodyB: bodies[js.bodyB]!)
        jd.localAnchorA = v(js.localAnchorA)
        jd.localAnchorB = v(js.localAnchorB)
        jd.enableMotor = js.enableMotor
        jd.enableLimit = js.enableLimit
        jd.maxMotorTorque = Float(js.maxMotorTorque)
        jd.motorSpeed = Float(js.motorSpeed)
        jd.lowerAngle = Float(js.lowerAngle)
        jd.upperAngle = Float(js.upperAngle)
        try world.createRevoluteJoint(jd)
    }
    return (world, bodies)
}

/// What the Swift run produced, in the fixture's layout.
struct SceneRun {
    var states: [[[Float]?]] = []
    var events: [String] = []
    var sleepStep: [String: Int] = [:]
}

/// Replays the scene's actions and steps the world `steps` times (default: all recorded).
func runScene(_ s: SceneFixture, steps: Int? = nil, configure: (World) -> Void = { _ in }) throws -> SceneRun {
    var (world, bodies) = try buildWorld(s)
    configure(world)
    var run = SceneRun()
    func record(_ k: Int, from start: Int = 0) {
        for e in world.contactEvents[start...] {
            run.events.append("\(k) \(e.kind == .begin ? "begin" : "end") \(e.fixtureA.body.tag) \(e.fixtureB.body.tag)")
        }
    }
    var byStep: [Int: [SceneFixture.Action]] = [:]
    for a in s.actions { byStep[a.step, default: []].append(a) }
    for k in 0..<(steps ?? s.steps) {
        let eventsBefore = world.contactEvents.count
        for op in s.ops ?? [] where op.step == k && op.op == "destroy" {
            world.destroyBody(bodies[op.body]!)
            bodies[op.body] = nil
        }
        if k > 0 {
            for (i, bs) in s.bodies.enumerated() where bs.createAt == k { bodies[i] = try createBody(world, i, bs) }
        }
        // Events reported by destroyBody, before the step clears the list.
        record(k, from: eventsBefore)
        for a in byStep[k] ?? [] {
            let b = bodies[a.body]!
            switch a.kind {
            case "forceCenter": b.applyForceToCenter(v(a.value), wake: true)
            case "force": b.applyForce(v(a.value), point: v(a.point!), wake: true)
            case "torque": b.applyTorque(Float(a.value[0]), wake: true)
            case "impulse": b.applyLinearImpulse(v(a.value), point: v(a.point!), wake: true)
            default: fatalError("unknown action \(a.kind)")
            }
        }
        world.step(Float(s.dt), velocityIterations: s.velocityIterations, positionIterations: s.positionIterations)
        record(k)
        var row: [[Float]?] = []
        for i in s.dynamicBodies {
            guard let b = bodies[i] else { row.append(nil); continue }
            row.append([b.position.x, b.position.y, b.angle, b.linearVelocity.x, b.linearVelocity.y, b.angularVelocity, b.isAwake ? 1 : 0])
            if !b.isAwake && run.sleepStep[String(i)] == nil { run.sleepStep[String(i)] = k }
        }
        run.states.append(row)
    }
    return run
}

/// Largest |swift - reference| over the first `steps` steps for state columns 0..<6, and
/// the first step where the error exceeds `tol` (relative + absolute), if any.
struct Deviation: CustomStringConvertible {
    var maxAbs: Double = 0
    var firstFailStep: Int? = nil
    var firstFailDetail = ""
    /// Recorded values (state columns and awake flag) whose float32 differs from the
    /// reference's. The script prints 9 significant digits, which identifies a float32
    /// exactly, so 0 means bit-identical trajectories.
    var bitMismatches = 0
    var description: String {
        "maxAbs=\(maxAbs) bitMismatches=\(bitMismatches) firstFail=\(firstFailStep.map(String.init) ?? "none") \(firstFailDetail)"
    }
}

func compare(_ s: SceneFixture, _ r: SceneRun, steps: Int, tol: Double) -> Deviation {
    var d = Deviation()
    let names = ["x", "y", "angle", "vx", "vy", "w"]
    for i in 0..<s.states.count {
        let k = s.stateSteps?[i] ?? i
        if k >= steps || k >= r.states.count { break }
        for (bi, refOpt) in s.states[i].enumerated() {
            guard let ref = refOpt, let mine = r.states[k][bi] else {
                if (refOpt == nil) != (r.states[k][bi] == nil) && d.firstFailStep == nil {
                    d.firstFailStep = k
                    d.firstFailDetail = "body#\(s.dynamicBodies[bi]) exists in only one run"
                }
                continue
            }
            for c in 0..<7 where Float(ref[c]) != mine[c] { d.bitMismatches += 1 }
            for c in 0..<6 {
                let err = abs(Double(mine[c]) - ref[c])
                d.maxAbs = max(d.maxAbs, err)
                if err > tol * (1 + abs(ref[c])) && d.firstFailStep == nil {
                    d.firstFailStep = k
                    d.firstFailDetail = "body#\(s.dynamicBodies[bi]) \(names[c]) swift=\(mine[c]) ref=\(ref[c])"
                }
            }
            if Float(ref[6]) != mine[6] && d.firstFailStep == nil {
                d.firstFailStep = k
                d.firstFailDetail = "body#\(s.dynamicBodies[bi]) awake swift=\(mine[6]) ref=\(ref[6])"
            }
        }
    }
    return d
}

/// Several scenes in one file (`{"generator", "scenes": [...]}`).
struct SceneCollection: Decodable {
    let generator: String
    let scenes: [SceneFixture]

    static func load(_ name: String) throws -> SceneCollection {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(SceneCollection.self, from: Data(contentsOf: url))
    }
}

/// The parity assertions shared by every scene test: within `tol` (relative + absolute) at
/// every recorded step, and — on Linux, whose glibc `sinf`/`cosf`/`atan2f` pybox2d's Box2D
/// also calls — bit-identical.
func expectParity(_ s: SceneFixture, _ r: SceneRun, tol: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    let d = compare(s, r, steps: s.steps, tol: tol)
    #expect(d.firstFailStep == nil, "\(s.name): \(d)", sourceLocation: sourceLocation)
    #if os(Linux)
    #expect(d.bitMismatches == 0, "\(s.name): \(d)", sourceLocation: sourceLocation)
    #endif
}

/// Everything observable about a world after a step, as exact bit patterns.
func trace(_ world: World) -> [String] {
    var lines: [String] = []
    for b in world.bodyList {
        let values = [b.position.x, b.position.y, b.angle, b.linearVelocity.x, b.linearVelocity.y, b.angularVelocity,
                      b.sleepTime, b.sweep.alpha0, b.sweep.c0.x, b.sweep.c0.y, b.sweep.a0]
        lines.append("body \(b.tag) awake \(b.isAwake) " + values.map { String($0.bitPattern, radix: 16) }.joined(separator: " "))
    }
    for c in world.contactList {
        let m = c.manifold
        let impulses = [m.point0.normalImpulse, m.point0.tangentImpulse, m.point1.normalImpulse, m.point1.tangentImpulse]
        lines.append("contact \(c.fixtureA.body.tag)-\(c.fixtureB.body.tag) touching \(c.isTouching) points \(m.pointCount) "
                     + impulses.map { String($0.bitPattern, radix: 16) }.joined(separator: " "))
    }
    for j in world.jointList {
        lines.append("joint \(j.jointAngle.bitPattern) \(j.motorImpulse.bitPattern) \(j.impulse.x.bitPattern) \(j.impulse.y.bitPattern) \(j.impulse.z.bitPattern)")
    }
    for e in world.contactEvents {
        lines.append("event \(e.kind) \(e.fixtureA.body.tag) \(e.fixtureB.body.tag)")
    }
    return lines
}
