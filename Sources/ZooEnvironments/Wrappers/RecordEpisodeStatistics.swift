import DSL

/// Gymnasium's single-environment `RecordEpisodeStatistics`: accumulates each episode's
/// return, length and duration and reports them when it ends.
///
/// Where Gymnasium puts `{r, l, t}` in `info["episode"]`, Zoo gives a typed field:
/// `lastEpisode` is set on the step that ends an episode and cleared on every other step.
/// The queues keep the last `bufferLength` episodes.
public struct RecordEpisodeStatistics<Base: Environment>: EnvironmentWrapper {
    public var base: Base
    public private(set) var episodeCount = 0
    public internal(set) var returnQueue: BoundedQueue<Double>
    public internal(set) var lengthQueue: BoundedQueue<Int>
    public internal(set) var timeQueue: BoundedQueue<Double>
    /// The episode that ended on the latest step, `nil` if it did not end one.
    public private(set) var lastEpisode: EpisodeStatistics?
    var episodeReturn = 0.0
    var episodeLength = 0
    var episodeStart = 0.0

    public init(_ base: Base, bufferLength: Int = 100) throws(EnvError) {
        guard bufferLength > 0 else {
            throw .invalidArgument("RecordEpisodeStatistics buffer_length must be positive, got \(bufferLength)")
        }
        self.base = base
        returnQueue = BoundedQueue(capacity: bufferLength)
        lengthQueue = BoundedQueue(capacity: bufferLength)
        timeQueue = BoundedQueue(capacity: bufferLength)
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> Info? {
        let info = try base.reset(seed: seed, options: options, into: observation)
        episodeReturn = 0
        episodeLength = 0
        episodeStart = Clock.now()
        lastEpisode = nil
        return info
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        let outcome = try base.step(action, into: observation)
        episodeReturn += outcome.reward
        episodeLength += 1
        lastEpisode = nil
        if outcome.terminated || outcome.truncated {
            let stats = EpisodeStatistics(
                reward: episodeReturn, length: episodeLength,
                time: Clock.roundedSeconds(Clock.now() - episodeStart))
            lastEpisode = stats
            episodeCount += 1
            returnQueue.append(stats.reward)
            lengthQueue.append(stats.length)
            timeQueue.append(stats.time)
            episodeStart = Clock.now()
        }
        return outcome
    }
}
