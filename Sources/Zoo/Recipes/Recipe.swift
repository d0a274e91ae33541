import Foundation

/// A training recipe, decoded and validated: the environment, the algorithm section
/// (decoded by the plugin it names), the training budget and stopping rule, and where
/// outputs go.
///
///     name: ppo-lunar            # default: the file name without extension
///     env: {id: LunarLander-v3, copies: 16}
///     algorithm: {name: ppo, gamma: 0.999}
///     train: {steps: 1_000_000, seed: 0, target_return: 200, window: 100}
///     output: {dir: runs/ppo-lunar/0, checkpoint_every: 50}
public struct Recipe {
    public var name: String
    public var env: EnvironmentRecipe
    /// The algorithm's registered type and its section (the plugin reads the rest).
    public var algorithmType: any Algorithm.Type
    public var algorithmSection: RecipeNode
    public var train: TrainSettings
    public var output: OutputSettings
    /// The recipe text as resolved (overrides applied), written into every run.
    public let text: String
    /// The memory the run may plan to use (not part of the recipe: a machine's setting,
    /// `--memory-limit`).
    public var limits = ResourceLimits.standard

    /// Reads the recipe at `path` with `--set` overrides.
    public static func load(path: String, overrides: [String] = [], algorithms: AlgorithmRegistry = .shared,
                            environments: EnvironmentRegistry = .shared) throws(RecipeError) -> Recipe {
        let document = try RecipeDocument(contentsOf: path, overrides: overrides)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try Recipe(document: document, defaultName: stem, algorithms: algorithms, environments: environments)
    }

    public init(document: RecipeDocument, defaultName: String, algorithms: AlgorithmRegistry = .shared,
                environments: EnvironmentRegistry = .shared) throws(RecipeError) {
        let root = try document.root.mapping()
        name = try Self.readName(root, default: defaultName)
        env = try EnvironmentRecipe.read(try root.required("env"), registry: environments)
        let section = try root.required("algorithm")
        let algorithmName = try section.mapping().required("name")
        algorithmType = try algorithms.type(named: try algorithmName.string(), at: algorithmName)
        algorithmSection = section
        train = try TrainSettings.read(root.optional("train"))
        output = try OutputSettings.read(root.optional("output"), recipeName: name, seed: train.seed)
        try root.finish()
        text = document.text
    }

    /// The recipe's name, which names its run directory (`runs/<name>/<seed>`): one
    /// path component of at most 100 printable characters, so no run is written outside
    /// `runs/` or into a hidden directory.
    static func readName(_ root: RecipeMapping, default defaultName: String) throws(RecipeError) -> String {
        guard let node = root.optional("name") else { return defaultName }
        let name = try node.string()
        let problem: String? = switch true {
        case name.isEmpty: "must not be empty"
        case name.count > 100: "must be at most 100 characters, got \(name.count)"
        case name.contains("/") || name.contains("\\"): "must not contain / or \\ (it names one directory under runs/)"
        case name.hasPrefix("."): "must not start with a dot"
        case name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }): "must not contain control characters"
        default: nil
        }
        if let problem { throw node.error("name \(OneLine.quoted(name)) \(problem)") }
        return name
    }

    /// The plugin built for the environment `built`: decodes and validates every
    /// hyperparameter (unknown keys are rejected here) and checks that the experience it
    /// will collect fits the memory limit.
    public func makeAlgorithm(for built: BuiltEnvironment) throws(RecipeError) -> any Algorithm {
        let settings = try algorithmSection.mapping()
        _ = settings.optional("name")
        let space = built.outer.singleObservationSpace
        let context = AlgorithmContext(observationWidth: space.count,
                                       actionSpace: built.outer.singleActionSpace, copies: built.outer.numEnvs,
                                       totalSteps: train.scheduleHorizon, seed: train.seed, limits: limits,
                                       observationShape: space.shape, observationType: space.dtype)
        let algorithm = try algorithmType.init(settings: settings, context: context)
        try settings.finish()
        try checkExperienceMemory(algorithm, context: context)
        return algorithm
    }

    /// Refuses a plan whose experience would not fit the memory limit, as the plan
    /// estimates it (`CollectionPlan.plannedMemory`: a rollout's rows, a replay buffer).
    private func checkExperienceMemory(_ algorithm: any Algorithm, context: AlgorithmContext) throws(RecipeError) {
        let units = algorithm.modules.reduce(0) { total, entry in
            total + entry.module.parameters.filter { $0.shape.count == 1 }.reduce(0) { $0 + $1.value.count }
        }
        let longest = env.maxEpisodeSteps ?? (try? EnvironmentRegistry.shared.spec(env.id).maxEpisodeSteps) ?? nil
        let (bytes, what) = algorithm.collection.plannedMemory(context, maxEpisodeSteps: longest, unitsPerRow: units)
        try limits.check(bytes, for: what, at: algorithmSection)
    }
}

