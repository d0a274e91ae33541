import DSL
import Foundation

/// Acrobot-v1: swing a two-link pendulum's tip above a line by torquing the middle joint.
///
/// Gymnasium's `AcrobotEnv`: RK4 integration over 0.2 s of the "book" dynamics (Sutton &
/// Barto; `book_or_nips: "nips"` gives the paper's), joint angles wrapped to [−π, π],
/// velocities bounded to 4π and 9π, reward −1 per step until the tip is above the line,
/// observation `[cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]`. `torque_noise_max` (default 0)
/// adds uniform torque noise. Gymnasium exposes these two as class attributes; Zoo makes
/// them kwargs.
public struct Acrobot: Environment {
    static let dt = 0.2
    static let linkLength1 = 1.0
    static let linkMass1 = 1.0
    static let linkMass2 = 1.0
    static let linkCOM1 = 0.5
    static let linkCOM2 = 0.5
    static let linkMOI = 1.0
    static let maxVel1 = 4 * Double.pi
    static let maxVel2 = 9 * Double.pi
    static let torques: (Double, Double, Double) = (-1.0, 0.0, 1.0)

    /// Use the book's dynamics (`true`, Gymnasium's default) or the NIPS paper's.
    public var bookDynamics: Bool
    /// Half-width of the uniform noise added to the torque (0: none).
    public var torqueNoiseMax: Double
    public var random: SeededRandom
    /// `[θ1, θ2, θ̇1, θ̇2]` in float64 (Gymnasium's `env.unwrapped.state`).
    public var theta1 = 0.0, theta2 = 0.0, dtheta1 = 0.0, dtheta2 = 0.0
    var hasState = false

    public init(bookDynamics: Bool = true, torqueNoiseMax: Double = 0) {
        self.bookDynamics = bookDynamics
        self.torqueNoiseMax = torqueNoiseMax
        random = .fromEntropy()
    }

    /// The state `[θ1, θ2, θ̇1, θ̇2]`; setting it lets tests start from a given state.
    public var state: [Double] {
        get { [theta1, theta2, dtheta1, dtheta2] }
        set {
            precondition(newValue.count == 4, "Acrobot state has 4 entries")
            (theta1, theta2, dtheta1, dtheta2) = (newValue[0], newValue[1], newValue[2], newValue[3])
            hasState = true
        }
    }

    public var observationSpace: Box {
        let high: [Float] = [1, 1, 1, 1, Float(Self.maxVel1), Float(Self.maxVel2)]
        return Box(unchecked: high.map { -$0 }, high)
    }

    public var actionSpace: ActionSpace { .discrete(Discrete(unchecked: 3)) }

    /// What a snapshot must match: the kwargs (the state is all values).
    public var snapshotConfiguration: String {
        "Acrobot(book_or_nips: \(bookDynamics ? "book" : "nips"), torque_noise_max: \(torqueNoiseMax))"
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        let (low, high) = try ResetBounds.parse(options, env: "Acrobot", low: -0.1, high: 0.1)
        random.reseed(seed)
        // Gymnasium draws in float64 and stores the initial state as float32.
        theta1 = Double(Float(random.uniform(low, high)))
        theta2 = Double(Float(random.uniform(low, high)))
        dtheta1 = Double(Float(random.uniform(low, high)))
        dtheta2 = Double(Float(random.uniform(low, high)))
        hasState = true
        write(observation)
        return nil
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        guard case let .discrete(a) = action, a >= 0 && a <= 2 else {
            throw .actionOutOfSpace(action: action.describe(), space: "Discrete(3)")
        }
        guard hasState else { throw .resetNeeded(env: "Acrobot") }
        var torque = a == 0 ? Self.torques.0 : (a == 1 ? Self.torques.1 : Self.torques.2)
        if torqueNoiseMax > 0 {
            torque += random.uniform(-torqueNoiseMax, torqueNoiseMax)
        }
        // One RK4 step over [0, dt]; the torque is constant (its derivative is 0).
        let y0 = SIMD4(theta1, theta2, dtheta1, dtheta2)
        let h = Self.dt, h2 = Self.dt / 2.0
        let k1 = derivatives(y0, torque)
        let k2 = derivatives(y0 + h2 * k1, torque)
        let k3 = derivatives(y0 + h2 * k2, torque)
        let k4 = derivatives(y0 + h * k3, torque)
        let y = y0 + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)

        theta1 = Self.wrap(y[0])
        theta2 = Self.wrap(y[1])
        dtheta1 = min(max(y[2], -Self.maxVel1), Self.maxVel1)
        dtheta2 = min(max(y[3], -Self.maxVel2), Self.maxVel2)
        let terminated = -cos(theta1) - cos(theta2 + theta1) > 1.0
        write(observation)
        return StepOutcome(reward: terminated ? 0 : -1, terminated: terminated)
    }

    /// The time derivative of `[θ1, θ2, θ̇1, θ̇2]` under torque `a`.
    @inline(__always)
    private func derivatives(_ s: SIMD4<Double>, _ a: Double) -> SIMD4<Double> {
        let m1 = Self.linkMass1, m2 = Self.linkMass2, l1 = Self.linkLength1
        let lc1 = Self.linkCOM1, lc2 = Self.linkCOM2, i1 = Self.linkMOI, i2 = Self.linkMOI
        let g = 9.8
        let theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3]
        // Each trigonometric value is computed once (Gymnasium evaluates cos θ2 and sin θ2
        // twice; the values, and so the results, are the same).
        let cos2 = cos(theta2), sin2 = sin(theta2)
        let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2
        let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2) + phi2
        let ddtheta2: Double
        if bookDynamics {
            ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1)
        } else {
            ddtheta2 = (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1)
        }
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return SIMD4(dtheta1, dtheta2, ddtheta1, ddtheta2)
    }

    /// Gymnasium's `wrap(x, -π, π)`: shifts by whole turns into the range.
    @inline(__always)
    static func wrap(_ value: Double) -> Double {
        var x = value
        let diff = 2 * Double.pi
        while x > Double.pi { x = x - diff }
        while x < -Double.pi { x = x + diff }
        return x
    }

    @inline(__always)
    private func write(_ row: UnsafeMutableBufferPointer<Float>) {
        row[0] = Float(cos(theta1))
        row[1] = Float(sin(theta1))
        row[2] = Float(cos(theta2))
        row[3] = Float(sin(theta2))
        row[4] = Float(dtheta1)
        row[5] = Float(dtheta2)
    }
}
