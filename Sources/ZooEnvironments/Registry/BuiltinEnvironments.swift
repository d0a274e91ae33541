/// The ids Zoo ships, with Gymnasium's `max_episode_steps`, `reward_threshold` and kwargs
/// (`gymnasium/envs/__init__.py`).
enum BuiltinEnvironments {
    static let specs: [EnvSpec] = [
        EnvSpec(
            id: "CartPole-v0", maxEpisodeSteps: 200, rewardThreshold: 195,
            parameters: [ParameterSpec("sutton_barto_reward", .bool, default: false)]
        ) { kwargs in CartPole(suttonBartoReward: kwargs.bool("sutton_barto_reward")) },
        EnvSpec(
            id: "CartPole-v1", maxEpisodeSteps: 500, rewardThreshold: 475,
            parameters: [ParameterSpec("sutton_barto_reward", .bool, default: false)]
        ) { kwargs in CartPole(suttonBartoReward: kwargs.bool("sutton_barto_reward")) },
        EnvSpec(
            id: "MountainCar-v0", maxEpisodeSteps: 200, rewardThreshold: -110,
            parameters: [.finiteDouble("goal_velocity", default: 0)]
        ) { kwargs in MountainCar(goalVelocity: kwargs.double("goal_velocity")) },
        EnvSpec(
            id: "MountainCarContinuous-v0", maxEpisodeSteps: 999, rewardThreshold: 90,
            parameters: [.finiteDouble("goal_velocity", default: 0)]
        ) { kwargs in MountainCarContinuous(goalVelocity: kwargs.double("goal_velocity")) },
        EnvSpec(
            id: "Pendulum-v1", maxEpisodeSteps: 200,
            parameters: [.finiteDouble("g", default: 10)]
        ) { kwargs in Pendulum(g: kwargs.double("g")) },
        EnvSpec(
            id: "Acrobot-v1", maxEpisodeSteps: 500, rewardThreshold: -100,
            parameters: [
                .choice("book_or_nips", default: "book", ["book", "nips"]),
                .finiteDouble("torque_noise_max", default: 0) { $0 >= 0 ? nil : "must be ≥ 0, got \($0)" },
            ]
        ) { kwargs in
            Acrobot(bookDynamics: kwargs.string("book_or_nips") == "book", torqueNoiseMax: kwargs.double("torque_noise_max"))
        },
        EnvSpec(
            id: "Catch-v0", maxEpisodeSteps: nil, rewardThreshold: 0.9,
            parameters: [.positiveInt("rows", default: 10, minimum: 2), .positiveInt("columns", default: 5),
                         .positiveInt("cell_size", default: 4)]
        ) { kwargs throws(EnvError) in
            try Catch(rows: kwargs.int("rows"), columns: kwargs.int("columns"), cellSize: kwargs.int("cell_size"))
        },
    ] + LunarLanderRegistration.specs + AtariRegistration.specs
}
