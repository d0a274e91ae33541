import DSL

/// Gathers grouped episodes for group-relative algorithms (GRPO).
///
/// The copies form `groups` groups of `generations`, laid out `(group gen)` with `gen`
/// minor (copy = group·generations + gen). The environment runs with autoreset disabled.
/// The generations of a group are reset with one seed, so they start from the same state
/// with the same environment random stream and differ only by the policy's choices. A
/// generation that ends is masked out of stepping (not stepped, reward 0) until every
/// generation of its group has ended; then the group's k trajectories are complete and
/// the group is reset together with a fresh seed — independently of the other groups.
///
/// `GroupOptions` adds branching (the group's generations start from one mid-episode
/// state the group's scout reached, restored from a full-state snapshot) and DAPO's
/// dynamic sampling (groups whose generations all earned the same return are dropped).
public final class GroupCollector: ExperienceCollector {
    public let env: any VectorEnvironment
    public let statistics: VectorRecordEpisodeStatistics
    public let groups: Int
    public let generations: Int
    /// Finished groups per update.
    public let groupsPerUpdate: Int
    /// Environment steps taken so far (stepped copies only).
    public private(set) var envSteps = 0
    /// Group resets so far (each draws a fresh seed).
    public private(set) var groupResets = 0
    /// Groups dropped by dynamic sampling so far.
    public private(set) var droppedGroups = 0
    /// Environment steps the scouts took to reach branching points (part of `envSteps`).
    public private(set) var scoutSteps = 0
    public let options: GroupOptions
    private var seeds: SeededRandom
    private var finished: [Bool]
    private var trajectories: [Trajectory]
    private var episodes: [FinishedEpisode] = []
    /// Per group: the seed of its current start, and the scout's steps still to take
    /// before its generations branch (0: playing, or not branching).
    private var groupSeeds: [Int]
    private var scoutRemaining: [Int]

    /// One generation's steps since its group's last reset.
    struct Trajectory {
        var observations: [Float] = []
        var actions: [Float] = []
        var logProbabilities: [Float] = []
        var rewards: [Float] = []
        var terminated = false
        var truncated = false
        var steps: Int { rewards.count }
    }

    /// A collector over `built` (whose autoreset must be disabled) with `generations`
    /// copies per group; group seeds (and branching depths) come from a stream derived
    /// from `seed`.
    public init(_ built: BuiltEnvironment, generations: Int, groupsPerUpdate: Int, seed: Int,
                options: GroupOptions = GroupOptions()) throws(EnvError) {
        guard options.branchEvery >= 0, options.branchEvery == 0 || options.branchDepth > 0 else {
            throw .invalidArgument("branching needs a positive step interval and depth")
        }
        guard built.outer.autoresetMode == .disabled else {
            throw .invalidArgument("grouped collection needs autoreset disabled")
        }
        guard generations >= 1, built.outer.numEnvs % generations == 0 else {
            throw .invalidArgument("\(built.outer.numEnvs) copies cannot form groups of \(generations) generations")
        }
        env = built.outer
        statistics = built.statistics
        self.generations = generations
        self.groupsPerUpdate = groupsPerUpdate
        groups = built.outer.numEnvs / generations
        seeds = SeededRandom(seed: seed).derived("group-seeds")
        finished = Array(repeating: false, count: built.outer.numEnvs)
        trajectories = Array(repeating: Trajectory(), count: built.outer.numEnvs)
        self.options = options
        groupSeeds = Array(repeating: 0, count: groups)
        scoutRemaining = Array(repeating: 0, count: groups)
    }

    /// Resets every group, each with its own fresh seed (group seeds come from the
    /// collector's own stream, so `seed` is not used).
    public func start(seed: Int?) throws(EnvError) {
        try resetGroups(Array(0..<groups))
    }

    /// The episodes that ended since the last call (for logging).
    public func drainEpisodes() -> [FinishedEpisode] {
        defer { episodes.removeAll(keepingCapacity: true) }
        return episodes
    }

    /// Resets `which` groups, each with a fresh seed (or, with `sameSeed`, its current
    /// one and no branching: a scout that ended before its branching point).
    private func resetGroups(_ which: [Int], sameSeed: Bool = false) throws(EnvError) {
        var seedList = [Int?](repeating: nil, count: env.numEnvs)
        var mask = [Bool](repeating: false, count: env.numEnvs)
        for g in which {
            let s: Int
            if sameSeed {
                s = groupSeeds[g]
                scoutRemaining[g] = 0
            } else {
                s = seeds.nextInt(below: Int(Int32.max))
                groupResets += 1
                groupSeeds[g] = s
                if options.branchEvery > 0 {
                    let points = (options.branchDepth - 1) / options.branchEvery + 1
                    scoutRemaining[g] = options.branchEvery * seeds.nextInt(below: points)
                }
            }
            for k in 0..<generations {
                let copy = g * generations + k
                seedList[copy] = s
                mask[copy] = true
                finished[copy] = false
                trajectories[copy] = Trajectory()
            }
        }
        try env.reset(seeds: seedList, options: .none, mask: mask)
    }

