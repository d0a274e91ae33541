import DSL
import Foundation
import Physics2D

/// LunarLander-v3 with Zoo's own random stream: what `make("LunarLander-v3")` and
/// `make("LunarLanderContinuous-v3")` build.
public typealias LunarLander = LunarLanderEnvironment<SeededRandom>

/// LunarLander-v3 and LunarLanderContinuous-v3: land a rocket on the pad between the
/// flags (Gymnasium's `LunarLander`, on Zoo's pure-Swift Box2D-style engine).
///
/// Why it exists: it is the environment every recipe of the seeds runs on. It follows
/// Gymnasium 1.x to the draw: a fresh world per reset, random draws in Gymnasium's order
/// (12 terrain heights, the initial force, wind and torque indices with wind, then two
/// dispersion draws per step including the step that `reset` takes), impulses and the
/// observation computed in double precision from the engine's float32 state, the same
/// shaping reward, fuel costs and termination (lander body touching anything, leaving
/// the screen, or falling asleep). Particles only decorate Gymnasium's rendering and are
/// left out. Stepping allocates nothing; reset builds a new world. Copies behave as
/// values: a copy that steps first takes a deep copy of the shared physics world, and
/// `snapshot()` / `restore(_:)` copy the world eagerly (`LunarLanderSnapshot.swift`).
///
/// Generic over its random source so that parity tests can replay Gymnasium's draws
/// (`ReplayedRandomSource`); production uses `SeededRandom` (`LunarLander`).
public struct LunarLanderEnvironment<Source: LunarRandomSource>: Environment {
    typealias C = LunarLanderConstants

    public let configuration: LunarLanderConfiguration
    public var source: Source
    public let observationSpace: Box
    public let actionSpace: ActionSpace
    /// The continuous action box, kept to validate actions without allocating.
    let continuousBox: Box
    let discrete: Discrete

    var scene: LunarLanderScene?
    var windIndex = 0
    var torqueIndex = 0
    var gameOver = false
    var previousShaping = 0.0
    var hasPreviousShaping = false
    /// Gymnasium's `legs[i].ground_contact`.
    public private(set) var legContact = (false, false)
    /// Engine powers of the latest step (for rendering the flames, and the fuel cost the
    /// step charges once its world has stepped): main, side, side direction.
    public private(set) var lastMainPower = 0.0
    public private(set) var lastSidePower = 0.0
    public private(set) var lastSideDirection = 0.0

    /// An environment with the given kwargs, drawing from `source`.
    public init(_ configuration: LunarLanderConfiguration, source: Source) {
        self.configuration = configuration
        self.source = source
        observationSpace = Box(unchecked: C.observationLow, C.observationHigh)
        continuousBox = Box(unchecked: [-1, -1], [1, 1])
        discrete = Discrete(unchecked: 4)
        actionSpace = configuration.continuous ? .box(continuousBox) : .discrete(discrete)
    }

    /// Gymnasium's id for this configuration, used in error messages.
    public var id: String { configuration.continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3" }

    public var random: SeededRandom {
        get { source.seededRandom }
        set { source.seededRandom = newValue }
    }

    /// Gymnasium's wind and turbulence indices (`wind_idx`, `torque_idx`).
    public var windIndices: (wind: Int, torque: Int) { (windIndex, torqueIndex) }

    /// Whether the lander body has touched the ground this episode (Gymnasium's `game_over`).
    public var isGameOver: Bool { gameOver }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        if let key = options.values.keys.sorted().first {
            throw .resetOption(env: id, message: "unknown option '\(key)': LunarLander takes no reset options")
        }
        source.reseed(seed)
        let wind = configuration.enableWind
        var drawn = (0, 0)
        do {
            scene = try LunarLanderScene(gravity: configuration.gravity, random: &source) { random in
                if wind {
                    drawn = (random.integer(-9999, 9999), random.integer(-9999, 9999))
                }
            }
        } catch {
            // The scene's shapes are fixed by the constants above and the terrain heights
            // lie in [0, H/2]; the engine only rejects degenerate geometry.
            throw .invalidArgument("\(id): could not build the physics scene: \(error)")
        }
        if wind { (windIndex, torqueIndex) = drawn }
        gameOver = false
        hasPreviousShaping = false
        previousShaping = 0
        legContact = (false, false)
        _ = stepWorld(applyForces(mainPower: 0, sidePower: 0, direction: 0), into: observation)
        let warnings = configuration.warnings
        return warnings.isEmpty ? nil : Info(["warnings": .string(warnings.joined(separator: "; "))])
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        stepWorld(try prepareWorldStep(action), into: observation)
    }

