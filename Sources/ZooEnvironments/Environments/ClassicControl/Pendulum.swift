import DSL
import Foundation

/// Pendulum-v1: swing a frictionless pendulum up and hold it upright with bounded torque.
///
/// Gymnasium's `PendulumEnv`: semi-implicit Euler with dt = 0.05, angular speed clipped
/// to ±8, torque clipped to ±2, reward −(θ² + 0.1·θ̇² + 0.001·u²) with θ normalised to
/// [−π, π), observation `[cos θ, sin θ, θ̇]`, initial state uniform in
/// [−x_init, x_init] × [−y_init, y_init] (reset options, default π and 1). Never
/// terminates; `make` adds a 200-step `TimeLimit`. The kwarg `g` sets gravity.
public struct Pendulum: Environment {
    static let maxSpeed = 8.0
    static let maxTorque = 2.0
    static let dt = 0.05
    static let mass = 1.0
    static let length = 1.0

    /// Gravitational acceleration (Gymnasium's `g`, default 10).
    public var g: Double
    public var random: SeededRandom
    public var theta = 0.0, thetaDot = 0.0
    var hasState = false

    public init(g: Double = 10.0) {
        self.g = g
        random = .fromEntropy()
    }

    /// `[θ, θ̇]` (Gymnasium's `env.unwrapped.state`).
    public var state: [Double] {
        get { [theta, thetaDot] }
        set {
            precondition(newValue.count == 2, "Pendulum state has 2 entries")
            (theta, thetaDot) = (newValue[0], newValue[1])
            hasState = true
        }
    }

    public var observationSpace: Box {
        Box(unchecked: [-1, -1, Float(-Self.maxSpeed)], [1, 1, Float(Self.maxSpeed)])
    }

    public var actionSpace: ActionSpace {
        .box(Box(unchecked: [Float(-Self.maxTorque)], [Float(Self.maxTorque)]))
    }

    /// What a snapshot must match: the kwargs (the state is all values).
    public var snapshotConfiguration: String { "Pendulum(g: \(g))" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        var highX = Double.pi, highY = 1.0
        if !options.values.isEmpty {
            try ResetBounds.rejectUnknown(options, env: "Pendulum", allowed: ["x_init", "y_init"])
            highX = try ResetBounds.number(options, "x_init", env: "Pendulum") ?? highX
            highY = try ResetBounds.number(options, "y_init", env: "Pendulum") ?? highY
        }
        random.reseed(seed)
        theta = random.uniform(-highX, highX)
        thetaDot = random.uniform(-highY, highY)
        hasState = true
        write(observation)
        return nil
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        guard case let .continuous(values) = action, values.count == 1, values[0].isFinite else {
            throw .actionOutOfSpace(action: action.describe(), space: "Box(-2.0, 2.0, (1,), float32)")
        }
        guard hasState else { throw .resetNeeded(env: "Pendulum") }
        // The torque stays float32 as in Gymnasium, where NumPy 2 computes u², 3u in float32.
        let u = min(max(values[0], Float(-Self.maxTorque)), Float(Self.maxTorque))
        let normalized = Self.angleNormalize(theta)
        let costs = normalized * normalized + 0.1 * (thetaDot * thetaDot) + Double(Float(0.001 as Double) * (u * u))
        let torqueTerm = Double(Float(3.0 / (Self.mass * Self.length * Self.length)) * u)
        var newThetaDot = thetaDot + (3 * g / (2 * Self.length) * sin(theta) + torqueTerm) * Self.dt
        newThetaDot = min(max(newThetaDot, -Self.maxSpeed), Self.maxSpeed)
        theta = theta + newThetaDot * Self.dt
        thetaDot = newThetaDot
        write(observation)
        return StepOutcome(reward: -costs, terminated: false)
    }

    /// θ mapped to [−π, π) with Python's floored modulo.
    static func angleNormalize(_ x: Double) -> Double {
        let period = 2 * Double.pi
        var r = (x + Double.pi).truncatingRemainder(dividingBy: period)
        if r != 0 && r < 0 { r += period }
        return r - Double.pi
    }

    @inline(__always)
    private func write(_ row: UnsafeMutableBufferPointer<Float>) {
        row[0] = Float(cos(theta))
        row[1] = Float(sin(theta))
        row[2] = Float(thetaDot)
    }
}
