import DSL

/// N copies of an environment stepped as one batch, in the calling thread or on a
/// persistent thread pool: Gymnasium's `SyncVectorEnv` semantics with Zoo's in-place
/// buffers, step mask and reset mask.
///
/// Each copy writes its row of `buffers` directly; nothing is allocated per step. With
/// `.threads(n)` the copies are shared among n threads (see `WorkerPool`); every copy's arithmetic
/// is independent, so results are bitwise identical to `.sync` for any n. Copies whose step
/// is one Physics2D world step (LunarLander) have their worlds stepped together, a chunk
/// at a time (`WorldBatching`), with the same bits as one by one. Bad input (an
/// action outside the space, a mask of the wrong length, stepping a finished copy with
/// autoreset disabled) is rejected before any copy is touched.
public final class VectorEnv: VectorEnvironment, ChunkedJob, @unchecked Sendable {
    public let numEnvs: Int
    public private(set) var autoresetMode: AutoresetMode
    /// Whether any copy has been reset yet (the autoreset mode is fixed from then on).
    private var started = false
    public let execution: VectorExecution
    public let singleObservationSpace: Box
    public let singleActionSpace: ActionSpace
    public let buffers: VectorBuffers
    public let actions: ActionBuffer

    let envs: UnsafeMutablePointer<any Environment>
    /// Gymnasium's `_autoreset_envs`: copies whose episode ended on the latest step.
    let pendingReset: UnsafeMutablePointer<Bool>
    let infos: UnsafeMutablePointer<Info?>
    let finalInfos: UnsafeMutablePointer<Info?>
    private let failed: UnsafeMutablePointer<Bool>
    private let failures: UnsafeMutablePointer<EnvError?>
    /// Set when the copies' world steps are batched (LunarLander; see `WorldBatching`).
    let worldBatching: WorldBatching?
    private var pool: WorkerPool?

    // Parameters of the call in progress, read by the chunks.
    private enum Phase { case step, reset }
    private var phase = Phase.step
    private var stepMask: UnsafePointer<Bool>?
    private var resetMask: UnsafePointer<Bool>?
    private var resetSeeds: UnsafePointer<Int?>?
    private var resetOptions = ResetOptions.none
    /// Set when copies were rebuilt (domain randomisation): a full reset must come next.
    private(set) var rebuiltSinceReset = false
    /// Domain randomisation state, when the copies' kwargs are randomised.
    package var randomizer: DomainRandomizer?
    /// What each copy's current episode began from and the actions it took since, when
    /// recording is on (`recordEpisodes()`): what an exact resume replays.
    var episodeLog: EpisodeLog?

    /// A vector environment over the given copies, which must share their action space
    /// and observation width.
    public init(
        _ copies: [any Environment], autoreset: AutoresetMode = .nextStep, execution: VectorExecution = .sync
    ) throws(EnvError) {
        guard let first = copies.first else { throw .invalidArgument("a vector environment needs at least one copy") }
        let observationSpace = first.observationSpace
        let actionSpace = first.actionSpace
        for (i, env) in copies.enumerated() {
            guard env.actionSpace == actionSpace else {
                throw .invalidArgument("copy \(i) has action space \(env.actionSpace), copy 0 has \(actionSpace)")
            }
            guard env.observationSpace.count == observationSpace.count else {
                throw .invalidArgument("copy \(i) has \(env.observationSpace.count) observation values, copy 0 has \(observationSpace.count)")
            }
            guard env.observationSpace.dtype == observationSpace.dtype else {
                throw .invalidArgument("copy \(i) has \(env.observationSpace.dtype) observations, copy 0 has \(observationSpace.dtype)")
            }
            try env.checkObservationType()
        }
        let participants: Int
        switch execution {
        case .sync: participants = 1
        case let .threads(n):
            guard n >= 1 else { throw .invalidArgument("threads must be at least 1, got \(n)") }
            participants = min(n, copies.count)
        }
        numEnvs = copies.count
        autoresetMode = autoreset
        self.execution = execution
        singleObservationSpace = observationSpace
        singleActionSpace = actionSpace
        buffers = VectorBuffers(numEnvs: numEnvs, observationWidth: observationSpace.count, dtype: observationSpace.dtype)
        actions = ActionBuffer(numEnvs: numEnvs, space: actionSpace)
        envs = .allocate(capacity: numEnvs)
        envs.initialize(from: copies, count: numEnvs)
        // Copies made from one value (`Array(repeating: env, count: n)`) would share one
        // random stream until their first seeded reset; give each its own child stream,
        // as Gymnasium's separately constructed copies each have their own generator.
        for i in 0..<numEnvs { envs[i].random = envs[i].random.derived(UInt64(i)) }
        pendingReset = .allocate(capacity: numEnvs)
        pendingReset.initialize(repeating: false, count: numEnvs)
        infos = .allocate(capacity: numEnvs)
        infos.initialize(repeating: nil, count: numEnvs)
        finalInfos = .allocate(capacity: numEnvs)
        finalInfos.initialize(repeating: nil, count: numEnvs)
        failed = .allocate(capacity: numEnvs)
        failed.initialize(repeating: false, count: numEnvs)
        failures = .allocate(capacity: numEnvs)
        failures.initialize(repeating: nil, count: numEnvs)
        worldBatching = WorldBatching(copies, participants: participants)
        if participants > 1 {
            // One chunk per copy: each thread steps its own contiguous share of the copies
            // and then helps with what is left of the others' (see `WorkerPool`).
            let pool = WorkerPool(participants: participants, chunks: min(numEnvs, 1 << 15))
            self.pool = pool
            pool.job = self
        }
    }