    /// Gymnasium's physics step: `1/FPS`.
    static var dt: Float { Float(1.0 / C.fps) }

    /// Steps `world` (the scene's, after `applyForces`) and concludes the step.
    private mutating func stepWorld(_ world: World, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        world.step(Self.dt, velocityIterations: C.velocityIterations, positionIterations: C.positionIterations)
        return concludeWorldStep(into: observation)
    }

    /// The engine powers an action asks for: main, side, and the side engine's direction.
    private func enginePowers(_ action: ActionView) throws(EnvError) -> (main: Double, side: Double, direction: Double) {
        var mainPower = 0.0, sidePower = 0.0, direction = 0.0
        if configuration.continuous {
            let a = try action.continuous(in: continuousBox)
            let main = min(max(Double(a[0]), -1), 1)
            let lateral = min(max(Double(a[1]), -1), 1)
            if main > 0 { mainPower = (min(max(main, 0), 1) + 1) * 0.5 }
            if abs(lateral) > 0.5 {
                direction = lateral > 0 ? 1 : -1
                sidePower = min(max(abs(lateral), 0.5), 1)
            }
        } else {
            switch try action.discrete(in: discrete) {
            case 2: mainPower = 1
            case 1: (direction, sidePower) = (-1, 1)
            case 3: (direction, sidePower) = (1, 1)
            default: break
            }
        }
        return (mainPower, sidePower, direction)
    }

    /// The part of a step before its world step: the action's engine powers, then
    /// `applyForces`. Returns the world to step.
    private mutating func prepareWorldStep(_ action: ActionView) throws(EnvError) -> World {
        let powers = try enginePowers(action)
        guard scene != nil else { throw .resetNeeded(env: id) }
        return applyForces(mainPower: powers.main, sidePower: powers.side, direction: powers.direction)
    }

    /// The start of one Gymnasium step with decoded engine powers: wind, the two
    /// dispersion draws and the engines' impulses. Returns the world to step; the step
    /// ends with `concludeWorldStep` once the world has stepped.
    @inline(__always)
    private mutating func applyForces(mainPower: Double, sidePower: Double, direction: Double) -> World {
        // Copy on write: a world shared with another copy of this environment is cloned
        // before it changes, so that stepping one copy never moves the other.
        if !isKnownUniquelyReferenced(&scene), let shared = scene { scene = shared.copy() }
        guard let scene else { preconditionFailure("a LunarLander step needs the scene that reset builds") }
        let lander = scene.lander
        if configuration.enableWind && !(legContact.0 || legContact.1) {
            let k = Double(windIndex)
            let wind = tanh(sin(0.02 * k) + sin(Double.pi * 0.01 * k)) * configuration.windPower
            windIndex += 1
            lander.applyForceToCenter(Vec2(Float(wind), 0), wake: true)
            let t = Double(torqueIndex)
            let torque = tanh(sin(0.02 * t) + sin(Double.pi * 0.01 * t)) * configuration.turbulencePower
            torqueIndex += 1
            lander.applyTorque(Float(torque), wake: true)
        }

        let angle = Double(lander.angle)
        let tip = (sin(angle), cos(angle))
        let side = (-tip.1, tip.0)
        let d0 = source.uniform(-1, 1) / C.scale
        let d1 = source.uniform(-1, 1) / C.scale

        if mainPower > 0 {
            let along = C.mainEngineYLocation / C.scale + 2 * d0
            let ox = tip.0 * along + side.0 * d1
            let oy = -tip.1 * along - side.1 * d1
            let pos = lander.position
            let point = Vec2(Float(Double(pos.x) + ox), Float(Double(pos.y) + oy))
            let impulse = Vec2(Float(-ox * C.mainEnginePower * mainPower), Float(-oy * C.mainEnginePower * mainPower))
            lander.applyLinearImpulse(impulse, point: point, wake: true)
        }
        if sidePower > 0 {
            let lateral = 3 * d1 + direction * C.sideEngineAway / C.scale
            let ox = tip.0 * d0 + side.0 * lateral
            let oy = -tip.1 * d0 - side.1 * lateral
            let pos = lander.position
            // 17 rather than SIDE_ENGINE_HEIGHT: a known quirk of the reference, kept.
            let point = Vec2(
                Float(Double(pos.x) + ox - tip.0 * 17 / C.scale),
                Float(Double(pos.y) + oy + tip.1 * C.sideEngineHeight / C.scale))
            let impulse = Vec2(Float(-ox * C.sideEnginePower * sidePower), Float(-oy * C.sideEnginePower * sidePower))
            lander.applyLinearImpulse(impulse, point: point, wake: true)
        }
        lastMainPower = mainPower
        lastSidePower = sidePower
        lastSideDirection = direction

        return scene.world
    }

