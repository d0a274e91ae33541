/// What every replay-based plugin reads and schedules the same way (Stable-Baselines3's
/// `OffPolicyAlgorithm`): the buffer's capacity, the random warm-up, the minibatch size,
/// τ, γ, how often it updates and how many gradient steps an update takes. Each plugin
/// gives its own defaults (DQN's are not SAC's); the declarations are built from them, so
/// a plugin still documents and reads each key through one `Hyperparameter`.
public struct ReplaySettings: Sendable {
    /// A plugin's defaults for the shared keys.
    public struct Defaults: Sendable {
        public var bufferSize = 1_000_000, learningStarts = 100, batchSize = 256
        public var tau = 0.005, gamma = 0.99
        public var trainFrequency = 1, gradientSteps = 1

        public init(bufferSize: Int = 1_000_000, learningStarts: Int = 100, batchSize: Int = 256, tau: Double = 0.005,
                    gamma: Double = 0.99, trainFrequency: Int = 1, gradientSteps: Int = 1) {
            self.bufferSize = bufferSize
            self.learningStarts = learningStarts
            self.batchSize = batchSize
            self.tau = tau
            self.gamma = gamma
            self.trainFrequency = trainFrequency
            self.gradientSteps = gradientSteps
        }
    }

    public let bufferSize: Int, learningStarts: Int, batchSize: Int
    public let tau: Float, gamma: Float
    public let trainFrequency: Int, gradientSteps: Int

    /// The shared keys' declarations for `d`, in `zoo list` order.
    struct Declarations {
        let bufferSize, learningStarts, batchSize: Hyperparameter<Int>
        let tau, gamma: Hyperparameter<Double>
        let trainFrequency, gradientSteps: Hyperparameter<Int>

        init(_ d: Defaults) {
            bufferSize = .int("buffer_size", d.bufferSize, in: 1...1_000_000_000, "replay buffer capacity in transitions")
            learningStarts = .int("learning_starts", d.learningStarts, in: 0...Int.max,
                                  "environment steps of uniform random actions before learning")
            batchSize = .int("batch_size", d.batchSize, in: 1...1_000_000, "minibatch size")
            tau = .double("tau", d.tau, in: 0...1, "target-network Polyak coefficient (1: hard copy)")
            gamma = .double("gamma", d.gamma, in: 0...1, "discount")
            trainFrequency = .int("train_freq", d.trainFrequency, in: 1...1_000_000, "vector steps between updates")
            gradientSteps = .int("gradient_steps", d.gradientSteps, in: -1...1_000_000,
                                 "gradient steps per update (-1: as many as environment steps collected)")
        }

        var infos: [HyperparameterInfo] {
            [bufferSize.info, learningStarts.info, batchSize.info, tau.info, gamma.info, trainFrequency.info, gradientSteps.info]
        }
    }

    /// `zoo list`'s lines for the shared keys with defaults `d`.
    public static func hyperparameters(_ d: Defaults) -> [HyperparameterInfo] { Declarations(d).infos }

    /// Reads the shared keys from the plugin's section.
    public init(_ m: RecipeMapping, defaults d: Defaults) throws(RecipeError) {
        let keys = Declarations(d)
        bufferSize = try m.read(keys.bufferSize)
        learningStarts = try m.read(keys.learningStarts)
        batchSize = try m.read(keys.batchSize)
        tau = Float(try m.read(keys.tau))
        gamma = Float(try m.read(keys.gamma))
        trainFrequency = try m.read(keys.trainFrequency)
        gradientSteps = try m.read(keys.gradientSteps)
    }

    /// The collection that fills `buffer`: `train_freq` vector steps per update, uniform
    /// random actions for the first `learning_starts` steps.
    public func collection(_ buffer: ReplayBuffer) -> TransitionCollection {
        TransitionCollection(buffer: buffer, stepsPerUpdate: trainFrequency, warmupSteps: learningStarts)
    }

    /// The gradient steps of the update after `experience`: none until more than
    /// `learning_starts` environment steps have been taken (and the buffer holds a row),
    /// then `gradient_steps` (-1: one per environment step collected).
    public func gradientSteps(after experience: Experience, replay: ReplayBuffer) -> Int {
        guard replay.environmentSteps > learningStarts, replay.count > 0 else { return 0 }
        return gradientSteps >= 0 ? gradientSteps : experience.steps * experience.copies
    }
}
