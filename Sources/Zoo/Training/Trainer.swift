import DSL

/// The training loop shared by every step-based algorithm: build the environment from
/// the recipe, build the plugin, then collect → update → report until the budget is
/// spent, the target return is reached, or a stop is requested.
///
/// Randomness: environment copies are seeded `seed + i`; action sampling and update-time
/// randomness (minibatch shuffles) come from separate streams derived from the seed, so
/// runs with one seed are bitwise identical whatever the thread count.
public final class Trainer {
    public let recipe: Recipe
    public private(set) var environment: BuiltEnvironment
    public let algorithm: any Algorithm
    public let collector: StepCollector
    /// The grouped-episode collector, for algorithms whose plan is `.groups`.
    public let groupCollector: GroupCollector?
    public internal(set) var updates = 0
    // Internal (not private): `TrainingState` saves and restores them for `--resume`.
    var actionRandom: SeededRandom
    var updateRandom: SeededRandom
    var recentReturns: [Double] = []
    /// Seconds trained before a resume; `restored` skips the initial reset in `run()`.
    var elapsedOffset = 0.0
    var restored = false
    /// Told about every update and the end of training; add before `run()`.
    public var observers: [any TrainingObserver]
    /// Set (from any thread) to stop after the current update.
    public nonisolated(unsafe) var stopRequested = false
    /// Set by an observer whose output failed, together with `stopRequested`.
    public nonisolated(unsafe) var outputFailed = false

    public init(recipe: Recipe, observers: [any TrainingObserver] = []) throws(ZooError) {
        self.recipe = recipe
        do {
            environment = try recipe.env.build(seed: recipe.train.seed)
        } catch {
            throw .environment(error)
        }
        do {
            algorithm = try recipe.makeAlgorithm(for: environment)
        } catch {
            throw .recipe(error)
        }
        if case .groups(let generations, _, let options) = algorithm.collection {
            // Grouped generations need autoreset disabled: groups reset themselves.
            do {
                environment = try recipe.env.build(seed: recipe.train.seed, autoreset: .disabled)
                groupCollector = try GroupCollector(environment, generations: generations, seed: recipe.train.seed,
                                                    options: options)
            } catch {
                throw .environment(error)
            }
        } else {
            groupCollector = nil
        }
        collector = StepCollector(environment)
        environment.base.recordEpisodes()
        let root = SeededRandom(seed: recipe.train.seed)
        actionRandom = root.derived("actions")
        updateRandom = root.derived("updates")
        self.observers = observers
    }

    /// Environment steps taken so far.
    public var envSteps: Int { groupCollector?.envSteps ?? collector.envSteps }

    /// Mean return of the last `window` training episodes.
    public var meanReturn: Double? {
        recentReturns.isEmpty ? nil : recentReturns.reduce(0, +) / Double(recentReturns.count)
    }

    /// Trains until a stopping rule fires; returns why it stopped.
    @discardableResult
    public func run() throws(ZooError) -> TrainingOutcome {
        let clock = ContinuousClock(), start = clock.now
        do {
            if !restored {
                if let groupCollector { try groupCollector.start() } else { try collector.start(seed: recipe.train.seed) }
            }
        } catch {
            throw .environment(error)
        }
        let budget = recipe.train.steps
        var outcome = TrainingOutcome.budgetSpent
        while envSteps < budget && updates < (recipe.train.updates ?? Int.max) {
            if stopRequested {
                outcome = outputFailed ? .outputFailed : .interrupted
                break
            }
            let progress = Double(envSteps) / Double(budget)
            var experience: Experience
            do {
                switch algorithm.collection {
                case .steps(let steps):
                    experience = try collector.collect(steps: steps, algorithm: algorithm, random: &actionRandom)
                case .groups(_, let count, _):
                    guard let groupCollector else { throw ZooError.unsupported("grouped collection was not set up") }
                    experience = try groupCollector.collect(groups: count, algorithm: algorithm, random: &actionRandom)
                }
            } catch let error as EnvError {
                // The observers still close the run's files (status failed, last good checkpoint kept).
                outcome = .environmentFailed(error)
                break
            } catch let error as ZooError {
                throw error
            } catch {
                throw .unsupported("\(error)")
            }
            experience.progress = progress
            let report = algorithm.update(experience, random: &updateRandom)
            updates += 1
            if let bad = report.values.first(where: { !$0.value.isFinite }) {
                outcome = .nonFiniteLoss(update: updates, term: bad.name)
                break
            }
            let episodes = groupCollector?.drainEpisodes() ?? collector.drainEpisodes()
            for e in episodes {
                recentReturns.append(e.episodeReturn)
                if recentReturns.count > recipe.train.window { recentReturns.removeFirst() }
            }
            // Redraw before observers see the update, so a checkpoint written then holds
            // the state the next update starts from.
            if recipe.env.redrawEvery > 0 && updates % recipe.env.redrawEvery == 0 {
                do {
                    try environment.base.redrawParameters()
                    if let groupCollector { try groupCollector.start() } else { try collector.start(seed: nil) }
                } catch {
                    throw .environment(error)
                }
            }
            let record = UpdateRecord(update: updates, envSteps: envSteps, report: report, episodes: episodes,
                                      meanReturn: meanReturn, elapsed: elapsedOffset + (clock.now - start).seconds)
            for o in observers { o.trainer(self, didUpdate: record) }
            if let target = recipe.train.targetReturn, let mean = meanReturn,
               recentReturns.count >= recipe.train.window, mean >= target {
                outcome = .targetReached(meanReturn: mean)
                break
            }
        }
        if outcome == .budgetSpent, envSteps < budget { outcome = .updateCapReached(updates: updates) }
        for o in observers { o.trainer(self, didFinish: outcome) }
        return outcome
    }
}
