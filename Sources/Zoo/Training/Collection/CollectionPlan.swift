import DSL

/// How a plugin wants its experience gathered, declared by the plugin and turned into a
/// collector by the trainer. It is a protocol, not a closed list: Zoo ships rollouts
/// (`RolloutCollection`, A2C / PPO / REINFORCE), grouped episodes (`GroupCollection`,
/// GRPO) and transitions into a replay buffer (`TransitionCollection`, DQN / SAC / TD3);
/// a plugin with other needs brings its own plan and collector.
///
/// The plan says what it needs from the environment (its autoreset mode) before the
/// environment takes its first step, so `zoo validate` and `zoo train` build the same
/// environment once and every recipe that validates trains.
public protocol CollectionPlan {
    /// The autoreset mode the collector needs; nil: the recipe's `env.autoreset`.
    var autoreset: AutoresetMode? { get }
    /// Environment steps between metrics rows when the recipe sets no `output.log_every`;
    /// nil: one row per update.
    var defaultLogEvery: Int? { get }
    /// The memory one update's experience needs at most (bytes) and what it is, checked
    /// against the run's limit before training starts.
    func plannedMemory(_ context: AlgorithmContext, maxEpisodeSteps: Int?, unitsPerRow: Int) -> (bytes: Double, what: String)
    /// The collector for `built` (already in the plan's autoreset mode); `seed` is the run's.
    func makeCollector(_ built: BuiltEnvironment, seed: Int) throws(EnvError) -> any ExperienceCollector
}

extension ExperienceCollector {
    public var resumeLimitation: String? { nil }
}

extension CollectionPlan {
    public var autoreset: AutoresetMode? { nil }
    public var defaultLogEvery: Int? { nil }
}

/// Steps the environment for a plugin and hands it the experience of one update. The
/// trainer only sees this interface; what makes a family of algorithms different in
/// *how* it gathers data lives behind it, together with the in-flight state that
/// `--resume` saves and restores exactly.
public protocol ExperienceCollector: AnyObject {
    /// Environment steps taken so far (all copies).
    var envSteps: Int { get }
    /// Resets every copy before training, copy i with seed `seed + i`; with nil (after a
    /// domain-randomisation redraw) each copy continues its own random stream.
    func start(seed: Int?) throws(EnvError)
    /// Gathers the experience of one update, choosing actions with `algorithm`.
    func collect(for algorithm: any Algorithm, random: inout SeededRandom) throws(EnvError) -> Experience
    /// The episodes that ended since the last call.
    func drainEpisodes() -> [FinishedEpisode]
    /// The collector's in-flight state at an update boundary, for `--resume`; nil when
    /// it cannot be saved (the checkpoint then says it is not resumable, and why:
    /// `resumeLimitation`).
    func saveState() -> SavedState?
    /// Why `saveState()` gives nil.
    var resumeLimitation: String? { get }
    /// Brings a freshly built collector to `state` (the environment copies are restored
    /// separately, before this).
    func restoreState(_ state: SavedState) throws(SavedStateError)
}
