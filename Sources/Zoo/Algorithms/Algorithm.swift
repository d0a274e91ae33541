import DSL

/// A reinforcement-learning algorithm as a plugin: one type, usually one file under
/// `Sources/Plugins/`, that holds only what makes the algorithm itself — its networks,
/// how it acts and how it updates. Zoo owns everything shared: building environments,
/// collecting experience, advantage estimators, the training loop, logging,
/// checkpointing and evaluation.
///
/// A plugin decodes its hyperparameters from the recipe's `algorithm` section with
/// `RecipeMapping` (so mistakes are reported with key path and line), declares how it
/// wants experience collected (`CollectionPlan`), exports whatever else it must keep
/// across a resume (`exportState`), and registers under its recipe name:
///
///     AlgorithmRegistry.shared.register(MyAlgorithm.self)
public protocol Algorithm: AnyObject, SendableMetatype {
    /// The name recipes use (`algorithm: {name: a2c}`).
    static var name: String { get }
    /// One line for `zoo list`.
    static var summary: String { get }
    /// The hyperparameters and their defaults, for `zoo list` and the README.
    static var hyperparameters: [HyperparameterInfo] { get }

    /// Builds the algorithm from the recipe's `algorithm` section (its `name` key already
    /// read) for the environment described by `context`.
    init(settings: RecipeMapping, context: AlgorithmContext) throws(RecipeError)

    /// How the trainer gathers experience for one update: a rollout, grouped episodes,
    /// transitions into a replay buffer, or a plan of the plugin's own.
    var collection: any CollectionPlan { get }

    /// Actions for a batch of observations [copies, width]. Called with gradient
    /// recording off; `mode` says whether to sample or act greedily.
    func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision

    /// The critic's estimate V(o) for observations [n, width] as [n], used to bootstrap
    /// truncated episodes and the end of a rollout; nil when the algorithm has no critic.
    func values(_ observations: Tensor) -> Tensor?

    /// One update from collected experience; returns the numbers to log.
    func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport

    /// Networks to checkpoint, by name.
    var modules: [(name: String, module: any Module)] { get }
    /// Optimisers to checkpoint, by name.
    var optimizers: [(name: String, optimizer: any Optimizer)] { get }

    /// What the plugin holds beyond its modules and optimisers — a replay buffer,
    /// counters, an entropy temperature — saved with every resumable checkpoint.
    /// Default: nothing.
    func exportState() -> SavedState
    /// Restores what `exportState` saved, when a run resumes.
    func importState(_ state: SavedState) throws(SavedStateError)
}

extension Algorithm {
    public func exportState() -> SavedState { SavedState() }
    public func importState(_ state: SavedState) throws(SavedStateError) {}
}

/// An algorithm whose exploration while collecting depends on how far training has got
/// (DQN's ε schedule). Collectors that know the step count (`TransitionCollection`) call
/// `explore` instead of `act(_:mode: .sample)`, so the schedule is driven by the run and
/// not by a counter hidden in the plugin; `act(.sample)` is then how a trained agent
/// explores (DQN: ε at its final value).
public protocol ExploringAlgorithm: Algorithm {
    /// Actions for observations [copies, width] after `environmentSteps` steps of training.
    func explore(_ observations: Tensor, environmentSteps: Int, random: inout SeededRandom) -> Decision
}

/// What a plugin needs to know about the environment and the run to build itself.
public struct AlgorithmContext: Sendable {
    /// Values per observation (the network's input width).
    public let observationWidth: Int
    /// The observation's shape (`[width]` for vectors; e.g. `[4, 84, 84]` for stacked frames).
    public let observationShape: [Int]
    /// How observations are stored (uint8 images are widened at the network's input).
    public let observationType: ScalarType
    /// The single-copy action space.
    public let actionSpace: ActionSpace
    /// Number of environment copies.
    public let copies: Int
    /// The environment steps schedules span (learning rates, exploration):
    /// `train.schedule_steps`, else the training budget.
    public let totalSteps: Int
    /// The run's seed; derive network-initialisation streams from it.
    public let seed: Int
    /// How much memory the run may plan to use (`NetworkSettings.read` checks networks
    /// against it before building them).
    public let limits: ResourceLimits

    public init(observationWidth: Int, actionSpace: ActionSpace, copies: Int, totalSteps: Int, seed: Int,
                limits: ResourceLimits = .standard, observationShape: [Int]? = nil, observationType: ScalarType = .float32) {
        self.observationWidth = observationWidth
        self.observationShape = observationShape ?? [observationWidth]
        self.observationType = observationType
        self.actionSpace = actionSpace
        self.copies = copies
        self.totalSteps = totalSteps
        self.seed = seed
        self.limits = limits
    }

    /// The stream for initialising the network called `name`.
    public func initializationRandom(_ name: String) -> SeededRandom {
        SeededRandom(seed: seed).derived("init").derived(name)
    }
}

/// Sample from the policy (training) or take its most likely action (evaluation).
public enum ActingMode: Sendable {
    case sample
    case deterministic
}

/// A plugin's choice for a batch: the actions to send to the environment and what it
/// wants stored alongside them.
public struct Decision {
    /// [copies] action indices (discrete) or [copies, dims] (continuous, unclipped).
    public let actions: Tensor
    /// log π(a|o) of the chosen actions, [copies], when the algorithm needs it later.
    public let logProbabilities: Tensor?
    /// V(o), [copies], when the algorithm has a critic.
    public let values: Tensor?

    public init(actions: Tensor, logProbabilities: Tensor? = nil, values: Tensor? = nil) {
        self.actions = actions
        self.logProbabilities = logProbabilities
        self.values = values
    }
}

/// The numbers an update reports, by name, in a fixed order (`actor_loss`,
/// `critic_loss`, `entropy`, …). Names become metrics.csv columns and TensorBoard tags.
public struct UpdateReport: Sendable, Equatable {
    public var values: [(name: String, value: Double)]

    public init(_ values: [(name: String, value: Double)] = []) { self.values = values }

    public subscript(_ name: String) -> Double? { values.first { $0.name == name }?.value }

    public static func == (a: UpdateReport, b: UpdateReport) -> Bool {
        a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
    }
}

/// One documented hyperparameter.
public struct HyperparameterInfo: Sendable {
    public let name: String
    public let defaultValue: String
    public let help: String

    public init(_ name: String, _ defaultValue: String, _ help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }
}
