import DSL

/// Gathers experience for step-based algorithms (A2C, PPO): `steps` vector steps in
/// every copy with automatic resets, laid out time-major with everything an advantage
/// estimator needs.
///
/// The collector owns the bookkeeping every such algorithm would otherwise repeat:
/// writing actions (continuous ones clipped to the action space when stepping, never in
/// the log-probability), marking next-step reset transitions invalid, and finding the
/// value of each step's *real* next observation — the final observation for a truncated
/// episode (same-step mode), the next observation otherwise, V(o_T) at the rollout's end.
public final class StepCollector: ExperienceCollector {
    /// Steps per copy in one update's rollout.
    public let steps: Int
    /// Whether experience carries each step's real next observation (for replay).
    public let recordsNextObservations: Bool
    /// The outermost environment (stepped).
    public let env: any VectorEnvironment
    /// Where finished episodes are read.
    public let statistics: VectorRecordEpisodeStatistics
    /// Environment steps taken so far (vector steps × copies).
    public internal(set) var envSteps = 0
    /// Episodes that ended since the last `drainEpisodes()`.
    private var finished: [FinishedEpisode] = []
    /// Copies whose previous step ended an episode (next-step mode: their next step is
    /// a reset transition).
    var pendingReset: [Bool]

    public init(_ built: BuiltEnvironment, steps: Int, recordsNextObservations: Bool = false) {
        self.steps = steps
        self.recordsNextObservations = recordsNextObservations
        env = built.outer
        statistics = built.statistics
        pendingReset = Array(repeating: false, count: env.numEnvs)
    }

    public func start(seed: Int?) throws(EnvError) {
        try env.reset(seed: seed)
        pendingReset = Array(repeating: false, count: env.numEnvs)
    }

    /// The current observations as a [copies, width] float tensor (a copy; image bytes
    /// widened here, at the network's input).
    public func currentObservations() -> Tensor {
        env.buffers.observationTensor()
    }

