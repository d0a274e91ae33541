import DSL

/// Runs `train.eval` for the trainer: decides when an evaluation is due and plays the
/// current agent on its own environment copy. It never touches the training copies or
/// the training random streams, so a run's training is bit-identical with evaluation on
/// or off.
final class PeriodicEvaluation {
    let settings: EvaluationSettings
    private let recipe: Recipe
    /// Environment steps at which the next evaluation is due.
    private(set) var nextDue: Int

    init(_ settings: EvaluationSettings, recipe: Recipe, envSteps: Int) {
        self.settings = settings
        self.recipe = recipe
        nextDue = (envSteps / settings.every + 1) * settings.every
    }

    /// Restarts the schedule after a resume at `envSteps`.
    func resume(at envSteps: Int) {
        nextDue = (envSteps / settings.every + 1) * settings.every
    }

    /// The evaluation of `algorithm` if one is due at `envSteps`, nil otherwise.
    func evaluateIfDue(_ algorithm: any Algorithm, environment: BuiltEnvironment,
                       envSteps: Int) throws(EnvError) -> EvaluationSummary? {
        guard envSteps >= nextDue else { return nil }
        nextDue = (envSteps / settings.every + 1) * settings.every
        var env = try recipe.env.makeSingle()
        var policy = AgentPolicy(algorithm: algorithm, actionSpace: env.actionSpace,
                                 mode: settings.deterministic ? .deterministic : .sample,
                                 random: SeededRandom(seed: settings.seed).derived("evaluation"),
                                 io: AgentIO.frozen(environment, recipe: recipe))
        return try PolicyEvaluation.run(&env, policy: &policy, episodes: settings.episodes, seed: settings.seed)
    }
}
