/// The registry entries of LunarLander-v3 and LunarLanderContinuous-v3.
///
/// Why here and not inline in `BuiltinEnvironments`: the kwargs declarations (Gymnasium's
/// defaults, the gravity check) belong with the environment; the builtin list only
/// appends these specs.
enum LunarLanderRegistration {
    static func parameters(continuous: Bool) -> [ParameterSpec] {
        [
            ParameterSpec("continuous", .bool, default: .bool(continuous)),
            .finiteDouble("gravity", default: -10) { LunarLanderConfiguration.checkGravity($0) },
            ParameterSpec("enable_wind", .bool, default: false),
            .finiteDouble("wind_power", default: 15),
            .finiteDouble("turbulence_power", default: 1.5),
        ]
    }

    static func make(_ kwargs: ResolvedKwargs) throws(EnvError) -> LunarLander {
        LunarLander(try LunarLanderConfiguration(
            continuous: kwargs.bool("continuous"), gravity: kwargs.double("gravity"),
            enableWind: kwargs.bool("enable_wind"), windPower: kwargs.double("wind_power"),
            turbulencePower: kwargs.double("turbulence_power")))
    }

    /// `LunarLander-v3` and `LunarLanderContinuous-v3`: 1000-step limit, threshold 200.
    static let specs: [EnvSpec] = [
        EnvSpec(
            id: "LunarLander-v3", maxEpisodeSteps: 1000, rewardThreshold: 200,
            parameters: parameters(continuous: false)
        ) { kwargs throws(EnvError) in try make(kwargs) },
        EnvSpec(
            id: "LunarLanderContinuous-v3", maxEpisodeSteps: 1000, rewardThreshold: 200,
            parameters: parameters(continuous: true)
        ) { kwargs throws(EnvError) in try make(kwargs) },
    ]
}
