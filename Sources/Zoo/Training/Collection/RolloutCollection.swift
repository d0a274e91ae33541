/// Rollouts of `steps` steps in every copy with automatic resets, time-major (A2C, PPO,
/// REINFORCE): the `StepCollector`.
public struct RolloutCollection: CollectionPlan {
    public let steps: Int

    public init(steps: Int) { self.steps = steps }

    public func plannedMemory(_ context: AlgorithmContext, maxEpisodeSteps: Int?, unitsPerRow: Int) -> (bytes: Double, what: String) {
        let rows = Double(steps) * Double(context.copies)
        let perRow = Double(context.observationWidth + context.actionSpace.actionWidth + 8) * 3 + Double(unitsPerRow)
        return (rows * perRow * 4, "rollouts of \(context.copies) copies × \(steps) steps")
    }

    public func makeCollector(_ built: BuiltEnvironment, seed: Int) throws(EnvError) -> any ExperienceCollector {
        StepCollector(built, steps: steps)
    }
}

extension CollectionPlan where Self == RolloutCollection {
    /// `steps` steps in every copy per update.
    public static func steps(_ steps: Int) -> RolloutCollection { RolloutCollection(steps: steps) }
}
