import Atari2600
import DSL

/// Gymnasium's `AtariEnv` (`ALE/<Game>-v5`, `<Game>NoFrameskip-v4`) on Zoo's pure-Swift
/// Atari 2600: the game's actions, frame skip, sticky actions, observations as RGB, grey
/// or RAM bytes, rewards, lives and the end of a game as ale-py reports them.
///
/// Why it exists: published Atari results and hyperparameters are stated against these
/// ids; Zoo reproduces ale-py's episodes frame for frame for the same seed and actions.
/// Seeding follows Gymnasium: `reset(seed:)` hashes the seed with NumPy's `SeedSequence`
/// into two words, the first seeds the environment's `np_random` (`npRandom`, which the
/// preprocessing's no-op starts draw from), the second is ALE's `random_seed`, and the ROM
/// is reloaded; every reset then runs ALE's `reset_game`.
public struct AtariEnvironment: Environment {
    public typealias ObservationScalar = UInt8

    /// Gymnasium's `obs_type`.
    public enum ObservationType: String, Sendable, CaseIterable {
        case rgb, grayscale, ram
    }

    /// Gymnasium's kwargs of an Atari id.
    public struct Settings: Sendable, Equatable {
        public var frameskip = 4
        public var repeatActionProbability = 0.25
        public var fullActionSpace = false
        public var observationType = ObservationType.rgb
        /// `max_num_frames_per_episode`: frames after which an episode is truncated (0: never).
        public var maxFramesPerEpisode = 108_000

        public init(frameskip: Int = 4, repeatActionProbability: Double = 0.25, fullActionSpace: Bool = false,
                    observationType: ObservationType = .rgb, maxFramesPerEpisode: Int = 108_000) {
            self.frameskip = frameskip
            self.repeatActionProbability = repeatActionProbability
            self.fullActionSpace = fullActionSpace
            self.observationType = observationType
            self.maxFramesPerEpisode = maxFramesPerEpisode
        }
    }

    public let game: AtariGame
    public let settings: Settings
    /// The info key of the step that ends a game: the game's own return, which episode
    /// statistics report when wrappers clip rewards or end episodes on lost lives.
    public static let gameReturnKey = "game_return"

    /// The ALE actions behind Zoo's discrete actions 0, 1, …
    public let actions: [Atari2600.Action]
    public let observationSpace: Box
    public var random: SeededRandom
    /// Gymnasium's `np_random`, seeded by `reset(seed:)`.
    public var npRandom: NumPyPCG64
    let cartridge: Cartridge
    /// The running console; nil before the first reset.
    public private(set) var session: ArcadeSession?
    var score = 0
    /// ALE's `lives()` after the last step.
    public private(set) var lives = 0
    /// Frames emulated since the episode's reset.
    public private(set) var episodeFrames = 0
    var finished = false
    /// The game's score change since the reset (what the game's return is, whatever
    /// wrappers do to rewards and episodes).
    public private(set) var gameReturn = 0

    /// `game` loaded from `cartridge`, with Gymnasium's kwargs.
    public init(game: AtariGame, cartridge: Cartridge, settings: Settings = Settings()) throws(EnvError) {
        guard settings.frameskip >= 1 else { throw .invalidArgument("frameskip must be ≥ 1, got \(settings.frameskip)") }
        guard (0...1).contains(settings.repeatActionProbability) else {
            throw .invalidArgument("repeat_action_probability must lie in [0, 1], got \(settings.repeatActionProbability)")
        }
        self.game = game
        self.settings = settings
        self.cartridge = cartridge
        actions = settings.fullActionSpace ? Atari2600.Action.allCases : game.minimalActions
        switch settings.observationType {
        case .rgb: observationSpace = try Box.pixels([210, 160, 3])
        case .grayscale: observationSpace = try Box.pixels([210, 160])
        case .ram: observationSpace = try Box(low: 0, high: 255, shape: [128], dtype: .uint8)
        }
        random = .fromEntropy()
        npRandom = NumPyPCG64(seed: 0)
    }

    public var actionSpace: ActionSpace { .discrete(Discrete(unchecked: actions.count)) }