/// The recipe's `train` section.
public struct TrainSettings: Sendable, Equatable {
    /// Budget in environment steps (all copies together).
    public var steps: Int
    /// `train.schedule_steps`: the environment steps that schedules span (a linear
    /// learning rate, DQN's ε), when they differ from `steps`. A run that stops at a
    /// smaller `steps` and is resumed with a larger one then trains exactly as one run
    /// with the larger budget would (a sweep's successive-halving rungs do this).
    public var scheduleSteps: Int?
    /// Optional cap on the number of updates.
    public var updates: Int?
    /// Stop once the mean return of the last `window` training episodes reaches this.
    public var targetReturn: Double?
    public var window: Int
    public var seed: Int
    /// Evaluation during training (`train.eval`), nil: off.
    public var evaluation: EvaluationSettings?
    /// Threads the large numeric kernels (GEMMs, convolutions) may use
    /// (`KernelThreads.count`); results are bitwise the same for any count. nil: the
    /// process's setting (1 unless changed).
    public var kernelThreads: Int?

    /// The environment steps schedules span: `schedule_steps`, else the budget.
    public var scheduleHorizon: Int { scheduleSteps ?? steps }

    static func read(_ node: RecipeNode?) throws(RecipeError) -> TrainSettings {
        guard let node else {
            return TrainSettings(steps: 1_000_000, updates: nil, targetReturn: nil, window: 100, seed: 0)
        }
        let m = try node.mapping()
        var s = TrainSettings(
            steps: try m.int("steps", default: 1_000_000, in: 1...Int.max), updates: nil, targetReturn: nil,
            window: try m.int("window", default: 100, in: 1...100_000),
            seed: try m.int("seed", default: 0, in: 0...Int(Int32.max)))
        if let u = m.optional("updates") {
            let v = try u.int()
            guard v > 0 else { throw u.error("updates must be positive, got \(v)") }
            s.updates = v
        }
        s.targetReturn = try m.optional("target_return")?.double()
        if let node = m.optional("schedule_steps") {
            let v = try node.int()
            guard v >= s.steps else {
                throw node.error("schedule_steps (\(v)) must be at least train.steps (\(s.steps)): schedules cannot end before training does")
            }
            s.scheduleSteps = v
        }
        s.kernelThreads = try m.optional("kernel_threads").map { _ throws(RecipeError) in
            try m.int("kernel_threads", default: 1, in: 1...64)
        }
        s.evaluation = try m.optional("eval").map { node throws(RecipeError) in try EvaluationSettings.read(node, seed: s.seed) }
        try m.finish()
        return s
    }
}

/// The recipe's `output` section.
public struct OutputSettings: Sendable, Equatable {
    /// Run directory; default `runs/<recipe name>/<seed>`.
    public var directory: String
    /// Save a numbered checkpoint every this many updates (0: only `last` and `best`).
    public var checkpointEvery: Int
    /// Write a metrics row every this many environment steps (averaging the updates in
    /// between); nil: the plugin's collection decides (one row per update for rollouts,
    /// every 1,000 steps for replay).
    public var logEvery: Int?
    public var tensorboard: Bool
    public var plot: Bool

    static func read(_ node: RecipeNode?, recipeName: String, seed: Int) throws(RecipeError) -> OutputSettings {
        let defaultDirectory = "runs/\(recipeName)/\(seed)"
        guard let node else {
            return OutputSettings(directory: defaultDirectory, checkpointEvery: 0, logEvery: nil, tensorboard: true, plot: true)
        }
        let m = try node.mapping()
        let s = OutputSettings(
            directory: try m.string("dir", default: defaultDirectory),
            checkpointEvery: try m.int("checkpoint_every", default: 0, in: 0...Int.max),
            logEvery: try m.optional("log_every").map { node throws(RecipeError) in
                let v = try node.int()
                guard v > 0 else { throw node.error("log_every must be a positive number of environment steps, got \(v)") }
                return v
            },
            tensorboard: try m.bool("tensorboard", default: true),
            plot: try m.bool("plot", default: true))
        try m.finish()
        return s
    }
}

extension Recipe {
    /// Loads `path` and checks everything a run would check before training, by building
    /// what training builds (`TrainingSetup`): the environment with its wrappers, the
    /// algorithm with its hyperparameters, and its collector.
    public static func validate(path: String, overrides: [String] = [], limits: ResourceLimits = .standard) throws(ZooError) -> Recipe {
        var recipe: Recipe
        do {
            recipe = try load(path: path, overrides: overrides)
        } catch {
            throw .recipe(error)
        }
        recipe.limits = limits
        do {
            _ = try TrainingSetup(recipe: recipe)
        } catch .environment(let error) {
            throw .recipe(RecipeError(file: path, keyPath: "env", line: nil, column: nil, message: "\(error)"))
        }
        return recipe
    }
}
