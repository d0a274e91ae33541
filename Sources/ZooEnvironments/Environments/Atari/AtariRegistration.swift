/// The registry entries of the Atari games: `ALE/<Game>-v5` (frame skip 4, sticky actions
/// 0.25) and `<Game>NoFrameskip-v4` (frame skip 1, no sticky actions), both truncated at
/// 108,000 frames, with Gymnasium's kwargs plus `roms` (a folder of ROMs).
///
/// Why it exists: recipes name Atari games by Gymnasium's ids and kwargs; this turns
/// each game of `AtariGames.all` into those ids.
enum AtariRegistration {
    static var specs: [EnvSpec] {
        AtariGames.all.flatMap { game in
            [spec("ALE/\(game.name)-v5", game, frameskip: 4, sticky: 0.25),
             spec("\(game.name)NoFrameskip-v4", game, frameskip: 1, sticky: 0)]
        }
    }

    static func spec(_ id: String, _ game: AtariGame, frameskip: Int, sticky: Double) -> EnvSpec {
        EnvSpec(id: id, parameters: [
            .positiveInt("frameskip", default: frameskip),
            .finiteDouble("repeat_action_probability", default: sticky) { (0...1).contains($0) ? nil : "must lie in [0, 1], got \($0)" },
            ParameterSpec("full_action_space", .bool, default: .bool(false)),
            .choice("obs_type", default: "rgb", AtariEnvironment.ObservationType.allCases.map(\.rawValue)),
            fixed("mode", game.defaultMode, offered: game.modes),
            fixed("difficulty", 0, offered: game.difficulties),
            ParameterSpec("max_num_frames_per_episode", .int, default: .int(108_000)) { v in
                if case let .int(i) = v, i >= 0 { return nil }
                return "must be an integer ≥ 0 (0: no limit), got \(v)"
            },
            ParameterSpec("roms", .string, default: .string("")),
        ]) { kwargs throws(EnvError) in
            let settings = AtariEnvironment.Settings(
                frameskip: kwargs.int("frameskip"), repeatActionProbability: kwargs.double("repeat_action_probability"),
                fullActionSpace: kwargs.bool("full_action_space"),
                observationType: AtariEnvironment.ObservationType(rawValue: kwargs.string("obs_type")) ?? .rgb,
                maxFramesPerEpisode: kwargs.int("max_num_frames_per_episode"))
            return try AtariEnvironment(game: game, cartridge: AtariROMs.load(game, folder: kwargs.string("roms")),
                                        settings: settings)
        }
    }

    /// `mode` / `difficulty`: the game's default is accepted; selecting another needs the
    /// console's SELECT and difficulty switches driven as ALE drives them, not emulated yet.
    static func fixed(_ name: String, _ value: Int, offered: [Int]) -> ParameterSpec {
        ParameterSpec(name, .int, default: .int(value)) { v in
            guard case let .int(i) = v, offered.contains(i) else { return "must be one of \(offered), got \(v)" }
            return i == value ? nil : "only the default \(name) \(value) is emulated so far (ALE offers \(offered))"
        }
    }
}
