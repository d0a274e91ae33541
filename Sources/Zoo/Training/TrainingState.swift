import DSL
import Foundation

/// Everything besides network parameters and optimiser buffers that a run needs to
/// continue exactly from an update boundary, stored in a checkpoint next to them.
///
/// - the trainer: update count, its action and update random streams, the window of
///   recent returns, elapsed time;
/// - the collector's in-flight state (`ExperienceCollector.saveState`, stored as a
///   `SavedState` under `state/collector`) and the plugin's own (`Algorithm.exportState`:
///   a replay buffer, counters; under `state/algorithm`);
/// - the recorder: episodes so far, best mean return and its update;
/// - the environment: each copy's current episode as an `EpisodeLog.Episode` (replayed
///   on resume, see `EpisodeReplay.swift`), the number of domain-randomisation draws,
///   the vector environment's buffers and autoreset flags, and the state of every vector
///   wrapper (episode-statistics accumulators, normalisation statistics).
///
/// Scalars go into the checkpoint's metadata as JSON under `resume`, with every float
/// stored as its bit pattern in hex and every random stream as its five state words, so
/// nothing is rounded; arrays go in as float32 tensors under `resume/`.
struct TrainingState: Codable {
    /// Bumped when the layout changes; a checkpoint of another format is refused.
    static let currentFormat = 2
    static let metadataKey = "resume"
    static let tensorPrefix = "resume/"
    /// Metadata saying why a checkpoint holds no resume state.
    static let unsupportedKey = "resume_unsupported"

    var format = TrainingState.currentFormat
    var recipeName: String
    var updates: Int
    var envSteps: Int
    var elapsed: String
    var actionRandom: [String]
    var updateRandom: [String]
    var recentReturns: [String]
    var episodeCount: Int
    var bestMeanReturn: String?
    var bestUpdate: Int?
    var draws: Int
    var pendingReset: [Bool]
    var copies: [CopyEpisode]
    var statistics: StatisticsState
    /// The vector wrappers outside the episode statistics, outermost first.
    var wrappers: [WrapperState]

    struct CopyEpisode: Codable {
        var random: [String]
        var seed: Int?
        var steps: Int
    }

    struct StatisticsState: Codable {
        var returns: [String]
        var lengths: [Int]
        var previousDones: [Bool]
        /// Whether each copy's last episode end was a whole game's (Atari's `countsGames`).
        var gameEnded: [Bool]?
        /// Seconds each copy's episode had run when the checkpoint was written.
        var episodeSeconds: [String]
        var episodeCount: Int
        var returnQueue: [String]
        var lengthQueue: [Int]
        var timeQueue: [String]
    }

    struct WrapperState: Codable {
        /// `normalize_observation`, `normalize_reward`, `clip_action`, `rescale_action`.
        var kind: String
        var count: String?
        var rewardMean: String?
        var rewardVariance: String?
        var previousDones: [Bool]?
    }

    /// What the recorder contributes.
    struct RecorderProgress {
        var episodeCount: Int
        var bestMeanReturn: Double?
        var bestUpdate: Int?
        var elapsed: Double
    }
}

/// Exact text forms of floats and random streams for the JSON part of the state.
enum ExactText {
    static func hex(_ value: Double) -> String { String(value.bitPattern, radix: 16) }
    static func hex(_ value: Float) -> String { String(value.bitPattern, radix: 16) }
    static func double(_ text: String) -> Double? { UInt64(text, radix: 16).map(Double.init(bitPattern:)) }
    static func float(_ text: String) -> Float? { UInt32(text, radix: 16).map(Float.init(bitPattern:)) }
    static func words(_ random: SeededRandom) -> [String] { random.stateWords.map { String($0, radix: 16) } }
    static func random(_ words: [String]) -> SeededRandom? {
        let values = words.compactMap { UInt64($0, radix: 16) }
        guard values.count == words.count else { return nil }
        return SeededRandom(stateWords: values)
    }
}

