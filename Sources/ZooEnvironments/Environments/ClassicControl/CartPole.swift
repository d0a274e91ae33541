import DSL
import Foundation

/// CartPole-v1: balance a pole on a cart by pushing it left or right.
///
/// Gymnasium's `CartPoleEnv` (Barto, Sutton & Anderson): explicit-Euler dynamics in
/// float64, float32 observations `[x, x_dot, theta, theta_dot]`, termination when
/// |x| > 2.4 or |theta| > 12°, and its rewards: 1 per step (or Sutton–Barto's 0 per step
/// and −1 on failure with `sutton_barto_reward`), including the reward of 0 (−1) for
/// steps taken after termination without a reset.
public struct CartPole: Environment {
    static let gravity = 9.8
    static let massCart = 1.0
    static let massPole = 0.1
    static let totalMass = massPole + massCart
    static let length = 0.5
    static let poleMassLength = massPole * length
    static let forceMag = 10.0
    static let tau = 0.02
    static let thetaThreshold = 12 * 2 * Double.pi / 360
    static let xThreshold = 2.4

    /// Sutton and Barto's reward (0 per step, −1 on termination) instead of 1 per step.
    public var suttonBartoReward: Bool
    public var random: SeededRandom
    public var x = 0.0, xDot = 0.0, theta = 0.0, thetaDot = 0.0
    var hasState = false
    /// Gymnasium's `steps_beyond_terminated` (`nil` until the episode terminates).
    var stepsBeyondTerminated: Int?

    public init(suttonBartoReward: Bool = false) {
        self.suttonBartoReward = suttonBartoReward
        random = .fromEntropy()
    }

    /// The physical state `[x, x_dot, theta, theta_dot]` in float64, as Gymnasium's
    /// `env.unwrapped.state`; setting it lets tests start from a given state.
    public var state: [Double] {
        get { [x, xDot, theta, thetaDot] }
        set {
            precondition(newValue.count == 4, "CartPole state has 4 entries")
            (x, xDot, theta, thetaDot) = (newValue[0], newValue[1], newValue[2], newValue[3])
            hasState = true
        }
    }

    public var observationSpace: Box {
        let high: [Float] = [Float(Self.xThreshold * 2), .infinity, Float(Self.thetaThreshold * 2), .infinity]
        return Box(unchecked: high.map { -$0 }, high)
    }

    public var actionSpace: ActionSpace { .discrete(Discrete(unchecked: 2)) }

    /// What a snapshot must match: the kwargs (the state is all values, so the default
    /// `independentCopy()` is a full snapshot).
    public var snapshotConfiguration: String { "CartPole(sutton_barto_reward: \(suttonBartoReward))" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        let (low, high) = try ResetBounds.parse(options, env: "CartPole", low: -0.05, high: 0.05)
        random.reseed(seed)
        x = random.uniform(low, high)
        xDot = random.uniform(low, high)
        theta = random.uniform(low, high)
        thetaDot = random.uniform(low, high)
        hasState = true
        stepsBeyondTerminated = nil
        write(observation)
        return nil
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        guard case let .discrete(a) = action, a == 0 || a == 1 else {
            throw .actionOutOfSpace(action: action.describe(), space: "Discrete(2)")
        }
        guard hasState else { throw .resetNeeded(env: "CartPole") }
        let force = a == 1 ? Self.forceMag : -Self.forceMag
        let cosTheta = cos(theta)
        let sinTheta = sin(theta)
        let temp = (force + Self.poleMassLength * (thetaDot * thetaDot) * sinTheta) / Self.totalMass
        let thetaAcc = (Self.gravity * sinTheta - cosTheta * temp)
            / (Self.length * (4.0 / 3.0 - Self.massPole * (cosTheta * cosTheta) / Self.totalMass))
        let xAcc = temp - Self.poleMassLength * thetaAcc * cosTheta / Self.totalMass
        x = x + Self.tau * xDot
        xDot = xDot + Self.tau * xAcc
        theta = theta + Self.tau * thetaDot
        thetaDot = thetaDot + Self.tau * thetaAcc

        let terminated = x < -Self.xThreshold || x > Self.xThreshold
            || theta < -Self.thetaThreshold || theta > Self.thetaThreshold
        let reward: Double
        if !terminated {
            reward = suttonBartoReward ? 0 : 1
        } else if let beyond = stepsBeyondTerminated {
            stepsBeyondTerminated = beyond + 1
            reward = suttonBartoReward ? -1 : 0
        } else {
            stepsBeyondTerminated = 0
            reward = suttonBartoReward ? -1 : 1
        }
        write(observation)
        return StepOutcome(reward: reward, terminated: terminated)
    }

    @inline(__always)
    private func write(_ row: UnsafeMutableBufferPointer<Float>) {
        row[0] = Float(x)
        row[1] = Float(xDot)
        row[2] = Float(theta)
        row[3] = Float(thetaDot)
    }
}
