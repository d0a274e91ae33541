/// Evaluation during training, what Stable-Baselines3's `EvalCallback` gives: every
/// `every` environment steps the current agent plays `episodes` whole episodes on a
/// separate, unwrapped copy of the environment (the recipe's kwargs and time limit, the
/// training wrappers replayed with frozen statistics), from the same seeds each time so
/// evaluations compare. Results go to `eval.csv`, TensorBoard and the plot, and `best`
/// is the checkpoint with the best evaluation.
///
///     train: {steps: 50_000, eval: {every: 5000, episodes: 10, deterministic: true}}
public struct EvaluationSettings: Sendable, Equatable {
    public var every: Int
    public var episodes: Int
    public var deterministic: Bool
    /// Episode k starts from seed `seed + k` (default: the run's seed + 1,000,000, away
    /// from the training copies' seeds).
    public var seed: Int

    static func read(_ node: RecipeNode, seed runSeed: Int) throws(RecipeError) -> EvaluationSettings {
        let m = try node.mapping()
        let s = EvaluationSettings(
            every: try m.int("every", default: 10_000, in: 1...Int.max),
            episodes: try m.int("episodes", default: 5, in: 1...100_000),
            deterministic: try m.bool("deterministic", default: true),
            seed: try m.int("seed", default: runSeed + 1_000_000, in: 0...Int(Int32.max)))
        try m.finish()
        return s
    }
}