    /// `numEnvs` copies of a registered environment (Gymnasium's
    /// `gym.make_vec(id, num_envs, vectorization_mode="sync", wrappers=…)`), each inside
    /// `observationWrappers`.
    public convenience init(
        id: String, numEnvs: Int, kwargs: Kwargs = [:], maxEpisodeSteps: Int? = nil,
        observationWrappers: ObservationWrappers = .none,
        autoreset: AutoresetMode = .nextStep, execution: VectorExecution = .sync,
        registry: EnvironmentRegistry = .shared
    ) throws(EnvError) {
        guard numEnvs >= 1 else { throw .invalidArgument("num_envs must be at least 1, got \(numEnvs)") }
        let spec = try registry.spec(id)
        var copies: [any Environment] = []
        for _ in 0..<numEnvs {
            copies.append(try observationWrappers.apply(to: spec.make(kwargs, maxEpisodeSteps: maxEpisodeSteps)))
        }
        try self.init(copies, autoreset: autoreset, execution: execution)
    }

    deinit {
        pool?.shutdown()
        pool = nil
        envs.deinitialize(count: numEnvs)
        envs.deallocate()
        pendingReset.deallocate()
        infos.deinitialize(count: numEnvs)
        infos.deallocate()
        finalInfos.deinitialize(count: numEnvs)
        finalInfos.deallocate()
        failed.deallocate()
        failures.deinitialize(count: numEnvs)
        failures.deallocate()
    }

    public func info(_ i: Int) -> Info? { infos[i] }
    public func finalInfo(_ i: Int) -> Info? { finalInfos[i] }

    /// A copy of environment `i` as it is now (for inspection; stepping it does not
    /// affect the vector environment).
    public func copy(_ i: Int) -> any Environment { envs[i] }

    // MARK: reset

    /// Switches to autoreset `mode` before the first reset: the collector a plugin
    /// chooses declares its mode after the environment is built, before it starts.
    public func setAutoresetMode(_ mode: AutoresetMode) throws(EnvError) {
        guard !started || mode == autoresetMode else {
            throw .invalidArgument("the autoreset mode cannot change after the first reset")
        }
        autoresetMode = mode
    }

    public func reset(seeds: [Int?]?, options: ResetOptions, mask: [Bool]?) throws(EnvError) {
        if let seeds, seeds.count != numEnvs { throw .seedCount(expected: numEnvs, got: seeds.count) }
        try validateResetMask(mask, numEnvs: numEnvs)
        if rebuiltSinceReset, let mask, mask.contains(false) {
            throw .invalidArgument("copies were rebuilt with new parameters: reset all copies (no mask) first")
        }
        let seedList = seeds ?? Array(repeating: nil, count: numEnvs)
        started = true
        resetOptions = options
        phase = .reset
        seedList.withUnsafeBufferPointer { seedPointer in
            resetSeeds = seedPointer.baseAddress
            if let mask {
                mask.withUnsafeBufferPointer { maskPointer in
                    resetMask = maskPointer.baseAddress
                    runAllChunks()
                    resetMask = nil
                }
            } else {
                runAllChunks()
            }
            resetSeeds = nil
        }
        resetOptions = .none
        rebuiltSinceReset = false
        try throwFirstFailure()
    }

    private func resetCopy(_ i: Int) {
        if let resetMask, !resetMask[i] { return }
        do throws(EnvError) {
            episodeLog?.begin(i, random: envs[i].random, seed: resetSeeds![i], options: resetOptions)
            infos[i] = try envs[i].reset(seed: resetSeeds![i], options: resetOptions, row: i, of: buffers)
            buffers.terminated[i] = false
            buffers.truncated[i] = false
            buffers.hasFinal[i] = false
            finalInfos[i] = nil
            pendingReset[i] = false
        } catch {
            fail(i, error)
        }
    }

    // MARK: step

    public func step(mask: [Bool]?) throws(EnvError) {
        try validateStepMask(mask, numEnvs: numEnvs)
        if rebuiltSinceReset {
            throw .invalidArgument("copies were rebuilt with new parameters: call reset() before step()")
        }
        phase = .step
        if let mask {
            let problem = mask.withUnsafeBufferPointer { maskPointer -> EnvError? in
                if let problem = precheckStep(mask: maskPointer) { return problem }
                stepMask = maskPointer.baseAddress
                runAllChunks()
                stepMask = nil
                return nil
            }
            if let problem { throw problem }
        } else {
            if let problem = precheckStep(mask: nil) { throw problem }
            runAllChunks()
        }
        try throwFirstFailure()
    }