    /// The end of one Gymnasium step, after its world step: contacts, observation,
    /// reward and termination.
    @inline(__always)
    private mutating func concludeWorldStep(into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        guard let scene else { preconditionFailure("a LunarLander step needs the scene that reset builds") }
        let lander = scene.lander
        let world = scene.world
        for event in world.contactEvents {
            let a = event.fixtureA.body.tag, b = event.fixtureB.body.tag
            switch event.kind {
            case .begin:
                if a == LunarLanderScene.landerTag || b == LunarLanderScene.landerTag { gameOver = true }
                if a == LunarLanderScene.leftLegTag || b == LunarLanderScene.leftLegTag { legContact.0 = true }
                if a == LunarLanderScene.rightLegTag || b == LunarLanderScene.rightLegTag { legContact.1 = true }
            case .end:
                if a == LunarLanderScene.leftLegTag || b == LunarLanderScene.leftLegTag { legContact.0 = false }
                if a == LunarLanderScene.rightLegTag || b == LunarLanderScene.rightLegTag { legContact.1 = false }
            }
        }

        let pos = lander.position
        let vel = lander.linearVelocity
        let halfW = Double(C.viewportWidth) / C.scale / 2
        let halfH = Double(C.viewportHeight) / C.scale / 2
        let s0 = (Double(pos.x) - halfW) / halfW
        let s1 = (Double(pos.y) - (C.helipadY + C.legDown / C.scale)) / halfH
        let s2 = Double(vel.x) * halfW / C.fps
        let s3 = Double(vel.y) * halfH / C.fps
        let s4 = Double(lander.angle)
        let s5 = 20.0 * Double(lander.angularVelocity) / C.fps
        let s6: Double = legContact.0 ? 1 : 0
        let s7: Double = legContact.1 ? 1 : 0
        observation[0] = Float(s0)
        observation[1] = Float(s1)
        observation[2] = Float(s2)
        observation[3] = Float(s3)
        observation[4] = Float(s4)
        observation[5] = Float(s5)
        observation[6] = Float(s6)
        observation[7] = Float(s7)

        let shaping = -100 * (s0 * s0 + s1 * s1).squareRoot() - 100 * (s2 * s2 + s3 * s3).squareRoot()
            - 100 * abs(s4) + 10 * s6 + 10 * s7
        var reward = hasPreviousShaping ? shaping - previousShaping : 0
        previousShaping = shaping
        hasPreviousShaping = true
        reward -= lastMainPower * 0.30
        reward -= lastSidePower * 0.03

        var terminated = false
        if gameOver || abs(s0) >= 1 {
            terminated = true
            reward = -100
        }
        if !lander.isAwake {
            terminated = true
            reward = 100
        }
        return StepOutcome(reward: reward, terminated: terminated)
    }
}

extension LunarLanderEnvironment where Source == SeededRandom {
    /// An environment with the given kwargs and a stream seeded from entropy (reseeded by
    /// `reset(seed:)`).
    public init(_ configuration: LunarLanderConfiguration) {
        self.init(configuration, source: .fromEntropy())
    }
}

/// A vector environment steps several copies' worlds together (`VectorEnv`, `WorldBatch`):
/// the same step as `step`, with the world step in between.
extension LunarLanderEnvironment: WorldSteppingEnvironment {
    mutating func beginStep(_ action: ActionView, in batch: WorldBatch) throws(EnvError) {
        batch.begin(
            try prepareWorldStep(action), dt: Self.dt,
            velocityIterations: C.velocityIterations, positionIterations: C.positionIterations)
    }

    mutating func finishStep(into observation: UnsafeMutableBufferPointer<Float>) throws(EnvError) -> StepOutcome {
        concludeWorldStep(into: observation)
    }
}