    public func collect(for algorithm: any Algorithm, random: inout SeededRandom) throws(EnvError) -> Experience {
        try collect(groups: groupsPerUpdate, algorithm: algorithm, random: &random)
    }

    /// The in-flight groups: each copy's trajectory since its group's reset, which copies
    /// have finished, the groups' seeds and branching countdowns, the seed stream and the
    /// counters. (The copies' environments are restored separately, by replaying their
    /// recorded episodes — a branched copy's record starts with its scout's steps.)
    public func saveState() -> SavedState? {
        var state = SavedState()
        state.set("env_steps", envSteps)
        state.set("group_resets", groupResets)
        state.set("dropped_groups", droppedGroups)
        state.set("scout_steps", scoutSteps)
        state.streams["group_seeds"] = seeds
        state.set("finished", finished)
        state.set("group_seed", groupSeeds)
        state.set("scout_remaining", scoutRemaining)
        state.set("terminated", trajectories.map(\.terminated))
        state.set("truncated", trajectories.map(\.truncated))
        let width = env.buffers.observationWidth, actionWidth = env.actions.width
        for (i, t) in trajectories.enumerated() {
            state.tensors["trajectory/\(i)/observations"] = Tensor(shape: [t.steps, width], scalars: t.observations)
            state.tensors["trajectory/\(i)/actions"] = Tensor(shape: [t.steps, actionWidth], scalars: t.actions)
            state.tensors["trajectory/\(i)/log_probabilities"] = Tensor(shape: [t.steps], scalars: t.logProbabilities)
            state.tensors["trajectory/\(i)/rewards"] = Tensor(shape: [t.steps], scalars: t.rewards)
        }
        return state
    }

    public func restoreState(_ state: SavedState) throws(SavedStateError) {
        let n = env.numEnvs, width = env.buffers.observationWidth, actionWidth = env.actions.width
        let finished = try state.flags("finished"), terminated = try state.flags("terminated")
        let truncated = try state.flags("truncated")
        let groupSeeds = try state.ints("group_seed"), scoutRemaining = try state.ints("scout_remaining")
        guard finished.count == n, terminated.count == n, truncated.count == n else {
            throw .malformed("finished", "does not describe \(n) copies")
        }
        guard groupSeeds.count == groups, scoutRemaining.count == groups else {
            throw .malformed("group_seed", "does not describe \(groups) groups")
        }
        var trajectories: [Trajectory] = []
        for i in 0..<n {
            guard let rewards = state.tensors["trajectory/\(i)/rewards"] else { throw .missing("trajectory/\(i)/rewards") }
            let steps = rewards.count
            var t = Trajectory()
            t.rewards = rewards.scalars
            t.observations = try state.tensor("trajectory/\(i)/observations", shape: [steps, width]).scalars
            t.actions = try state.tensor("trajectory/\(i)/actions", shape: [steps, actionWidth]).scalars
            t.logProbabilities = try state.tensor("trajectory/\(i)/log_probabilities", shape: [steps]).scalars
            t.terminated = terminated[i]
            t.truncated = truncated[i]
            trajectories.append(t)
        }
        envSteps = try state.int("env_steps")
        groupResets = try state.int("group_resets")
        droppedGroups = try state.int("dropped_groups")
        scoutSteps = try state.int("scout_steps")
        seeds = try state.stream("group_seeds")
        self.finished = finished
        self.groupSeeds = groupSeeds
        self.scoutRemaining = scoutRemaining
        self.trajectories = trajectories
    }

