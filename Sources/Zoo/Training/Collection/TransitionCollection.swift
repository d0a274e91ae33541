import DSL

/// Transitions into a replay buffer (DQN, SAC, TD3): every update first takes
/// `stepsPerUpdate` vector steps (Stable-Baselines3's `train_freq` in steps) and stores
/// each transition in `buffer`; the plugin then samples from its buffer in `update`.
/// For the first `warmupSteps` environment steps actions are drawn uniformly from the
/// action space instead of asking the plugin (Stable-Baselines3's `learning_starts`
/// warm-up). An `ExploringAlgorithm` is asked to `explore` with the step count.
public struct TransitionCollection: CollectionPlan {
    /// The plugin's buffer, filled by the collector.
    public let buffer: ReplayBuffer
    public let stepsPerUpdate: Int
    public let warmupSteps: Int
    /// Metrics rows every this many environment steps unless the recipe says otherwise.
    public let logEvery: Int

    public init(buffer: ReplayBuffer, stepsPerUpdate: Int, warmupSteps: Int, logEvery: Int = 1000) {
        self.buffer = buffer
        self.stepsPerUpdate = stepsPerUpdate
        self.warmupSteps = warmupSteps
        self.logEvery = logEvery
    }

    public var defaultLogEvery: Int? { logEvery }

    public func plannedMemory(_ context: AlgorithmContext, maxEpisodeSteps: Int?, unitsPerRow: Int) -> (bytes: Double, what: String) {
        let bytes = ReplayBuffer.bytes(capacity: buffer.capacity, observationWidth: buffer.observationWidth,
                                       actionWidth: buffer.actionWidth, observationType: buffer.observationType)
        return (bytes, "a replay buffer of \(buffer.capacity) transitions")
    }

    public func makeCollector(_ built: BuiltEnvironment, seed: Int) throws(EnvError) -> any ExperienceCollector {
        TransitionCollector(built, plan: self)
    }
}

/// Steps the environment for an off-policy plugin and stores every real transition in
/// the plugin's replay buffer; reset transitions (next-step autoreset) are skipped.
final class TransitionCollector: ExperienceCollector {
    let steps: StepCollector
    let plan: TransitionCollection
    let space: ActionSpace

    init(_ built: BuiltEnvironment, plan: TransitionCollection) {
        steps = StepCollector(built, steps: plan.stepsPerUpdate, recordsNextObservations: true)
        self.plan = plan
        space = built.outer.singleActionSpace
    }

    var envSteps: Int { steps.envSteps }

    func start(seed: Int?) throws(EnvError) { try steps.start(seed: seed) }

    func drainEpisodes() -> [FinishedEpisode] { steps.drainEpisodes() }

    func collect(for algorithm: any Algorithm, random: inout SeededRandom) throws(EnvError) -> Experience {
        let buffer = plan.buffer, warmup = plan.warmupSteps, space = space
        let experience = try steps.collect(steps: plan.stepsPerUpdate, random: &random) { observations, random in
            defer { buffer.environmentSteps += observations.shape[0] }
            if buffer.environmentSteps < warmup {
                return Decision(actions: Self.uniformActions(space, rows: observations.shape[0], random: &random))
            }
            if let exploring = algorithm as? any ExploringAlgorithm {
                return withoutGradient { exploring.explore(observations, environmentSteps: buffer.environmentSteps, random: &random) }
            }
            return withoutGradient { algorithm.act(observations, mode: .sample, random: &random) }
        } critic: { _ in nil }
        guard let next = experience.nextObservations?.scalars else { return experience }
        let n = experience.copies, w = buffer.observationWidth, aw = buffer.actionWidth
        let observations = experience.observations.scalars, actions = experience.actions.scalars
        let signals = experience.signals
        for k in 0..<(experience.steps * n) where signals.valid[k] != 0 {
            buffer.append(observation: observations[(k * w)..<((k + 1) * w)], action: actions[(k * aw)..<((k + 1) * aw)],
                          reward: signals.rewards[k], nextObservation: next[(k * w)..<((k + 1) * w)],
                          terminated: signals.terminated[k] != 0)
        }
        return experience
    }

    /// Actions drawn from `space` as Gymnasium's `space.sample()` draws them (uniform
    /// for bounded boxes and discrete spaces), one row per copy.
    static func uniformActions(_ space: ActionSpace, rows: Int, random: inout SeededRandom) -> Tensor {
        var values: [Float] = []
        values.reserveCapacity(rows * space.actionWidth)
        for _ in 0..<rows {
            switch space.sample(using: &random) {
            case .discrete(let a): values.append(Float(a))
            case .continuous(let a): values += a
            case .multiDiscrete(let a): values += a.map(Float.init)
            }
        }
        return Tensor(shape: space.isInteger && space.actionWidth == 1 ? [rows] : [rows, space.actionWidth], scalars: values)
    }

    func saveState() -> SavedState? { steps.saveState() }

    func restoreState(_ state: SavedState) throws(SavedStateError) { try steps.restoreState(state) }
}
