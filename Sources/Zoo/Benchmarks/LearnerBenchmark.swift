import DSL

/// The learning half of training on its own: a recipe's `update` over one fixed rollout,
/// timed and its heap allocations counted — the micro-benchmark behind `zoo bench
/// learner`, which isolates the per-op overhead of forward, backward and optimiser steps
/// from environment stepping and collection (whose timings `zoo bench train` mixes in).
public enum LearnerBenchmark {
    /// What one measurement found.
    public struct Result: Sendable, Codable {
        /// Environment steps in the rollout each update learns from.
        public var rolloutSteps: Int
        /// Updates timed per repetition.
        public var updates: Int
        /// Fastest repetition's seconds per update (the minimum resists machine load).
        public var minSecondsPerUpdate: Double
        /// Median repetition's seconds per update.
        public var medianSecondsPerUpdate: Double
        /// Heap allocations of one update (nil: not counted).
        public var allocationsPerUpdate: Int?
    }

    /// Collects one rollout of `recipe`, then runs `updates` updates on it `repeats` times
    /// (each repetition from the same update randomness, so each does the same work), and,
    /// when `countAllocations`, counts one more update's allocations with `AllocationTrace`.
    public static func run(_ recipe: Recipe, updates: Int, repeats: Int,
                           countAllocations: Bool) throws(ZooError) -> Result {
        let trainer = try Trainer(recipe: recipe)
        let experience: Experience
        do {
            try trainer.collector.start(seed: recipe.train.seed)
            var actionRandom = SeededRandom(seed: recipe.train.seed).derived("actions")
            experience = try trainer.collector.collect(for: trainer.algorithm, random: &actionRandom)
        } catch {
            throw .environment(error)
        }
        let updateRandom = SeededRandom(seed: recipe.train.seed).derived("updates")
        func update() {
            var random = updateRandom
            _ = trainer.algorithm.update(experience, random: &random)
        }
        update()  // warm-up: optimiser moments, caches
        var seconds: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repeats {
            let start = clock.now
            for _ in 0..<updates { update() }
            seconds.append((clock.now - start).seconds / Double(updates))
        }
        seconds.sort()
        let allocations = countAllocations ? AllocationTrace.count { update() } : nil
        return Result(rolloutSteps: experience.steps * experience.copies, updates: updates,
                      minSecondsPerUpdate: seconds[0], medianSecondsPerUpdate: seconds[seconds.count / 2],
                      allocationsPerUpdate: allocations)
    }
}