    /// Validates actions and (autoreset disabled) that no active copy has finished.
    private func precheckStep(mask: UnsafeBufferPointer<Bool>?) -> EnvError? {
        do throws(EnvError) {
            // With nextStep, a copy due for its reset ignores its action, as in Gymnasium.
            try actions.validate(mask: mask, ignoring: autoresetMode == .nextStep ? UnsafePointer(pendingReset) : nil)
        } catch {
            return error
        }
        if autoresetMode == .disabled {
            for i in 0..<numEnvs where pendingReset[i] && (mask.map { $0[i] } ?? true) {
                return .steppedFinishedCopy(index: i)
            }
        }
        return nil
    }

    @inline(__always)
    private func stepCopy(_ i: Int) {
        guard beginCopyStep(i) else { return }
        do throws(EnvError) {
            try endCopyStep(i, try envs[i].step(actions.view(i), row: i, of: buffers))
        } catch {
            fail(i, error)
        }
    }

    /// What a vector step does for copy `i` before the copy's own step: a masked-out copy
    /// reports zero reward, a copy due for its `nextStep` autoreset is reset instead.
    /// Returns whether the copy takes its step (which is then logged).
    @inline(__always)
    func beginCopyStep(_ i: Int) -> Bool {
        if let stepMask, !stepMask[i] {
            buffers.rewards[i] = 0
            buffers.hasFinal[i] = false
            infos[i] = nil
            return false
        }
        if autoresetMode == .nextStep && pendingReset[i] {
            do throws(EnvError) {
                episodeLog?.begin(i, random: envs[i].random, seed: nil, options: .none)
                infos[i] = try envs[i].reset(seed: nil, options: .none, row: i, of: buffers)
                buffers.rewards[i] = 0
                buffers.terminated[i] = false
                buffers.truncated[i] = false
                pendingReset[i] = false
            } catch {
                fail(i, error)
            }
            return false
        }
        episodeLog?.append(i, actions.view(i))
        return true
    }

    /// What a vector step does for copy `i` after the copy's own step: records `outcome`
    /// and, with `sameStep` autoreset, resets a finished copy.
    @inline(__always)
    func endCopyStep(_ i: Int, _ outcome: StepOutcome) throws(EnvError) {
        // One use of `outcome` on the common path: a second would retain its info again.
        if autoresetMode != .sameStep {
            record(i, outcome)
        } else {
            record(i, outcome)
            if outcome.terminated || outcome.truncated {
                buffers.keepFinalRow(i)
                buffers.hasFinal[i] = true
                finalInfos[i] = outcome.info
                episodeLog?.begin(i, random: envs[i].random, seed: nil, options: .none)
                infos[i] = try envs[i].reset(seed: nil, options: .none, row: i, of: buffers)
            } else if buffers.hasFinal[i] {
                buffers.hasFinal[i] = false
                finalInfos[i] = nil
            }
        }
        pendingReset[i] = buffers.terminated[i] || buffers.truncated[i]
    }

    @inline(__always)
    private func record(_ i: Int, _ outcome: StepOutcome) {
        buffers.rewards[i] = Float(outcome.reward)
        buffers.terminated[i] = outcome.terminated
        buffers.truncated[i] = outcome.truncated
        infos[i] = outcome.info
    }

    // MARK: chunks and failures

    private func runAllChunks() {
        if let pool {
            pool.run()
        } else {
            runChunk(0, of: 1, participant: 0)
            finishChunks(participant: 0)
        }
    }

    func runChunk(_ chunk: Int, of count: Int, participant: Int) {
        let lower = chunk * numEnvs / count
        let upper = (chunk + 1) * numEnvs / count
        switch phase {
        case .step:
            if let worldBatching {
                worldBatching.begin(self, lower..<upper, participant: participant)
            } else {
                for i in lower..<upper { stepCopy(i) }
            }
        case .reset: for i in lower..<upper { resetCopy(i) }
        }
    }

    /// Completes the steps whose world steps `participant` began (`WorldBatching`).
    func finishChunks(participant: Int) {
        if phase == .step { worldBatching?.finish(self, participant: participant) }
    }

    func fail(_ i: Int, _ error: EnvError) {
        failures[i] = error
        failed[i] = true
    }

    private func throwFirstFailure() throws(EnvError) {
        for i in 0..<numEnvs where failed[i] {
            let error = failures[i] ?? .invalidArgument("copy \(i) failed without an error")
            for j in i..<numEnvs {
                failed[j] = false
                failures[j] = nil
            }
            throw error
        }
    }

    // MARK: rebuilding copies (domain randomisation)

    /// Replaces copy `i`, carrying over its random stream; a full reset must follow.
    func replaceCopy(_ i: Int, with env: any Environment) throws(EnvError) {
        guard env.actionSpace == singleActionSpace, env.observationSpace.count == singleObservationSpace.count,
              env.observationSpace.dtype == singleObservationSpace.dtype else {
            throw .invalidArgument("a rebuilt copy must keep the action space and observation width and type")
        }
        var replacement = env
        replacement.random = envs[i].random
        envs[i] = replacement
        rebuiltSinceReset = true
    }
}
