/// The recipe's `env` section: which environment, how many copies, how they are
/// vectorised and wrapped, and which parameters are randomised per copy.
///
///     env:
///       id: LunarLander-v3
///       kwargs: {enable_wind: true}
///       copies: 10
///       vectorization: threads      # or sync (default)
///       threads: 2
///       autoreset: nextStep         # or sameStep
///       max_episode_steps: 600      # default: the registry's
///       wrappers: [normalize_observation, {normalize_reward: {gamma: 0.99}}, clip_action]
///       # images: per-copy observation wrappers first, e.g.
///       # [grayscale, {resize: {height: 84, width: 84}}, {frame_stack: {depth: 4}}]
///       randomize:
///         gravity: {normal: {mean: -10, std: 1, clip: [-11.99, -0.01]}}
///         wind_power: {uniform: [0, 20]}
///       redraw_every: 0             # updates between redraws (0: never)
public struct EnvironmentRecipe: Sendable {
    /// One wrapper and its options. Per-copy wrappers (images: `grayscale`, `resize`,
    /// `frame_stack`; Atari: `atari_preprocessing`, `noop_reset`, `max_and_skip`,
    /// `episodic_life`, `fire_reset`, `warp_frame`, `clip_reward`) wrap each copy and come
    /// first in the list; the others are applied in list order over the vector environment.
    public enum Wrapper: Sendable, Equatable {
        case normalizeObservation
        case normalizeReward(gamma: Double)
        case clipAction
        case rescaleAction(min: Float, max: Float)
        case observation(ObservationWrapperKind)

        public static let names = ["normalize_observation", "normalize_reward", "clip_action", "rescale_action",
                                   "grayscale", "resize", "frame_stack", "atari_preprocessing", "noop_reset",
                                   "max_and_skip", "episodic_life", "fire_reset", "warp_frame", "clip_reward"]
    }

    public var id: String
    public var kwargs: Kwargs
    public var copies: Int
    public var execution: VectorExecution
    public var autoreset: AutoresetMode
    public var maxEpisodeSteps: Int?
    public var wrappers: [Wrapper]
    public var randomization: [String: ParameterDistribution]
    public var redrawEvery: Int

    /// Reads and validates the section (the id against the registry, kwargs against the
    /// environment's declared parameters).
    public static func read(_ node: RecipeNode, registry: EnvironmentRegistry = .shared) throws(RecipeError) -> EnvironmentRecipe {
        let m = try node.mapping()
        let idNode = try m.required("id")
        let id = try idNode.string()
        let spec: EnvSpec
        do {
            spec = try registry.spec(id)
        } catch {
            throw idNode.error("\(error)")
        }
        var kwargs: Kwargs = [:]
        if let k = m.optional("kwargs") {
            let km = try k.mapping()
            for key in km.keys {
                guard let value = km.optional(key) else { continue }
                kwargs[key] = try Self.parameterValue(value)
            }
            do {
                _ = try spec.resolve(kwargs)
            } catch {
                throw k.error("\(error)")
            }
        }
        let copies = try m.int("copies", default: 1, in: 1...65_536)
        let vectorization = try m.choice("vectorization", ["sync", "threads"], default: "sync")
        let threads = try m.int("threads", default: 2, in: 1...256)
        let autoresetName = try m.choice("autoreset", ["nextStep", "sameStep"], default: "nextStep")
        var maxSteps: Int?
        if let s = m.optional("max_episode_steps") {
            let v = try s.int()
            guard v > 0 else { throw s.error("max_episode_steps must be positive, got \(v)") }
            maxSteps = v
        }
        var wrappers: [Wrapper] = []
        for item in try m.optional("wrappers")?.list() ?? [] {
            let wrapper = try readWrapper(item, spec: spec)
            if case let .observation(kind) = wrapper, let last = wrappers.last, last.observationKind == nil {
                throw item.error("\(kind.name) wraps each copy before the vector wrappers: list it before them")
            }
            wrappers.append(wrapper)
        }
        var randomization: [String: ParameterDistribution] = [:]
        if let r = m.optional("randomize") {
            let rm = try r.mapping()
            let parameterNames = spec.parameters.map(\.name)
            for key in rm.keys {
                guard let value = rm.optional(key) else { continue }
                guard parameterNames.contains(key) else {
                    throw value.error("'\(id)' has no parameter '\(key)'\(Suggestions.hint(for: key, in: parameterNames))")
                }
                randomization[key] = try readDistribution(value)
            }
        }
        let redrawEvery = try m.int("redraw_every", default: 0, in: 0...Int.max)
        try m.finish()
        return EnvironmentRecipe(
            id: id, kwargs: kwargs, copies: copies,
            execution: vectorization == "threads" ? .threads(threads) : .sync,
            autoreset: autoresetName == "sameStep" ? .sameStep : .nextStep,
            maxEpisodeSteps: maxSteps, wrappers: wrappers, randomization: randomization, redrawEvery: redrawEvery)
    }

