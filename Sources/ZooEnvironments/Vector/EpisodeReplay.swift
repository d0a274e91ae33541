import DSL

/// Per copy of a vector environment: where its current episode began (the copy's random
/// stream just before the reset, the reset's seed and options) and every action the copy
/// has been stepped with since, exactly as the copy received it (after any vector action
/// wrapper). Because environments are deterministic functions of their random stream,
/// kwargs and actions, this is enough to rebuild a copy's complete state — a whole
/// LunarLander physics world included — by replaying it into a fresh copy: what makes
/// resuming a run exact without serialising environments.
///
/// Written by `VectorEnv` from its worker threads, each copy only by the thread stepping
/// it (the same discipline as the copies themselves). Steady state allocates nothing: an
/// episode's arrays keep their capacity when the next episode begins.
package final class EpisodeLog: @unchecked Sendable {
    /// One copy's current episode.
    package struct Episode: Sendable {
        /// The copy's stream just before the reset that began the episode.
        package var random: SeededRandom
        /// The reset's seed (`nil` for automatic resets, which continue the stream).
        package var seed: Int?
        package var options: ResetOptions
        /// Box actions, `width` per step (empty for integer action spaces).
        package var floats: [Float]
        /// Discrete and multi-discrete actions, `width` per step.
        package var integers: [Int32]

        package init(random: SeededRandom, seed: Int?, options: ResetOptions, floats: [Float], integers: [Int32]) {
            self.random = random
            self.seed = seed
            self.options = options
            self.floats = floats
            self.integers = integers
        }
    }

    let numEnvs: Int
    let width: Int
    let episodes: UnsafeMutablePointer<Episode>

    init(numEnvs: Int, width: Int, randoms: [SeededRandom]) {
        self.numEnvs = numEnvs
        self.width = width
        episodes = .allocate(capacity: numEnvs)
        episodes.initialize(from: randoms.map { Episode(random: $0, seed: nil, options: .none, floats: [], integers: []) },
                            count: numEnvs)
    }

    deinit {
        episodes.deinitialize(count: numEnvs)
        episodes.deallocate()
    }

    /// Copy `i` is about to be reset from `random` with `seed` and `options`.
    @inline(__always)
    func begin(_ i: Int, random: SeededRandom, seed: Int?, options: ResetOptions) {
        episodes[i].random = random
        episodes[i].seed = seed
        episodes[i].options = options
        episodes[i].floats.removeAll(keepingCapacity: true)
        episodes[i].integers.removeAll(keepingCapacity: true)
    }

    /// Copy `i` is about to be stepped with `action`.
    @inline(__always)
    func append(_ i: Int, _ action: ActionView) {
        switch action {
        case let .discrete(a): episodes[i].integers.append(Int32(truncatingIfNeeded: a))
        case let .continuous(values): episodes[i].floats.append(contentsOf: values)
        case let .multiDiscrete(values): episodes[i].integers.append(contentsOf: values)
        }
    }

    /// Copy `i`'s current episode becomes `episode` (a snapshot restored into the copy).
    func set(_ i: Int, to episode: Episode) {
        episodes[i].random = episode.random
        episodes[i].seed = episode.seed
        episodes[i].options = episode.options
        episodes[i].floats.removeAll(keepingCapacity: true)
        episodes[i].floats.append(contentsOf: episode.floats)
        episodes[i].integers.removeAll(keepingCapacity: true)
        episodes[i].integers.append(contentsOf: episode.integers)
    }

    /// Steps copy `i` has taken in its current episode.
    func steps(_ i: Int) -> Int {
        width == 0 ? 0 : (episodes[i].floats.count + episodes[i].integers.count) / width
    }
}

