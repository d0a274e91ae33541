import DSL

/// An actor and a critic read from a recipe's `algorithm.networks` — what A2C and PPO
/// (and any actor-critic plugin) build the same way:
///
/// - `{actor: {…}, critic: {…}}` (either may be absent: the defaults apply): separate
///   networks, each with its own optimiser (the Gymnasium tutorial, Stable-Baselines3's
///   MLP policies);
/// - `{shared: {…}}`: one trunk with a policy head and a value head and one optimiser;
/// - `{trunk: nature_cnn, …}`: the same shared form written at the top, with no hidden
///   layers by default — Stable-Baselines3's `CnnPolicy`, which shares its features
///   extractor between the heads.
public struct ActorCriticNetworks {
    public let actor: PolicyNetwork
    public let critic: Sequential
    /// The trunk both heads read (one optimiser), nil for separate networks.
    public let shared: MultiHeadNetwork?
    public let actorOptimizer: any Optimizer
    /// The critic's optimiser, nil when the trunk is shared.
    public let criticOptimizer: (any Optimizer)?

    /// Builds the networks from `networks`, initialised from streams derived from the
    /// run's seed.
    public init(_ networks: RecipeMapping?, defaults: NetworkSettings, context: AlgorithmContext) throws(RecipeError) {
        if let networks, let sharedNode = networks.optional("shared") {
            if let extra = networks.keys.first(where: { $0 != "shared" }) {
                throw sharedNode.error("'shared' cannot be combined with '\(extra)': choose a shared trunk or separate networks")
            }
            try self.init(shared: NetworkSettings.read(sharedNode, defaults: defaults, context: context), context: context)
        } else if let networks, networks.keys.contains("trunk") {
            var imageDefaults = defaults
            imageDefaults.hidden = []
            let settings = try NetworkSettings.read(networks, defaults: imageDefaults, context: context)
            try self.init(shared: settings, context: context)
        } else {
            try self.init(actor: NetworkSettings.read("actor", in: networks, defaults: defaults, context: context),
                          critic: NetworkSettings.read("critic", in: networks, defaults: defaults, context: context),
                          context: context)
        }
    }

    /// Separate networks, each with its own optimiser.
    private init(actor actorSettings: NetworkSettings, critic criticSettings: NetworkSettings,
                 context: AlgorithmContext) throws(RecipeError) {
        var actorRandom = context.initializationRandom("actor"), criticRandom = context.initializationRandom("critic")
        actor = try PolicyNetwork(settings: actorSettings, observationWidth: context.observationWidth,
                                  space: context.actionSpace, random: &actorRandom)
        critic = criticSettings.makeMLP(inputs: context.observationWidth, outputs: 1, outputGain: 1, random: &criticRandom)
        shared = nil
        actorOptimizer = actorSettings.optimizer.make(actor.parameters)
        criticOptimizer = criticSettings.optimizer.make(critic.parameters)
    }

    /// A trunk from `s` (image trunk and hidden layers) with a linear policy head and a
    /// linear value head.
    private init(shared s: NetworkSettings, context: AlgorithmContext) throws(RecipeError) {
        var random = context.initializationRandom("shared")
        let trunk = s.makeTrunk(inputs: context.observationWidth, random: &random)
        let width = s.trunkWidth(inputs: context.observationWidth)
        let head = NetworkSettings(hidden: [], activation: s.activation, initialization: s.initialization, optimizer: s.optimizer)
        let policy = try PolicyNetwork(settings: head, observationWidth: width, space: context.actionSpace, random: &random)
        let value = head.makeMLP(inputs: width, outputs: 1, outputGain: 1, random: &random)
        let network = MultiHeadNetwork(trunk: trunk) {
            ("policy", policy.body)
            ("value", value)
        }
        actor = policy
        critic = value
        shared = network
        actorOptimizer = s.optimizer.make(network.parameters + (policy.logStd.map { [$0] } ?? []))
        criticOptimizer = nil
    }

    /// What the heads read: the trunk's output when shared, the observations otherwise.
    public func features(_ observations: Tensor) -> Tensor {
        shared.map { $0.trunk(observations) } ?? observations
    }

    /// Every optimiser (one when shared).
    public var optimizerList: [any Optimizer] { [actorOptimizer] + (criticOptimizer.map { [$0] } ?? []) }

    /// The modules a checkpoint stores: `shared` (+ the policy's log-std) or `actor` and `critic`.
    public var modules: [(name: String, module: any Module)] {
        if let shared {
            return [("shared", shared)] + (actor.logStd.map { [("policy", ParameterGroup([("log_std", $0)]))] } ?? [])
        }
        return [("actor", actor), ("critic", critic)]
    }

    /// The optimisers a checkpoint stores.
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("actor", actorOptimizer)] + (criticOptimizer.map { [("critic", $0)] } ?? [])
    }
}