    /// A YAML scalar as an environment parameter: booleans, integers, numbers; quoted or
    /// other text as a string.
    static func parameterValue(_ node: RecipeNode) throws(RecipeError) -> ParameterValue {
        let text = try node.string()
        if case .scalar(let s) = node.node, s.style != .plain { return .string(text) }
        if let b = try? node.bool(), ["true", "false"].contains(text.lowercased()) { return .bool(b) }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text) { return .double(d) }
        return .string(text)
    }

    private static func readWrapper(_ item: RecipeNode, spec: EnvSpec) throws(RecipeError) -> Wrapper {
        let name: String
        var options: RecipeMapping?
        if let text = try? item.string() {
            name = text
        } else {
            let m = try item.mapping()
            guard m.keys.count == 1, let key = m.keys.first else {
                throw item.error("a wrapper is a name or a one-key mapping {name: {options}}")
            }
            name = key
            options = try m.optional(key)?.mapping()
        }
        guard Wrapper.names.contains(name) else {
            throw item.error("unknown wrapper '\(name)'\(Suggestions.hint(for: name, in: Wrapper.names)); wrappers: \(Wrapper.names.joined(separator: ", "))")
        }
        let wrapper: Wrapper
        switch name {
        case "normalize_reward":
            wrapper = .normalizeReward(gamma: try options?.double("gamma", default: 0.99, in: 0...1) ?? 0.99)
        case "rescale_action":
            let low = try options?.double("min", default: -1) ?? -1
            let high = try options?.double("max", default: 1) ?? 1
            guard low < high else { throw item.error("rescale_action needs min < max, got \(low) and \(high)") }
            wrapper = .rescaleAction(min: Float(low), max: Float(high))
        case "clip_action": wrapper = .clipAction
        case "grayscale":
            let weights = try options?.choice("weights", ["gymnasium", "opencv"], default: "gymnasium") ?? "gymnasium"
            wrapper = .observation(.grayscale(weights: weights == "opencv" ? .opencv : .gymnasium,
                                              keepDim: try options?.bool("keep_dim", default: false) ?? false))
        case "resize":
            guard let options else { throw item.error("resize needs {height: H, width: W}") }
            func side(_ key: String) throws(RecipeError) -> Int {
                let node = try options.required(key)
                let v = try node.int()
                guard (1...4096).contains(v) else { throw node.error("\(v) is outside 1…4096") }
                return v
            }
            wrapper = .observation(.resize(height: try side("height"), width: try side("width")))
        case "frame_stack":
            wrapper = .observation(.frameStack(depth: try options?.int("depth", default: 4, in: 1...64) ?? 4))
        case "atari_preprocessing":
            wrapper = .observation(.atariPreprocessing(
                noopMax: try options?.int("noop_max", default: 30, in: 0...10_000) ?? 30,
                frameSkip: try options?.int("frame_skip", default: 4, in: 1...64) ?? 4,
                screenSize: try options?.int("screen_size", default: 84, in: 1...1024) ?? 84,
                terminalOnLifeLoss: try options?.bool("terminal_on_life_loss", default: false) ?? false,
                grayscale: try options?.bool("grayscale_obs", default: true) ?? true))
        case "noop_reset": wrapper = .observation(.noopReset(noopMax: try options?.int("noop_max", default: 30, in: 1...10_000) ?? 30))
        case "max_and_skip": wrapper = .observation(.maxAndSkip(skip: try options?.int("skip", default: 4, in: 1...64) ?? 4))
        case "episodic_life": wrapper = .observation(.episodicLife)
        case "fire_reset": wrapper = .observation(.fireReset)
        case "warp_frame": wrapper = .observation(.warpFrame(size: try options?.int("size", default: 84, in: 1...1024) ?? 84))
        case "clip_reward": wrapper = .observation(.clipReward)
        default: wrapper = .normalizeObservation
        }
        try options?.finish()
        return wrapper
    }

    private static func readDistribution(_ node: RecipeNode) throws(RecipeError) -> ParameterDistribution {
        let m = try node.mapping()
        guard m.keys.count == 1, let kind = m.keys.first, let value = m.optional(kind) else {
            throw node.error("a distribution is one of {normal: {mean, std, clip}}, {uniform: [low, high]}, {choice: [values]}")
        }
        let distribution: ParameterDistribution
        switch kind {
        case "normal":
            let p = try value.mapping()
            let mean = try p.double("mean", default: 0), std = try p.double("std", default: 1, in: 0...Double.infinity)
            var clip: ClosedRange<Double>?
            if let c = p.optional("clip") {
                let bounds = try c.list().map { n throws(RecipeError) in try n.double() }
                guard bounds.count == 2, bounds[0] <= bounds[1] else { throw c.error("clip is [low, high] with low ≤ high") }
                clip = bounds[0]...bounds[1]
            }
            try p.finish()
            distribution = .normal(mean: mean, std: std, clip: clip)
        case "uniform":
            let bounds = try value.list().map { n throws(RecipeError) in try n.double() }
            guard bounds.count == 2, bounds[0] <= bounds[1] else { throw value.error("uniform is [low, high] with low ≤ high") }
            distribution = .uniform(low: bounds[0], high: bounds[1])
        case "choice":
            let values = try value.list().map { n throws(RecipeError) in try parameterValue(n) }
            guard !values.isEmpty else { throw value.error("choice needs at least one value") }
            distribution = .choice(values)
        default:
            throw node.error("unknown distribution '\(kind)'\(Suggestions.hint(for: kind, in: ["normal", "uniform", "choice"])); use normal, uniform or choice")
        }
        return distribution
    }

    /// Builds the vector environment with its wrappers and episode statistics, seeding
    /// domain randomisation from `seed`.
    public func build(seed: Int, autoreset override: AutoresetMode? = nil,
                      registry: EnvironmentRegistry = .shared) throws(EnvError) -> BuiltEnvironment {
        let autoreset = override ?? self.autoreset
        let base: VectorEnv
        if randomization.isEmpty {
            base = try VectorEnv(id: id, numEnvs: copies, kwargs: kwargs, maxEpisodeSteps: maxEpisodeSteps,
                                 observationWrappers: observationWrappers,
                                 autoreset: autoreset, execution: execution, registry: registry)
        } else {
            base = try VectorEnv(id: id, numEnvs: copies, kwargs: kwargs,
                                 randomization: DomainRandomization(randomization, seed: seed),
                                 maxEpisodeSteps: maxEpisodeSteps, observationWrappers: observationWrappers,
                                 autoreset: autoreset, execution: execution, registry: registry)
        }
        var env: any VectorEnvironment = base
        // Episode statistics see the environment's own rewards, before any normalisation.
        let statistics = try VectorRecordEpisodeStatistics(
            env, countsGames: observationWrappers.kinds.contains(where: \.changesGameEpisodes))
        env = statistics
        for wrapper in wrappers {
            switch wrapper {
            case .normalizeObservation: env = try VectorNormalizeObservation(env)
            case .normalizeReward(let gamma): env = try VectorNormalizeReward(env, gamma: gamma)
            case .clipAction: env = try VectorClipAction(env)
            case .rescaleAction(let low, let high): env = try VectorRescaleAction(env, minAction: low, maxAction: high)
            case .observation: break  // inside each copy
            }
        }
        return BuiltEnvironment(outer: env, statistics: statistics, base: base)
    }
}

