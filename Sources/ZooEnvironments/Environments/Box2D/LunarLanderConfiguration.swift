/// The kwargs of LunarLander-v3, validated as Gymnasium validates them.
///
/// Why a separate type: the registry, the environment and the CLI all need the same
/// checks (`gravity` strictly inside (-12, 0) is an error; `wind_power` outside [0, 20]
/// and `turbulence_power` outside [0, 2] are accepted with a warning, as Gymnasium only
/// warns). Validation happens once, at construction, never on the step path.
public struct LunarLanderConfiguration: Sendable, Equatable {
    /// Continuous actions (`LunarLanderContinuous-v3`): main throttle and lateral.
    public var continuous: Bool
    /// Gravitational acceleration (negative), strictly between -12 and 0.
    public var gravity: Double
    /// Wind and turbulence while neither leg touches the ground.
    public var enableWind: Bool
    /// Peak wind force (recommended 0…20).
    public var windPower: Double
    /// Peak turbulence torque (recommended 0…2).
    public var turbulencePower: Double

    /// Gymnasium's warnings for values outside the recommended ranges (empty when none).
    public var warnings: [String] {
        var w: [String] = []
        if windPower < 0 || windPower > 20 {
            w.append("wind_power value is recommended to be between 0.0 and 20.0, (current value: \(windPower))")
        }
        if turbulencePower < 0 || turbulencePower > 2 {
            w.append("turbulence_power value is recommended to be between 0.0 and 2.0, (current value: \(turbulencePower))")
        }
        return w
    }

    /// A validated configuration; throws `EnvError.kwargValue` for a gravity outside
    /// (-12, 0) or a non-finite value.
    public init(
        continuous: Bool = false, gravity: Double = -10, enableWind: Bool = false,
        windPower: Double = 15, turbulencePower: Double = 1.5
    ) throws(EnvError) {
        let env = continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3"
        if let message = Self.checkGravity(gravity) { throw .kwargValue(env: env, name: "gravity", message: message) }
        guard windPower.isFinite else {
            throw .kwargValue(env: env, name: "wind_power", message: "must be a finite number, got \(windPower)")
        }
        guard turbulencePower.isFinite else {
            throw .kwargValue(env: env, name: "turbulence_power", message: "must be a finite number, got \(turbulencePower)")
        }
        self.continuous = continuous
        self.gravity = gravity
        self.enableWind = enableWind
        self.windPower = windPower
        self.turbulencePower = turbulencePower
    }

    /// Gymnasium's assertion `-12 < gravity < 0`, as an error message (`nil` when valid).
    public static func checkGravity(_ gravity: Double) -> String? {
        gravity > -12 && gravity < 0 ? nil : "gravity (current value: \(gravity)) must be between -12 and 0"
    }
}
