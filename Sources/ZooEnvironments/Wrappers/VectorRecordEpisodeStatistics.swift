/// Gymnasium's vector `RecordEpisodeStatistics`: per-copy episode return, length and
/// duration, reported on the step an episode ends.
///
/// Typed instead of `info["episode"]`: after each step, `episode` holds `{r, l, t}` per
/// copy with the presence mask `episode.mask` (Gymnasium's `_episode`). With `nextStep`
/// the reset step after an episode is not counted; with `sameStep` every step counts and
/// the statistics restart on the step that ends an episode; a masked reset restarts only
/// the masked copies. Copies masked out of a step are not counted (Gymnasium has no step
/// mask).
///
/// With `countsGames` (Atari with `episodic_life`, `clip_reward` or an end on lost lives),
/// an episode is a whole game: it ends on the step whose info carries
/// `AtariEnvironment.gameReturnKey`, whose value (the game's own score) is the return, so
/// published Atari returns compare directly; lives lost in between are not episodes.
public final class VectorRecordEpisodeStatistics: VectorWrapper {
    /// The per-copy statistics of the latest step: Gymnasium's `info["episode"]` and
    /// `info["_episode"]`.
    public struct EpisodeBatch: Sendable, Equatable {
        public var reward: [Double]
        public var length: [Int]
        public var time: [Double]
        public var mask: [Bool]
        /// Whether any copy ended an episode on the latest step.
        public var any: Bool { mask.contains(true) }
    }

    public private(set) var episode: EpisodeBatch
    public package(set) var episodeCount = 0
    public package(set) var returnQueue: BoundedQueue<Double>
    public package(set) var lengthQueue: BoundedQueue<Int>
    public package(set) var timeQueue: BoundedQueue<Double>
    // Package (not private) so a resumed run can restore them (`TrainingState`).
    package var returns: [Double]
    package var lengths: [Int]
    package var starts: [Double]
    package var previousDones: [Bool]
    /// Whether an episode is a whole Atari game (see the type's documentation).
    public let countsGames: Bool
    /// Per copy, whether its last recorded episode end was a game's end (`countsGames`).
    package var gameEnded: [Bool]

    public init(_ env: any VectorEnvironment, bufferLength: Int = 100, countsGames: Bool = false) throws(EnvError) {
        guard bufferLength > 0 else {
            throw .invalidArgument("RecordEpisodeStatistics buffer_length must be positive, got \(bufferLength)")
        }
        let n = env.numEnvs
        episode = EpisodeBatch(
            reward: Array(repeating: 0, count: n), length: Array(repeating: 0, count: n),
            time: Array(repeating: 0, count: n), mask: Array(repeating: false, count: n))
        returnQueue = BoundedQueue(capacity: bufferLength)
        lengthQueue = BoundedQueue(capacity: bufferLength)
        timeQueue = BoundedQueue(capacity: bufferLength)
        returns = Array(repeating: 0, count: n)
        lengths = Array(repeating: 0, count: n)
        starts = Array(repeating: Clock.now(), count: n)
        previousDones = Array(repeating: false, count: n)
        self.countsGames = countsGames
        gameEnded = Array(repeating: true, count: n)
        super.init(wrapping: env)
    }

    public override func reset(seeds: [Int?]?, options: ResetOptions, mask: [Bool]?) throws(EnvError) {
        try super.reset(seeds: seeds, options: options, mask: mask)
        let now = Clock.now()
        for i in 0..<numEnvs where mask?[i] ?? true {
            starts[i] = now
            returns[i] = 0
            lengths[i] = 0
            previousDones[i] = false
            gameEnded[i] = true
        }
        clearEpisode()
    }

    public override func step(mask: [Bool]?) throws(EnvError) {
        try super.step(mask: mask)
        let b = buffers
        let sameStep = autoresetMode == .sameStep
        var now = 0.0
        var haveNow = false
        clearEpisode()
        for i in 0..<numEnvs where mask?[i] ?? true {
            let reward = Double(b.rewards[i])
            if sameStep || !previousDones[i] {
                returns[i] += reward
                lengths[i] += 1
            } else if !countsGames || gameEnded[i] {
                if !haveNow { now = Clock.now(); haveNow = true }
                returns[i] = 0
                lengths[i] = 0
                starts[i] = now
            }
            // (Otherwise the reset step after a lost life: not counted, the game goes on.)
            let done = b.terminated[i] || b.truncated[i]
            previousDones[i] = done
            var ended = done
            if countsGames {
                let info = sameStep ? finalInfo(i) : self.info(i)
                if done, case let .double(game)? = info?[AtariEnvironment.gameReturnKey] {
                    returns[i] = game
                    ended = true
                } else {
                    ended = false
                }
                if done { gameEnded[i] = ended }
            }
            if ended {
                if !haveNow { now = Clock.now(); haveNow = true }
                let time = Clock.roundedSeconds(now - starts[i])
                episode.mask[i] = true
                episode.reward[i] = returns[i]
                episode.length[i] = lengths[i]
                episode.time[i] = time
                episodeCount += 1
                returnQueue.append(returns[i])
                lengthQueue.append(lengths[i])
                timeQueue.append(time)
                if sameStep {
                    returns[i] = 0
                    lengths[i] = 0
                    starts[i] = now
                }
            }
        }
    }

    /// One copy's accumulators, the per-copy layer of a `VectorCopySnapshot`.
    struct CopyState: Sendable {
        var episodeReturn: Double
        var length: Int
        var start: Double
        var previousDone: Bool
        var gameEnded: Bool
    }

    public override func snapshot(copy i: Int) throws(EnvError) -> VectorCopySnapshot {
        var snapshot = try super.snapshot(copy: i)
        snapshot.layers.append(CopyState(episodeReturn: returns[i], length: lengths[i], start: starts[i], previousDone: previousDones[i],
                                         gameEnded: gameEnded[i]))
        return snapshot
    }

    /// The restored copies continue the snapshotted copy's episode: its return, length
    /// and start time. The episode batch of the latest step is not changed.
    public override func restore(_ snapshot: VectorCopySnapshot, into copies: [Int]) throws(EnvError) {
        let (state, inner) = try ownLayer(snapshot, as: CopyState.self)
        try super.restore(inner, into: copies)
        for i in copies {
            returns[i] = state.episodeReturn
            lengths[i] = state.length
            starts[i] = state.start
            previousDones[i] = state.previousDone
            gameEnded[i] = state.gameEnded
        }
    }

    private func clearEpisode() {
        for i in 0..<numEnvs where episode.mask[i] {
            episode.mask[i] = false
            episode.reward[i] = 0
            episode.length[i] = 0
            episode.time[i] = 0
        }
    }
}