extension EnvironmentRecipe {
    /// The observation wrappers, applied to each copy.
    public var observationWrappers: ObservationWrappers { ObservationWrappers(wrappers.compactMap(\.observationKind)) }

    /// One copy as an agent is evaluated or filmed on: the recipe's kwargs (`kwargs`
    /// replacing or adding some), time limit and observation wrappers.
    public func makeSingle(kwargs extra: Kwargs = [:], registry: EnvironmentRegistry = .shared) throws(EnvError) -> any Environment {
        try observationWrappers.apply(to: registry.make(id, kwargs.merging(extra) { $1 }, maxEpisodeSteps: maxEpisodeSteps))
    }
}

extension EnvironmentRecipe.Wrapper {
    /// The observation wrapper this is, nil for a vector wrapper.
    var observationKind: ObservationWrapperKind? {
        if case let .observation(kind) = self { return kind }
        return nil
    }
}

/// A recipe's environment as built: the outermost wrapper to step, the episode
/// statistics (recorded before reward normalisation, so returns are the environment's
/// own) and the base vector environment (for domain-randomisation redraws).
public struct BuiltEnvironment {
    public let outer: any VectorEnvironment
    public let statistics: VectorRecordEpisodeStatistics
    public let base: VectorEnv

    /// Switches to the autoreset `mode` a collector needs (nil: keep the recipe's) before
    /// anything has been reset; a wrapper that cannot work in that mode is an error.
    public func requireAutoreset(_ mode: AutoresetMode?) throws(EnvError) {
        guard let mode, mode != base.autoresetMode else { return }
        var layer: any VectorEnvironment = outer
        while let wrapper = layer as? VectorWrapper {
            try wrapper.check(autoreset: mode)
            layer = wrapper.env
        }
        try base.setAutoresetMode(mode)
    }
}