extension VectorEnv {
    /// Starts recording each copy's current episode (what `capturedEpisodes()` returns
    /// and `replayEpisodes(_:)` rebuilds). The trainer turns it on; recording costs one
    /// small array append per copy and step.
    public func recordEpisodes() {
        guard episodeLog == nil else { return }
        episodeLog = EpisodeLog(numEnvs: numEnvs, width: actions.width, randoms: (0..<numEnvs).map { envs[$0].random })
    }

    /// Each copy's current episode, or `nil` when recording is off.
    package func capturedEpisodes() -> [EpisodeLog.Episode]? {
        guard let log = episodeLog else { return nil }
        return (0..<numEnvs).map { log.episodes[$0] }
    }

    /// The copies' Gymnasium `_autoreset_envs` flags.
    package var pendingResets: [Bool] { (0..<numEnvs).map { pendingReset[$0] } }

    /// Rebuilds every copy's state by replaying `episodes` into it: copy `i`'s random
    /// stream is set to where its episode began, the copy is reset the same way and
    /// stepped with the same actions. `pendingReset` restores which copies are due for
    /// an automatic reset. The copies must be freshly built with the kwargs they had (see
    /// `redrawParameters()`); buffers and vector wrappers are not touched (the caller
    /// restores them), and recording continues from the replayed episodes.
    package func replayEpisodes(_ episodes: [EpisodeLog.Episode], pendingReset flags: [Bool]) throws(EnvError) {
        guard episodes.count == numEnvs, flags.count == numEnvs else {
            throw .invalidArgument("the saved state has \(episodes.count) copies, the environment \(numEnvs)")
        }
        // A full reset of the base environment clears the per-step bookkeeping (final
        // observations and infos, the rebuilt-copies guard); replay then sets each copy.
        try reset(seeds: nil, options: .none, mask: nil)
        for i in 0..<numEnvs {
            let episode = episodes[i]
            var env = envs[i]
            env.random = episode.random
            let info = try env.replay(episode, copy: i, space: singleActionSpace, width: actions.width)
            envs[i] = env
            infos[i] = info
            pendingReset[i] = flags[i]
        }
        if episodeLog == nil { recordEpisodes() }
        if let log = episodeLog {
            for i in 0..<numEnvs { log.episodes[i] = episodes[i] }
        }
    }
}

extension Environment {
    /// Resets as `episode` began and steps it with its actions (copy `i`'s, for messages);
    /// the info of the last call.
    fileprivate mutating func replay(_ episode: EpisodeLog.Episode, copy i: Int, space: ActionSpace, width: Int) throws(EnvError) -> Info? {
        var row = [ObservationScalar](repeating: 0, count: observationSpace.count)
        return try row.withUnsafeMutableBufferPointer { (out) throws(EnvError) -> Info? in
            var info = try reset(seed: episode.seed, options: episode.options, into: out)
            if space.isInteger {
                guard episode.floats.isEmpty, episode.integers.count % max(width, 1) == 0 else {
                    throw .invalidArgument("copy \(i): the saved actions do not fit the action space \(space)")
                }
                let steps = width == 0 ? 0 : episode.integers.count / width
                try episode.integers.withUnsafeBufferPointer { (all) throws(EnvError) in
                    for t in 0..<steps {
                        let view: ActionView = if case .discrete = space {
                            .discrete(Int(all[t]))
                        } else {
                            .multiDiscrete(UnsafeBufferPointer(rebasing: all[t * width ..< (t + 1) * width]))
                        }
                        info = try step(view, into: out).info
                    }
                }
            } else {
                guard episode.integers.isEmpty, episode.floats.count % max(width, 1) == 0 else {
                    throw .invalidArgument("copy \(i): the saved actions do not fit the action space \(space)")
                }
                let steps = width == 0 ? 0 : episode.floats.count / width
                try episode.floats.withUnsafeBufferPointer { (all) throws(EnvError) in
                    for t in 0..<steps {
                        info = try step(.continuous(UnsafeBufferPointer(rebasing: all[t * width ..< (t + 1) * width])), into: out).info
                    }
                }
            }
            return info
        }
    }
}
