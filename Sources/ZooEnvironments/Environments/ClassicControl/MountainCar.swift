import DSL
import Foundation

/// MountainCar-v0: drive an under-powered car up a hill by rocking it (discrete pushes).
///
/// Gymnasium's `MountainCarEnv`: velocity and position updates in float64 with clipping,
/// an inelastic left wall, reward −1 per step, termination at position ≥ 0.5 with
/// velocity ≥ `goal_velocity`, initial position uniform in [−0.6, −0.4] at rest.
public struct MountainCar: Environment {
    static let minPosition = -1.2
    static let maxPosition = 0.6
    static let maxSpeed = 0.07
    static let goalPosition = 0.5
    static let force = 0.001
    static let gravity = 0.0025

    /// The velocity the car must have at the goal for the episode to terminate.
    public var goalVelocity: Double
    public var random: SeededRandom
    public var position = 0.0, velocity = 0.0
    var hasState = false

    public init(goalVelocity: Double = 0) {
        self.goalVelocity = goalVelocity
        random = .fromEntropy()
    }

    /// `[position, velocity]` (Gymnasium's `env.unwrapped.state`).
    public var state: [Double] {
        get { [position, velocity] }
        set {
            precondition(newValue.count == 2, "MountainCar state has 2 entries")
            (position, velocity) = (newValue[0], newValue[1])
            hasState = true
        }
    }

    public var observationSpace: Box {
        Box(unchecked: [Float(Self.minPosition), Float(-Self.maxSpeed)], [Float(Self.maxPosition), Float(Self.maxSpeed)])
    }

    public var actionSpace: ActionSpace { .discrete(Discrete(unchecked: 3)) }

    /// What a snapshot must match: the kwargs (the state is all values).
    public var snapshotConfiguration: String { "MountainCar(goal_velocity: \(goalVelocity))" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        let (low, high) = try ResetBounds.parse(options, env: "MountainCar", low: -0.6, high: -0.4)
        random.reseed(seed)
        position = random.uniform(low, high)
        velocity = 0
        hasState = true
        observation[0] = Float(position)
        observation[1] = Float(velocity)
        return nil
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        guard case let .discrete(a) = action, a >= 0 && a <= 2 else {
            throw .actionOutOfSpace(action: action.describe(), space: "Discrete(3)")
        }
        guard hasState else { throw .resetNeeded(env: "MountainCar") }
        velocity += Double(a - 1) * Self.force + cos(3 * position) * (-Self.gravity)
        velocity = min(max(velocity, -Self.maxSpeed), Self.maxSpeed)
        position += velocity
        position = min(max(position, Self.minPosition), Self.maxPosition)
        if position == Self.minPosition && velocity < 0 { velocity = 0 }
        let terminated = position >= Self.goalPosition && velocity >= goalVelocity
        observation[0] = Float(position)
        observation[1] = Float(velocity)
        return StepOutcome(reward: -1, terminated: terminated)
    }
}