    public var snapshotConfiguration: String {
        "Atari(\(game.name), frameskip: \(settings.frameskip), repeat_action_probability: \(settings.repeatActionProbability), "
            + "full_action_space: \(settings.fullActionSpace), obs_type: \(settings.observationType.rawValue), "
            + "max_num_frames_per_episode: \(settings.maxFramesPerEpisode))"
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> Info? {
        guard options.values.isEmpty else {
            throw .resetOption(env: game.name, message: "Atari environments take no reset options, got \(options.values.keys.sorted())")
        }
        if let seed {
            guard seed >= 0 else { throw .invalidArgument("an Atari seed must be ≥ 0 (NumPy's SeedSequence), got \(seed)") }
            random.reseed(seed)
            load(seed: UInt64(seed))
        } else if session == nil {
            load(seed: random.next() >> 1)
        }
        // Gymnasium's reset: `reset_game` after any reload.
        session!.resetGame()
        let reading = game.read(session!.console.ram)
        score = reading.score
        lives = reading.lives
        episodeFrames = 0
        gameReturn = 0
        finished = false
        writeObservation(into: observation)
        return nil
    }

    /// Gymnasium's `seed_game` and `load_game`: new `np_random` and ALE seed, ROM reloaded.
    private mutating func load(seed: UInt64) {
        let words = NumPySeedSequence(entropy: seed).generateState(2)
        npRandom = NumPyPCG64(seed: UInt64(words[0]))
        session = ArcadeSession(cartridge: cartridge, seed: words[1], controller: game.controller,
                                repeatActionProbability: settings.repeatActionProbability, resetFrames: game.resetFrames)
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        guard case let .discrete(a) = action, a >= 0, a < actions.count else {
            throw .actionOutOfSpace(action: action.describe(), space: "Discrete(\(actions.count))")
        }
        guard session != nil, !finished else { throw .resetNeeded(env: game.name) }
        let chosen = actions[a]
        var reward = 0
        var terminated = false
        for _ in 0..<settings.frameskip {
            session!.act(chosen)
            episodeFrames += 1
            let reading = game.read(session!.console.ram)
            reward += reading.score - score
            score = reading.score
            lives = reading.lives
            // ALE emulates nothing more once the game is over (measured: Breakout's RAM
            // on the step that ends the game is that of the frame the game ended on).
            if reading.terminal {
                terminated = true
                break
            }
            if settings.maxFramesPerEpisode > 0 && episodeFrames >= settings.maxFramesPerEpisode { break }
        }
        let truncated = !terminated && settings.maxFramesPerEpisode > 0 && episodeFrames >= settings.maxFramesPerEpisode
        finished = terminated || truncated
        gameReturn += reward
        writeObservation(into: observation)
        guard finished else { return StepOutcome(reward: Double(reward), terminated: false, truncated: false) }
        return StepOutcome(reward: Double(reward), terminated: terminated, truncated: truncated,
                           info: Info([Self.gameReturnKey: .double(Double(gameReturn)), "episode_frame_number": .int(episodeFrames)]))
    }

    /// The current screen (or RAM) as the observation type asks.
    func writeObservation(into observation: UnsafeMutableBufferPointer<UInt8>) {
        switch settings.observationType {
        case .ram:
            guard let ram = session?.console.ram else { return }
            for k in 0..<128 { observation[k] = ram[k] }
        case .grayscale: greyScreen(into: observation)
        case .rgb: rgbScreen(into: observation)
        }
    }

    /// The grey screen (ALE's `getScreenGrayscale`), whatever the observation type.
    public func greyScreen(into image: UnsafeMutableBufferPointer<UInt8>) {
        guard let console = session?.console else { return }
        console.screen.withUnsafeBufferPointer { screen in
            NTSCPalette.grey.withUnsafeBufferPointer { grey in
                for k in 0..<image.count { image[k] = grey[Int(screen[k])] }
            }
        }
    }

    /// The colour screen (ALE's `getScreenRGB`), whatever the observation type.
    public func rgbScreen(into image: UnsafeMutableBufferPointer<UInt8>) {
        guard let console = session?.console else { return }
        console.screen.withUnsafeBufferPointer { screen in
            NTSCPalette.rgbBytes.withUnsafeBufferPointer { rgb in
                for k in 0..<screen.count {
                    let c = Int(screen[k]) * 3
                    image[3 * k] = rgb[c]
                    image[3 * k + 1] = rgb[c + 1]
                    image[3 * k + 2] = rgb[c + 2]
                }
            }
        }
    }
}

extension AtariEnvironment: RenderableEnvironment {
    /// The screen in colour, 160 × 210.
    public func render() -> RGBFrame {
        var pixels = [UInt8](repeating: 0, count: 210 * 160 * 3)
        pixels.withUnsafeMutableBufferPointer { rgbScreen(into: $0) }
        return RGBFrame(width: 160, height: 210, pixels: pixels)
    }
}