extension TrainingState {
    /// Adds the trainer's resume state to checkpoint `contents`; leaves them unchanged
    /// (the checkpoint is then not resumable) when the environment was not recording
    /// episodes or began one with reset options, which training never does, and says why
    /// when the collector cannot save its in-flight state.
    static func add(to contents: inout SafetensorsContents, trainer: Trainer, recorder: RecorderProgress) {
        guard let collectorState = trainer.collector.saveState() else {
            contents.metadata[unsupportedKey] = "runs of \(type(of: trainer.algorithm).name) cannot be resumed yet: "
                + (trainer.collector.resumeLimitation ?? "its collector cannot save its state")
            return
        }
        let built = trainer.environment
        let base = built.base
        guard let episodes = base.capturedEpisodes(), episodes.allSatisfy({ $0.options.values.isEmpty }) else { return }
        var tensors: [String: Tensor] = [:]
        let width = base.actions.width
        var copies: [CopyEpisode] = []
        for (i, episode) in episodes.enumerated() {
            let actions = episode.floats.isEmpty ? episode.integers.map(Float.init) : episode.floats
            let steps = width == 0 ? 0 : actions.count / width
            tensors["\(tensorPrefix)copy/\(i)/actions"] = Tensor(shape: [steps, width], scalars: actions)
            copies.append(CopyEpisode(random: ExactText.words(episode.random), seed: episode.seed, steps: steps))
        }
        let b = base.buffers
        let n = b.numEnvs, w = b.observationWidth
        tensors["\(tensorPrefix)buffers/observations"] = Tensor(shape: [n, w], scalars: (0..<n).flatMap { b.rowValues($0) })
        tensors["\(tensorPrefix)buffers/final_observations"] = Tensor(shape: [n, w], scalars: (0..<n).flatMap { b.rowValues($0, final: true) })
        tensors["\(tensorPrefix)buffers/rewards"] = Tensor(shape: [n], scalars: Array(b.rewards))
        tensors["\(tensorPrefix)buffers/terminated"] = Tensor(shape: [n], scalars: b.terminated.map { $0 ? 1 : 0 })
        tensors["\(tensorPrefix)buffers/truncated"] = Tensor(shape: [n], scalars: b.truncated.map { $0 ? 1 : 0 })
        tensors["\(tensorPrefix)buffers/has_final"] = Tensor(shape: [n], scalars: b.hasFinal.map { $0 ? 1 : 0 })

        var wrappers: [WrapperState] = []
        var layer: any VectorEnvironment = built.outer
        while let wrapper = layer as? VectorWrapper, wrapper !== built.statistics {
            let k = wrappers.count
            switch wrapper {
            case let normalize as VectorNormalizeObservation:
                tensors["\(tensorPrefix)wrapper/\(k)/mean"] = Tensor(shape: [w], scalars: normalize.statistics.mean)
                tensors["\(tensorPrefix)wrapper/\(k)/variance"] = Tensor(shape: [w], scalars: normalize.statistics.variance)
                wrappers.append(WrapperState(kind: "normalize_observation", count: ExactText.hex(normalize.statistics.count)))
            case let normalize as VectorNormalizeReward:
                tensors["\(tensorPrefix)wrapper/\(k)/accumulated"] = Tensor(shape: [n], scalars: normalize.accumulatedReward)
                wrappers.append(WrapperState(
                    kind: "normalize_reward", count: ExactText.hex(normalize.statistics.count),
                    rewardMean: ExactText.hex(normalize.statistics.mean[0]),
                    rewardVariance: ExactText.hex(normalize.statistics.variance[0]), previousDones: normalize.previousDones))
            case is VectorClipAction: wrappers.append(WrapperState(kind: "clip_action"))
            case is VectorRescaleAction: wrappers.append(WrapperState(kind: "rescale_action"))
            default: return  // a wrapper whose state is unknown here: not resumable
            }
            layer = wrapper.env
        }
        let s = built.statistics
        let now = Clock.now()
        let statistics = StatisticsState(
            returns: s.returns.map(ExactText.hex), lengths: s.lengths, previousDones: s.previousDones,
            gameEnded: s.gameEnded, episodeSeconds: s.starts.map { ExactText.hex(now - $0) }, episodeCount: s.episodeCount,
            returnQueue: s.returnQueue.elements.map(ExactText.hex), lengthQueue: s.lengthQueue.elements,
            timeQueue: s.timeQueue.elements.map(ExactText.hex))
        let state = TrainingState(
            recipeName: trainer.recipe.name, updates: trainer.updates, envSteps: trainer.envSteps,
            elapsed: ExactText.hex(recorder.elapsed),
            actionRandom: ExactText.words(trainer.actionRandom), updateRandom: ExactText.words(trainer.updateRandom),
            recentReturns: trainer.recentReturns.map(ExactText.hex),
            episodeCount: recorder.episodeCount, bestMeanReturn: recorder.bestMeanReturn.map(ExactText.hex),
            bestUpdate: recorder.bestUpdate, draws: base.randomizer?.draws ?? 0, pendingReset: base.pendingResets,
            copies: copies, statistics: statistics, wrappers: wrappers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(state) else { return }
        contents.metadata[metadataKey] = String(decoding: json, as: UTF8.self)
        contents.tensors.merge(tensors) { _, new in new }
        SavedStateStorage.add(collectorState, owner: "collector", to: &contents)
        SavedStateStorage.add(trainer.algorithm.exportState(), owner: "algorithm", to: &contents)
    }

    /// The state stored in `contents`, or `nil` when it holds none; a state that is
    /// present but unreadable is a typed error naming `path`.
    static func read(_ contents: SafetensorsContents, path: String) throws(ResumeError) -> TrainingState? {
        guard let json = contents.metadata[metadataKey] else { return nil }
        let state: TrainingState
        do {
            state = try JSONDecoder().decode(TrainingState.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw .corrupt(path: path, reason: "the resume state cannot be read: \(Self.describe(error))")
        } catch {
            throw .corrupt(path: path, reason: "the resume state cannot be read: \(error)")
        }
        guard state.format == currentFormat else {
            throw .corrupt(path: path, reason: "the resume state has format \(state.format); this Zoo reads format \(currentFormat)")
        }
        if let problem = state.inconsistency {
            throw .corrupt(path: path, reason: "the resume state is inconsistent: \(problem)")
        }
        return state
    }

    /// What is impossible in this state (a negative count, per-copy lists of different
    /// lengths, a best update after the last), nil when it is consistent.
    var inconsistency: String? {
        let counts = [("updates", updates), ("envSteps", envSteps), ("episodeCount", episodeCount), ("draws", draws),
                      ("statistics.episodeCount", statistics.episodeCount)] + copies.enumerated().map { ("copies[\($0.offset)].steps", $0.element.steps) }
        if let negative = counts.first(where: { $0.1 < 0 }) { return "\(negative.0) is \(negative.1)" }
        let perCopy = [("pendingReset", pendingReset.count), ("statistics.returns", statistics.returns.count), ("statistics.lengths", statistics.lengths.count)]
        if let odd = perCopy.first(where: { $0.1 != copies.count }) {
            return "\(odd.0) has \(odd.1) entries for \(copies.count) copies"
        }
        if let best = bestUpdate, !(0...updates).contains(best) { return "bestUpdate \(best) is not in 0…\(updates)" }
        return nil
    }

    /// A decoding failure in one line: where in the state and what.
    private static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
        }
        switch error {
        case .typeMismatch(let type, let context): return "expected \(type)\(at(context))"
        case .valueNotFound(let type, let context): return "no \(type) value\(at(context))"
        case .keyNotFound(let key, let context): return "no \"\(key.stringValue)\"\(at(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription)\(at(context))"
        @unknown default: return "\(error)"
        }
    }

