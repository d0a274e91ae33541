import Physics2D

/// One episode's physical world: moon terrain, lander hull, two legs and their joints,
/// built exactly as Gymnasium's `LunarLander.reset` builds them.
///
/// Why a class of its own: Gymnasium creates a brand-new Box2D world at every reset (its
/// fix for issue #728), so the world and the bodies that the environment steers belong
/// together and are replaced together. Keeping them in one reference lets the
/// environment stay a small struct and lets the renderer read the same scene.
///
/// Sendability: a scene is only touched through the environment that owns it, and a
/// vector environment never steps one copy from two threads at once. Copying an
/// environment struct shares its scene until one of the copies steps: the environment
/// then gives itself a deep copy (`copy()`) first, so environment copies behave as
/// values. A snapshot holds a scene that is never stepped and is only read (copied).
final class LunarLanderScene: @unchecked Sendable {
    typealias C = LunarLanderConstants

    /// Body tags, used to recognise bodies in contact events.
    static let moonTag = 0
    static let landerTag = 1
    static let leftLegTag = 2
    static let rightLegTag = 3

    /// Contacts pre-allocated per world.
    static let reservedContacts = 24

    let world: World
    let moon: Body
    let lander: Body
    /// `legs[0]` is Gymnasium's `i = -1` leg, `legs[1]` the `i = +1` leg.
    let legs: (Body, Body)
    let joints: (RevoluteJoint, RevoluteJoint)
    /// The terrain's smoothed heights at the 11 chunk x positions (for rendering).
    let terrainHeights: [Double]

    private init(
        world: World, moon: Body, lander: Body, legs: (Body, Body), joints: (RevoluteJoint, RevoluteJoint),
        terrainHeights: [Double]
    ) {
        self.world = world
        self.moon = moon
        self.lander = lander
        self.legs = legs
        self.joints = joints
        self.terrainHeights = terrainHeights
    }

    /// A deep copy: the whole physics world (`World.copy()`) with this scene's bodies and
    /// joints mapped to their copies. Stepping the copy gives bit for bit what stepping
    /// this scene would; neither affects the other.
    func copy() -> LunarLanderScene {
        let copy = world.copy()
        guard let moon = copy.body(moon), let lander = copy.body(lander),
              let leg0 = copy.body(legs.0), let leg1 = copy.body(legs.1),
              let joint0 = copy.joint(joints.0), let joint1 = copy.joint(joints.1)
        else {
            preconditionFailure("a world copy maps every body and joint of its world")
        }
        return LunarLanderScene(
            world: copy.world, moon: moon, lander: lander, legs: (leg0, leg1), joints: (joint0, joint1),
            terrainHeights: terrainHeights)
    }

    /// Builds the scene, taking the terrain heights and the initial force from `random`
    /// in Gymnasium's order (12 heights, force x, force y). Wind indices are drawn by the
    /// environment between the lander and the legs, as in Gymnasium, through `between`.
    init<R: LunarRandomSource>(
        gravity: Double, random: inout R, between: (inout R) -> Void
    ) throws {
        world = World(gravity: Vec2(0, Float(gravity)))

        // Terrain: 12 heights, the helipad chunks flattened, a 3-point smoothing that
        // wraps around at i = 0 as Python's height[-1] does.
        let w = C.worldWidth, h = C.worldHeight
        var height = [Double](repeating: 0, count: C.chunks + 1)
        for i in 0..<height.count { height[i] = random.uniform(0, h / 2) }
        let chunkX = (0..<C.chunks).map { w / Double(C.chunks - 1) * Double($0) }
        for i in (C.chunks / 2 - 2)...(C.chunks / 2 + 2) { height[i] = C.helipadY }
        let smooth = (0..<C.chunks).map { i in
            0.33 * (height[i == 0 ? height.count - 1 : i - 1] + height[i] + height[i + 1])
        }
        terrainHeights = smooth

        moon = world.createBody(BodyDef(type: .staticBody, tag: Self.moonTag))
        try world.createFixture(on: moon, FixtureDef(shape: .edge(EdgeShape(Vec2(0, 0), Vec2(Float(w), 0)))))
        for i in 0..<(C.chunks - 1) {
            let p1 = Vec2(Float(chunkX[i]), Float(smooth[i]))
            let p2 = Vec2(Float(chunkX[i + 1]), Float(smooth[i + 1]))
            try world.createFixture(on: moon, FixtureDef(shape: .edge(EdgeShape(p1, p2)), density: 0, friction: 0.1))
        }

        // Lander hull.
        let initialX = Float(Double(C.viewportWidth) / C.scale / 2)
        let initialY = Float(Double(C.viewportHeight) / C.scale)
        lander = world.createBody(BodyDef(type: .dynamicBody, position: Vec2(initialX, initialY), angle: 0, tag: Self.landerTag))
        let hull = try PolygonShape(vertices: C.landerPolygon.map { Vec2(Float($0.0 / C.scale), Float($0.1 / C.scale)) })
        try world.createFixture(on: lander, FixtureDef(
            shape: .polygon(hull), density: 5, friction: 0.1, restitution: 0,
            filter: Filter(categoryBits: 0x0010, maskBits: 0x0001)))

        // The initial push: acts during the first world step only.
        let fx = random.uniform(-C.initialRandom, C.initialRandom)
        let fy = random.uniform(-C.initialRandom, C.initialRandom)
        lander.applyForceToCenter(Vec2(Float(fx), Float(fy)), wake: true)

        between(&random)

        // Legs and their spring-loaded joints.
        var made: [(Body, RevoluteJoint)] = []
        for i in [-1.0, 1.0] {
            let leg = world.createBody(BodyDef(
                type: .dynamicBody,
                position: Vec2(Float(Double(initialX) - i * C.legAway / C.scale), initialY),
                angle: Float(i * 0.05), tag: i < 0 ? Self.leftLegTag : Self.rightLegTag))
            let box = try PolygonShape(boxHalfWidth: Float(C.legWidth / C.scale), halfHeight: Float(C.legHeight / C.scale))
            try world.createFixture(on: leg, FixtureDef(
                shape: .polygon(box), density: 1, restitution: 0,
                filter: Filter(categoryBits: 0x0020, maskBits: 0x0001)))
            var def = RevoluteJointDef(bodyA: lander, bodyB: leg)
            def.localAnchorA = .zero
            def.localAnchorB = Vec2(Float(i * C.legAway / C.scale), Float(C.legDown / C.scale))
            // pybox2d's joint definitions, given both bodies, set the reference angle to
            // bodyB.angle - bodyA.angle (here the leg's ±0.05), not Box2D's default 0.
            def.referenceAngle = leg.angle - lander.angle
            def.enableMotor = true
            def.enableLimit = true
            def.maxMotorTorque = Float(C.legSpringTorque)
            def.motorSpeed = Float(0.3 * i)
            if i < 0 {
                def.lowerAngle = Float(0.9 - 0.5)
                def.upperAngle = 0.9
            } else {
                def.lowerAngle = -0.9
                def.upperAngle = Float(-0.9 + 0.5)
            }
            made.append((leg, try world.createRevoluteJoint(def)))
        }
        legs = (made[0].0, made[1].0)
        joints = (made[0].1, made[1].1)
        // Room for every contact an episode can create (hull and legs against a few
        // terrain edges each), so that stepping allocates nothing.
        world.reserveContacts(Self.reservedContacts)
    }
}
