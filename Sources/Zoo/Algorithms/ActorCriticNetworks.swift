import DSL

/// A separate actor and critic, each with its own optimiser, read from a recipe's
/// `algorithm.networks: {actor: {…}, critic: {…}}` — what A2C and PPO (and any
/// actor-critic plugin) build the same way.
public struct ActorCriticNetworks {
    public let actor: PolicyNetwork
    public let critic: Sequential
    public let actorOptimizer: any Optimizer
    public let criticOptimizer: any Optimizer

    /// Builds both networks from `networks` (either may be absent: `defaults` applies),
    /// initialised from streams derived from the run's seed.
    public init(_ networks: RecipeMapping?, defaults: NetworkSettings, context: AlgorithmContext) throws(RecipeError) {
        let actorSettings = try NetworkSettings.read("actor", in: networks, defaults: defaults, context: context)
        let criticSettings = try NetworkSettings.read("critic", in: networks, defaults: defaults, context: context)
        var actorRandom = context.initializationRandom("actor"), criticRandom = context.initializationRandom("critic")
        actor = try PolicyNetwork(settings: actorSettings, observationWidth: context.observationWidth,
                                  space: context.actionSpace, random: &actorRandom)
        critic = criticSettings.makeMLP(inputs: context.observationWidth, outputs: 1, outputGain: 1, random: &criticRandom)
        actorOptimizer = actorSettings.optimizer.make(actor.parameters)
        criticOptimizer = criticSettings.optimizer.make(critic.parameters)
    }
}
