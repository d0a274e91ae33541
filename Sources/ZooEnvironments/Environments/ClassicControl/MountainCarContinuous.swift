import DSL
import Foundation

/// MountainCarContinuous-v0: the mountain car with a continuous force in [−1, 1].
///
/// Gymnasium's `Continuous_MountainCarEnv`: reward 100 on reaching position ≥ 0.45 with
/// velocity ≥ `goal_velocity`, minus 0.1·action² every step. Gymnasium keeps this
/// environment's state as float32 after the first step (and NumPy 2 then computes in
/// float32); Zoo reproduces that arithmetic so trajectories match bit for bit in
/// practice, not only to a tolerance.
public struct MountainCarContinuous: Environment {
    static let minAction = -1.0
    static let maxAction = 1.0
    static let minPosition = -1.2
    static let maxPosition = 0.6
    static let maxSpeed = 0.07
    static let goalPosition = 0.45
    static let power = 0.0015

    /// The velocity the car must have at the goal for the episode to terminate.
    public var goalVelocity: Double
    public var random: SeededRandom
    public var position = 0.0, velocity = 0.0
    /// Whether the state is held in float32 (after any step), as in Gymnasium.
    var stateIsFloat32 = false
    var hasState = false

    public init(goalVelocity: Double = 0) {
        self.goalVelocity = goalVelocity
        random = .fromEntropy()
    }

    /// `[position, velocity]` (Gymnasium's `env.unwrapped.state`). Setting it sets a
    /// float64 state, as assigning a NumPy float64 array in Python does.
    public var state: [Double] {
        get { [position, velocity] }
        set {
            precondition(newValue.count == 2, "MountainCarContinuous state has 2 entries")
            (position, velocity) = (newValue[0], newValue[1])
            stateIsFloat32 = false
            hasState = true
        }
    }

    public var observationSpace: Box {
        Box(unchecked: [Float(Self.minPosition), Float(-Self.maxSpeed)], [Float(Self.maxPosition), Float(Self.maxSpeed)])
    }

    public var actionSpace: ActionSpace { .box(Box(unchecked: [-1], [1])) }

    /// What a snapshot must match: the kwargs (the state is all values).
    public var snapshotConfiguration: String { "MountainCarContinuous(goal_velocity: \(goalVelocity))" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        let (low, high) = try ResetBounds.parse(options, env: "MountainCarContinuous", low: -0.6, high: -0.4)
        random.reseed(seed)
        position = random.uniform(low, high)
        velocity = 0
        stateIsFloat32 = false
        hasState = true
        observation[0] = Float(position)
        observation[1] = Float(velocity)
        return nil
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        guard case let .continuous(values) = action, values.count == 1, values[0].isFinite else {
            throw .actionOutOfSpace(action: action.describe(), space: "Box(-1.0, 1.0, (1,), float32)")
        }
        guard hasState else { throw .resetNeeded(env: "MountainCarContinuous") }
        let a = values[0]
        // Python's min/max keep the float32 action unless it is clipped, when the force
        // becomes the Python float ±1.0.
        let clipped: Double? = a < -1 ? Self.minAction : (a > 1 ? Self.maxAction : nil)
        let terminated: Bool
        if stateIsFloat32 {
            // NumPy 2: float32 mixed with a Python float computes (and compares) in float32.
            let p = Float(position), v = Float(velocity)
            let slope = 0.0025 * cos(Double(3 * p))
            let increment = clipped.map { Float($0 * Self.power - slope) } ?? (a * Float(Self.power) - Float(slope))
            var newV = v + increment
            var newP: Float
            if newV > Float(Self.maxSpeed) { newV = Float(Self.maxSpeed) }
            if newV < Float(-Self.maxSpeed) { newV = Float(-Self.maxSpeed) }
            newP = p + newV
            var positionClipped = false
            if newP > Float(Self.maxPosition) { newP = Float(Self.maxPosition); positionClipped = true }
            if newP < Float(Self.minPosition) { newP = Float(Self.minPosition); positionClipped = true }
            if positionClipped && newP == Float(Self.minPosition) && newV < 0 { newV = 0 }
            terminated = (positionClipped ? Double(newP) >= Self.goalPosition : newP >= Float(Self.goalPosition))
                && newV >= Float(goalVelocity)
            position = Double(newP)
            velocity = Double(newV)
        } else {
            // The state is float64 straight after reset (or after setting `state`).
            let slope = 0.0025 * cos(3 * position)
            var newV = velocity + (clipped.map { $0 * Self.power - slope } ?? Double(a * Float(Self.power) - Float(slope)))
            newV = min(max(newV, -Self.maxSpeed), Self.maxSpeed)
            var newP = position + newV
            newP = min(max(newP, Self.minPosition), Self.maxPosition)
            if newP == Self.minPosition && newV < 0 { newV = 0 }
            terminated = newP >= Self.goalPosition && newV >= goalVelocity
            position = Double(Float(newP))
            velocity = Double(Float(newV))
        }
        var reward = terminated ? 100.0 : 0.0
        reward -= Double(a) * Double(a) * 0.1
        stateIsFloat32 = true
        observation[0] = Float(position)
        observation[1] = Float(velocity)
        return StepOutcome(reward: reward, terminated: terminated)
    }
}