    /// Steps until `count` groups have finished, choosing actions with `algorithm`, and
    /// returns those groups' trajectories time-major as `[step, (group gen)]` with
    /// `valid` marking real steps (shorter trajectories are padded).
    public func collect(groups count: Int, algorithm: any Algorithm, random: inout SeededRandom) throws(EnvError) -> Experience {
        let n = env.numEnvs, width = env.buffers.observationWidth, actionWidth = env.actions.width
        let discrete = env.singleActionSpace.isInteger
        let bounds: Box? = if case let .box(b) = env.singleActionSpace { b } else { nil }
        var completed: [[Trajectory]] = []
        var dropped = 0
        while completed.count < count {
            // A group still reaching its branching point steps its scout alone.
            let active = (0..<n).filter { i in
                scoutRemaining[i / generations] > 0 ? i % generations == 0 : !finished[i]
            }
            let obs = env.buffers.observationTensor(rows: active)
            let rows = obs.scalars
            let decision = withoutGradient { algorithm.act(obs, mode: .sample, random: &random) }
            let chosen = decision.actions.scalars
            let logProbs = decision.logProbabilities?.scalars
            var mask = [Bool](repeating: false, count: n)
            for (j, i) in active.enumerated() {
                mask[i] = true
                let a = chosen[(j * actionWidth)..<((j + 1) * actionWidth)]
                if discrete {
                    env.actions.integers[i] = Int32(a[a.startIndex])
                } else if let bounds {
                    for (d, v) in a.enumerated() { env.actions.floats[i * actionWidth + d] = min(max(v, bounds.low[d]), bounds.high[d]) }
                }
                if scoutRemaining[i / generations] > 0 { continue }  // a scout's steps are not training data
                trajectories[i].observations.append(contentsOf: rows[(j * width)..<((j + 1) * width)])
                trajectories[i].actions.append(contentsOf: a)
                trajectories[i].logProbabilities.append(logProbs?[j] ?? 0)
            }
            try env.step(mask: mask)
            envSteps += active.count
            let b = env.buffers
            let episode = statistics.episode
            var branching: [Int] = [], restarting: [Int] = []
            for i in active {
                let g = i / generations
                if scoutRemaining[g] > 0 {
                    scoutSteps += 1
                    if b.done(i) {
                        restarting.append(g)
                    } else {
                        scoutRemaining[g] -= 1
                        if scoutRemaining[g] == 0 { branching.append(g) }
                    }
                    continue
                }
                trajectories[i].rewards.append(b.rewards[i])
                if b.done(i) {
                    finished[i] = true
                    trajectories[i].terminated = b.terminated[i]
                    trajectories[i].truncated = b.truncated[i]
                }
                if episode.mask[i] {
                    episodes.append(FinishedEpisode(envStep: envSteps, copy: i, episodeReturn: episode.reward[i],
                                                    length: episode.length[i], seconds: episode.time[i]))
                }
            }
            // A group is complete when all of its generations have finished.
            let done = Tensor(shape: [n], scalars: finished.map { $0 ? 1 : 0 })
            let groupDone: [Float]
            do {
                groupDone = try all("(group [gen])", done, ["gen": generations]).scalars
            } catch {
                preconditionFailure("group pattern: \(error)")  // sizes are validated in init
            }
            let ready = groupDone.indices.filter { groupDone[$0] != 0 && scoutRemaining[$0] == 0 }
            for g in ready where completed.count < count {
                let group = (0..<generations).map { trajectories[g * generations + $0] }
                // Dynamic sampling gives up after 8 × count drops in one update, so a policy
                // that earns the same everywhere (a solved task) still gets updates.
                if options.dynamicSampling && dropped < 8 * count && Self.allEqualReturns(group) {
                    dropped += 1
                    droppedGroups += 1
                    continue
                }
                completed.append(group)
            }
            if !ready.isEmpty { try resetGroups(ready) }
            if !restarting.isEmpty { try resetGroups(restarting, sameSeed: true) }
            for g in branching {
                let scout = try env.snapshot(copy: g * generations)
                try env.restore(scout, into: Array(g * generations + 1 ..< (g + 1) * generations))
            }
        }
        return Self.layout(completed, width: width, actionWidth: actionWidth, discrete: discrete)
    }

    /// Whether every generation of `group` earned the same undiscounted return.
    static func allEqualReturns(_ group: [Trajectory]) -> Bool {
        let returns = group.map { $0.rewards.reduce(0, +) }
        return returns.allSatisfy { $0 == returns[0] }
    }

    /// Completed groups as a padded time-major rollout over `(group gen)`.
    static func layout(_ groups: [[Trajectory]], width: Int, actionWidth: Int, discrete: Bool) -> Experience {
        let flat = groups.flatMap { $0 }
        let columns = flat.count
        let steps = flat.map(\.steps).max() ?? 0
        var observations = [Float](repeating: 0, count: steps * columns * width)
        var actions = [Float](repeating: 0, count: steps * columns * actionWidth)
        var logProbs = [Float](repeating: 0, count: steps * columns)
        var rewards = logProbs, terminated = logProbs, truncated = logProbs, valid = logProbs
        for (c, trajectory) in flat.enumerated() {
            for t in 0..<trajectory.steps {
                let k = t * columns + c
                for d in 0..<width { observations[k * width + d] = trajectory.observations[t * width + d] }
                for d in 0..<actionWidth { actions[k * actionWidth + d] = trajectory.actions[t * actionWidth + d] }
                logProbs[k] = trajectory.logProbabilities[t]
                rewards[k] = trajectory.rewards[t]
                valid[k] = 1
            }
            if trajectory.steps > 0 {
                let last = (trajectory.steps - 1) * columns + c
                terminated[last] = trajectory.terminated ? 1 : 0
                truncated[last] = trajectory.truncated ? 1 : 0
            }
        }
        let zeros = [Float](repeating: 0, count: steps * columns)
        return Experience(
            steps: steps, copies: columns,
            observations: Tensor(shape: [steps, columns, width], scalars: observations),
            actions: Tensor(shape: discrete ? [steps, columns] : [steps, columns, actionWidth], scalars: actions),
            logProbabilities: Tensor(shape: [steps, columns], scalars: logProbs), values: nil,
            signals: StepSignals(steps: steps, copies: columns, rewards: rewards, values: zeros, nextValues: zeros,
                                 terminated: terminated, truncated: truncated, valid: valid))
    }
}