    public func drainEpisodes() -> [FinishedEpisode] {
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    public func collect(for algorithm: any Algorithm, random: inout SeededRandom) throws(EnvError) -> Experience {
        try collect(steps: steps, random: &random) { obs, random in
            withoutGradient { algorithm.act(obs, mode: .sample, random: &random) }
        } critic: { observations in
            withoutGradient { algorithm.values(observations) }
        }
    }

    public func saveState() -> SavedState? {
        var state = SavedState()
        state.set("env_steps", envSteps)
        state.set("pending_reset", pendingReset)
        return state
    }

    public func restoreState(_ state: SavedState) throws(SavedStateError) {
        let pending = try state.flags("pending_reset")
        guard pending.count == env.numEnvs else {
            throw .malformed("pending_reset", "has \(pending.count) entries for \(env.numEnvs) copies")
        }
        envSteps = try state.int("env_steps")
        pendingReset = pending
    }

    /// Collects `steps` steps in every copy with actions from `decide` and, when `critic`
    /// gives values, the values of the real next observations.
    func collect(steps: Int, random: inout SeededRandom, decide: (Tensor, inout SeededRandom) -> Decision,
                 critic: (Tensor) -> Tensor?) throws(EnvError) -> Experience {
        let n = env.numEnvs, width = env.buffers.observationWidth
        let actionWidth = env.actions.width
        let discrete = env.singleActionSpace.isInteger
        var observations = [Float](); observations.reserveCapacity(steps * n * width)
        var actions = [Float](); actions.reserveCapacity(steps * n * actionWidth)
        var logProbs: [Float] = [], values: [Float] = []
        var rewards = [Float](repeating: 0, count: steps * n)
        var terminated = rewards, truncated = rewards, valid = rewards, nextValues = rewards
        var finalRows: [(index: Int, row: [Float])] = []
        var nextObservations: [Float] = []
        if recordsNextObservations { nextObservations.reserveCapacity(steps * n * width) }
        let bounds: Box? = if case let .box(b) = env.singleActionSpace { b } else { nil }
        for t in 0..<steps {
            let obs = currentObservations()
            observations.append(contentsOf: obs.scalars)
            if recordsNextObservations && t > 0 { nextObservations.append(contentsOf: obs.scalars) }
            let decision = decide(obs, &random)
            let chosen = decision.actions.scalars
            actions.append(contentsOf: chosen)
            if let lp = decision.logProbabilities { logProbs.append(contentsOf: lp.scalars) }
            if let v = decision.values { values.append(contentsOf: v.scalars) }
            if discrete {
                for k in 0..<chosen.count { env.actions.integers[k] = Int32(chosen[k]) }
            } else if let bounds {
                for k in 0..<chosen.count {
                    let d = k % actionWidth
                    env.actions.floats[k] = min(max(chosen[k], bounds.low[d]), bounds.high[d])
                }
            }
            for i in 0..<n { valid[t * n + i] = pendingReset[i] ? 0 : 1 }
            try env.step()
            envSteps += n
            let b = env.buffers
            for i in 0..<n {
                let k = t * n + i
                rewards[k] = b.rewards[i]
                terminated[k] = b.terminated[i] ? 1 : 0
                truncated[k] = b.truncated[i] ? 1 : 0
                pendingReset[i] = env.autoresetMode == .nextStep && b.done(i)
                if b.hasFinal[i] && (recordsNextObservations || (b.truncated[i] && !b.terminated[i])) {
                    finalRows.append((k, b.rowValues(i, final: true)))
                }
                let episode = statistics.episode
                if episode.mask[i] {
                    finished.append(FinishedEpisode(envStep: envSteps, copy: i, episodeReturn: episode.reward[i],
                                                    length: episode.length[i], seconds: episode.time[i]))
                }
            }
        }
        // Values of the real next observations: the next row inside the rollout, the
        // observation after the last step at the end, final observations where given.
        let last = currentObservations()
        if recordsNextObservations {
            nextObservations.append(contentsOf: last.scalars)
            // Same-step autoreset: a finished episode's next observation is its final one.
            for entry in finalRows {
                nextObservations.replaceSubrange((entry.index * width)..<((entry.index + 1) * width), with: entry.row)
            }
            // Only truncated episodes bootstrap from their final observation's value.
            finalRows.removeAll { terminated[$0.index] != 0 || truncated[$0.index] == 0 }
        }
        if let criticValues = critic(last) {
            if values.isEmpty {
                let all = Tensor(shape: [steps * n, width], scalars: observations)
                values = critic(all)?.scalars ?? []
            }
            let bootstrap = criticValues.scalars
            for t in 0..<steps {
                for i in 0..<n {
                    nextValues[t * n + i] = t + 1 < steps ? values[(t + 1) * n + i] : bootstrap[i]
                }
            }
            if !finalRows.isEmpty {
                let rows = Tensor(shape: [finalRows.count, width], scalars: finalRows.flatMap(\.row))
                if let finalValues = critic(rows)?.scalars {
                    for (j, entry) in finalRows.enumerated() { nextValues[entry.index] = finalValues[j] }
                }
            }
        }
        let signals = StepSignals(steps: steps, copies: n, rewards: rewards, values: values.isEmpty ? nextValues.map { _ in 0 } : values,
                                  nextValues: nextValues, terminated: terminated, truncated: truncated, valid: valid)
        return Experience(
            steps: steps, copies: n,
            observations: Tensor(shape: [steps, n, width], scalars: observations),
            actions: Tensor(shape: discrete ? [steps, n] : [steps, n, actionWidth], scalars: actions),
            logProbabilities: logProbs.isEmpty ? nil : Tensor(shape: [steps, n], scalars: logProbs),
            values: values.isEmpty ? nil : Tensor(shape: [steps, n], scalars: values),
            signals: signals,
            nextObservations: recordsNextObservations ? Tensor(shape: [steps, n, width], scalars: nextObservations) : nil)
    }
}