    /// `contents`' tensor `name` (under `resume/`) with `count` values.
    static func tensor(_ contents: SafetensorsContents, _ name: String, count: Int, path: String) throws(ResumeError) -> [Float] {
        guard let t = contents.tensors[tensorPrefix + name] else {
            throw .corrupt(path: path, reason: "tensor \"\(tensorPrefix + name)\" is missing")
        }
        guard t.count == count else {
            throw .corrupt(path: path, reason: "tensor \"\(tensorPrefix + name)\" has \(t.count) values, expected \(count)")
        }
        return t.scalars
    }
}

extension Trainer {
    /// Continues the stopped run `point`: loads its networks and optimiser state, then
    /// brings the environment, the random streams and every counter to where they were
    /// at the checkpoint's update, so that `run()` carries on exactly as the
    /// uninterrupted run would have. Call before `run()`.
    public func resume(from point: ResumePoint) throws(ZooError) {
        try AgentCheckpoint.restore(point.contents, into: algorithm, path: point.checkpointPath, optimizers: true)
        do throws(ResumeError) {
            try restoreState(point.state, point.contents, path: point.checkpointPath)
        } catch {
            throw .resume(error)
        }
        restored = true
    }

    private func restoreState(_ state: TrainingState, _ contents: SafetensorsContents, path: String) throws(ResumeError) {
        func corrupt(_ reason: String) -> ResumeError { .corrupt(path: path, reason: reason) }
        func double(_ text: String) throws(ResumeError) -> Double {
            guard let value = ExactText.double(text) else { throw corrupt("\"\(text)\" is not a saved number") }
            return value
        }
        func random(_ words: [String]) throws(ResumeError) -> SeededRandom {
            guard let value = ExactText.random(words) else { throw corrupt("a saved random stream is invalid") }
            return value
        }
        let built = environment, base = built.base
        let n = base.numEnvs, width = base.actions.width, w = base.buffers.observationWidth
        guard state.copies.count == n, state.pendingReset.count == n,
              state.statistics.returns.count == n, state.statistics.lengths.count == n,
              state.statistics.previousDones.count == n, state.statistics.episodeSeconds.count == n else {
            throw corrupt("the resume state does not describe \(n) environment copies")
        }
        // Domain randomisation: draw the copies' kwargs as often as the run had.
        let draws = base.randomizer?.draws ?? 0
        guard state.draws >= draws else { throw corrupt("the resume state has \(state.draws) parameter draws") }
        do throws(EnvError) {
            for _ in draws..<state.draws { try base.redrawParameters() }
        } catch {
            throw .environment(path: path, error)
        }
        // Each copy: its episode replayed from where it began.
        var episodes: [EpisodeLog.Episode] = []
        for (i, copy) in state.copies.enumerated() {
            let actions = try Self.tensorValues(contents, "copy/\(i)/actions", count: copy.steps * width, path: path)
            var episode = EpisodeLog.Episode(random: try random(copy.random), seed: copy.seed, options: .none,
                                             floats: [], integers: [])
            if base.singleActionSpace.isInteger {
                for a in actions {
                    guard let value = Int32(exactly: a) else { throw corrupt("copy \(i) has a non-integer action \(a)") }
                    episode.integers.append(value)
                }
            } else {
                episode.floats = actions
            }
            episodes.append(episode)
        }
        do throws(EnvError) {
            try base.replayEpisodes(episodes, pendingReset: state.pendingReset)
        } catch {
            throw .environment(path: path, error)
        }
        // The buffers as the last step left them (through every wrapper).
        let b = base.buffers
        let observations = try Self.tensorValues(contents, "buffers/observations", count: n * w, path: path)
        let finals = try Self.tensorValues(contents, "buffers/final_observations", count: n * w, path: path)
        for i in 0..<n {
            b.setRow(i, to: Array(observations[(i * w)..<((i + 1) * w)]))
            b.setRow(i, final: true, to: Array(finals[(i * w)..<((i + 1) * w)]))
        }
        let rewards = try Self.tensorValues(contents, "buffers/rewards", count: n, path: path)
        let terminated = try Self.tensorValues(contents, "buffers/terminated", count: n, path: path)
        let truncated = try Self.tensorValues(contents, "buffers/truncated", count: n, path: path)
        let hasFinal = try Self.tensorValues(contents, "buffers/has_final", count: n, path: path)
        for i in 0..<n {
            b.rewards[i] = rewards[i]
            b.terminated[i] = terminated[i] != 0
            b.truncated[i] = truncated[i] != 0
            b.hasFinal[i] = hasFinal[i] != 0
        }
        // Vector wrappers, outermost first, down to the episode statistics.
        var layer: any VectorEnvironment = built.outer
        var k = 0
        while let wrapper = layer as? VectorWrapper, wrapper !== built.statistics {
            guard k < state.wrappers.count else { throw corrupt("the resume state has fewer wrappers than the recipe") }
            let saved = state.wrappers[k]
            switch wrapper {
            case let normalize as VectorNormalizeObservation where saved.kind == "normalize_observation":
                guard let count = saved.count else { throw corrupt("normalize_observation has no count") }
                normalize.statistics.mean = try Self.tensorValues(contents, "wrapper/\(k)/mean", count: w, path: path)
                normalize.statistics.variance = try Self.tensorValues(contents, "wrapper/\(k)/variance", count: w, path: path)
                normalize.statistics.count = try double(count)
            case let normalize as VectorNormalizeReward where saved.kind == "normalize_reward":
                guard let count = saved.count, let mean = saved.rewardMean, let variance = saved.rewardVariance,
                      let dones = saved.previousDones, dones.count == n else {
                    throw corrupt("normalize_reward's statistics are incomplete")
                }
                normalize.statistics.count = try double(count)
                normalize.statistics.mean = [try double(mean)]
                normalize.statistics.variance = [try double(variance)]
                normalize.accumulatedReward = try Self.tensorValues(contents, "wrapper/\(k)/accumulated", count: n, path: path)
                normalize.previousDones = dones
            case is VectorClipAction where saved.kind == "clip_action": break
            case is VectorRescaleAction where saved.kind == "rescale_action": break
            default: throw corrupt("wrapper \(k) of the saved state is \(saved.kind), which the recipe does not have there")
            }
            layer = wrapper.env
            k += 1
        }
        guard k == state.wrappers.count else { throw corrupt("the resume state has more wrappers than the recipe") }
        // Episode statistics.
        let s = built.statistics, saved = state.statistics
        let now = Clock.now()
        var returns: [Double] = [], seconds: [Double] = []
        for text in saved.returns { returns.append(try double(text)) }
        for text in saved.episodeSeconds { seconds.append(try double(text)) }
        s.returns = returns
        s.lengths = saved.lengths
        s.previousDones = saved.previousDones
        if let ended = saved.gameEnded, ended.count == s.gameEnded.count { s.gameEnded = ended }
        s.starts = seconds.map { now - $0 }
        s.episodeCount = saved.episodeCount
        var returnQueue = BoundedQueue<Double>(capacity: s.returnQueue.capacity)
        var lengthQueue = BoundedQueue<Int>(capacity: s.lengthQueue.capacity)
        var timeQueue = BoundedQueue<Double>(capacity: s.timeQueue.capacity)
        for text in saved.returnQueue { returnQueue.append(try double(text)) }
        for value in saved.lengthQueue { lengthQueue.append(value) }
        for text in saved.timeQueue { timeQueue.append(try double(text)) }
        s.returnQueue = returnQueue
        s.lengthQueue = lengthQueue
        s.timeQueue = timeQueue
        // The collector, the plugin's own state and the trainer.
        do throws(SavedStateError) {
            try collector.restoreState(try SavedStateStorage.read(owner: "collector", from: contents))
        } catch {
            throw corrupt("the collector's state: \(error)")
        }
        guard collector.envSteps == state.envSteps else {
            throw corrupt("the collector has taken \(collector.envSteps) steps, the run \(state.envSteps)")
        }
        do throws(SavedStateError) {
            try algorithm.importState(try SavedStateStorage.read(owner: "algorithm", from: contents))
        } catch {
            throw corrupt("\(type(of: algorithm).name)'s state: \(error)")
        }
        loggedSteps = state.envSteps
        evaluation?.resume(at: state.envSteps)
        updates = state.updates
        actionRandom = try random(state.actionRandom)
        updateRandom = try random(state.updateRandom)
        recentReturns = []
        for text in state.recentReturns { recentReturns.append(try double(text)) }
        elapsedOffset = try double(state.elapsed)
    }

    private static func tensorValues(_ contents: SafetensorsContents, _ name: String, count: Int,
                                     path: String) throws(ResumeError) -> [Float] {
        try TrainingState.tensor(contents, name, count: count, path: path)
    }
}
