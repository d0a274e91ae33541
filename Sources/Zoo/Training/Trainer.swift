import DSL

/// The training loop shared by every algorithm: build the environment, the plugin and
/// its collector from the recipe (`TrainingSetup`), then collect → update → report until
/// the budget is spent, the target return is reached, or a stop is requested.
///
/// Observers hear about training every `log_every` environment steps (the updates in
/// between averaged into one record), or after every update when the collection plan
/// logs per update.
///
/// Randomness: environment copies are seeded `seed + i`; action sampling and update-time
/// randomness (minibatch shuffles, replay sampling) come from separate streams derived
/// from the seed, so runs with one seed are bitwise identical whatever the thread count.
public final class Trainer {
    public let recipe: Recipe
    public let environment: BuiltEnvironment
    public let algorithm: any Algorithm
    public let collector: any ExperienceCollector
    /// Environment steps between records to observers; nil: every update.
    public let logEvery: Int?
    public internal(set) var updates = 0
    // Internal (not private): `TrainingState` saves and restores them for `--resume`.
    var actionRandom: SeededRandom
    var updateRandom: SeededRandom
    var recentReturns: [Double] = []
    /// Seconds trained before a resume; `restored` skips the initial reset in `run()`.
    var elapsedOffset = 0.0
    var restored = false
    /// Environment steps at the last record given to observers.
    var loggedSteps = 0
    /// `train.eval`, when on.
    let evaluation: PeriodicEvaluation?
    /// Told about training progress and its end; add before `run()`.
    public var observers: [any TrainingObserver]
    /// Set (from any thread) to stop after the current update.
    public nonisolated(unsafe) var stopRequested = false
    /// Set by an observer whose output failed, together with `stopRequested`.
    public nonisolated(unsafe) var outputFailed = false

    public init(recipe: Recipe, observers: [any TrainingObserver] = []) throws(ZooError) {
        self.recipe = recipe
        let setup = try TrainingSetup(recipe: recipe)
        environment = setup.environment
        algorithm = setup.algorithm
        collector = setup.collector
        logEvery = setup.logEvery
        evaluation = recipe.train.evaluation.map { PeriodicEvaluation($0, recipe: recipe, envSteps: 0) }
        environment.base.recordEpisodes()
        let root = SeededRandom(seed: recipe.train.seed)
        actionRandom = root.derived("actions")
        updateRandom = root.derived("updates")
        self.observers = observers
    }

    /// Environment steps taken so far.
    public var envSteps: Int { collector.envSteps }

    /// Mean return of the last `window` training episodes.
    public var meanReturn: Double? {
        recentReturns.isEmpty ? nil : recentReturns.reduce(0, +) / Double(recentReturns.count)
    }

    /// Trains until a stopping rule fires; returns why it stopped.
    @discardableResult
    public func run() throws(ZooError) -> TrainingOutcome {
        let clock = ContinuousClock(), start = clock.now
        if let threads = recipe.train.kernelThreads { KernelThreads.count = threads }
        do {
            if !restored { try collector.start(seed: recipe.train.seed) }
        } catch {
            throw .environment(error)
        }
        let budget = recipe.train.steps
        var outcome = TrainingOutcome.budgetSpent
        var pending = PendingRecord()
        func record(evaluation: EvaluationSummary? = nil) {
            guard var u = pending.record(update: updates, envSteps: envSteps, meanReturn: meanReturn,
                                         elapsed: elapsedOffset + (clock.now - start).seconds) else { return }
            u.evaluation = evaluation
            loggedSteps = envSteps
            for o in observers { o.trainer(self, didUpdate: u) }
        }
        while envSteps < budget && updates < (recipe.train.updates ?? Int.max) {
            if stopRequested {
                outcome = outputFailed ? .outputFailed : .interrupted
                break
            }
            let progress = Double(envSteps) / Double(recipe.train.scheduleHorizon)
            var experience: Experience
            do {
                experience = try PhaseProfile.measure(.collection) { () throws(EnvError) in
                    try collector.collect(for: algorithm, random: &actionRandom)
                }
            } catch {
                // The observers still close the run's files (status failed, last good checkpoint kept).
                outcome = .environmentFailed(error)
                break
            }
            experience.progress = progress
            let report = PhaseProfile.measure(.forward) { algorithm.update(experience, random: &updateRandom) }
            updates += 1
            if let bad = report.values.first(where: { !$0.value.isFinite }) {
                outcome = .nonFiniteLoss(update: updates, term: bad.name)
                break
            }
            let episodes = collector.drainEpisodes()
            for e in episodes {
                recentReturns.append(e.episodeReturn)
                if recentReturns.count > recipe.train.window { recentReturns.removeFirst() }
            }
            pending.add(report, episodes: episodes)
            // Redraw before observers see the update, so a checkpoint written then holds
            // the state the next update starts from.
            if recipe.env.redrawEvery > 0 && updates % recipe.env.redrawEvery == 0 {
                do {
                    try environment.base.redrawParameters()
                    try collector.start(seed: nil)
                } catch {
                    throw .environment(error)
                }
            }
            let targetReached = recipe.train.targetReturn.flatMap { target in
                meanReturn.map { recentReturns.count >= recipe.train.window && $0 >= target }
            } ?? false
            let evaluated: EvaluationSummary?
            do {
                evaluated = try evaluation?.evaluateIfDue(algorithm, environment: environment, envSteps: envSteps)
            } catch {
                outcome = .environmentFailed(error)
                break
            }
            // A record each time training crosses a multiple of log_every (anchored at 0, so
            // a resumed run keeps the uninterrupted run's cadence).
            if logEvery.map({ envSteps / $0 > loggedSteps / $0 }) ?? true || targetReached || evaluated != nil {
                record(evaluation: evaluated)
            }
            if targetReached, let mean = meanReturn {
                outcome = .targetReached(meanReturn: mean)
                break
            }
        }
        if outcome == .budgetSpent, envSteps < budget { outcome = .updateCapReached(updates: updates) }
        // The updates since the last record: logged, so the files end where training did.
        switch outcome {
        case .nonFiniteLoss, .environmentFailed: break
        default: record()
        }
        for o in observers { o.trainer(self, didFinish: outcome) }
        return outcome
    }
}

/// The updates since the last record: their reports summed name by name, their episodes
/// kept, until the trainer gives observers one averaged `UpdateRecord`.
struct PendingRecord {
    private var sums: [(name: String, value: Double)] = []
    private var count = 0
    private var episodes: [FinishedEpisode] = []

    mutating func add(_ report: UpdateReport, episodes more: [FinishedEpisode]) {
        if count == 0 {
            sums = report.values
        } else {
            for (k, entry) in report.values.enumerated() where k < sums.count && sums[k].name == entry.name {
                sums[k].value += entry.value
            }
        }
        count += 1
        episodes += more
    }

    /// The record of the pending updates (nil when there are none), emptying them. One
    /// update's report passes through unchanged, so per-update logging is exact.
    mutating func record(update: Int, envSteps: Int, meanReturn: Double?, elapsed: Double) -> UpdateRecord? {
        guard count > 0 else { return nil }
        let n = Double(count)
        let report = UpdateReport(count == 1 ? sums : sums.map { ($0.name, $0.value / n) })
        defer { self = PendingRecord() }
        return UpdateRecord(update: update, envSteps: envSteps, report: report, episodes: episodes,
                            meanReturn: meanReturn, elapsed: elapsed)
    }
}
