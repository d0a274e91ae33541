import DSL
import Foundation

/// A trained agent loaded from a run directory (`runs/ppo-lunar/0`, using its
/// `recipe.yaml` and `checkpoints/last.safetensors`) or from a checkpoint file (whose
/// metadata carries the recipe), ready to act or to be evaluated.
public struct TrainedAgent {
    public let recipe: Recipe
    public let algorithm: any Algorithm
    /// The checkpoint the parameters came from.
    public let checkpoint: String
    /// The recipe's observation and action wrappers, replayed with frozen statistics.
    public let io: AgentIO

    /// Loads the agent at `path`; a missing, truncated or mismatched checkpoint is a typed
    /// error naming the file.
    public static func load(_ path: String, algorithms: AlgorithmRegistry = .shared) throws(ZooError) -> TrainedAgent {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .file(path: path, message: "no such run directory or checkpoint")
        }
        let checkpoint = isDirectory.boolValue ? "\(path)/checkpoints/last.safetensors" : path
        let contents: SafetensorsContents
        do {
            contents = try AgentCheckpoint.read(path: checkpoint)
        } catch {
            throw .file(path: checkpoint, message: "\(error)")
        }
        guard let text = contents.metadata["recipe"] else {
            throw .file(path: checkpoint, message: "not a Zoo checkpoint: its metadata has no recipe")
        }
        let recipe: Recipe
        do {
            recipe = try Recipe(document: RecipeDocument(text: text, file: "\(checkpoint) (recipe)"),
                                defaultName: "agent", algorithms: algorithms)
        } catch {
            throw .recipe(error)
        }
        let built: BuiltEnvironment
        do {
            built = try recipe.env.build(seed: recipe.train.seed)
        } catch {
            throw .environment(error)
        }
        let algorithm: any Algorithm
        do {
            algorithm = try recipe.makeAlgorithm(for: built)
        } catch {
            throw .recipe(error)
        }
        try AgentCheckpoint.restore(contents, into: algorithm, path: checkpoint, optimizers: false)
        let io = try AgentIO.read(recipe: recipe, contents: contents, checkpoint: checkpoint,
                                  space: built.base.singleActionSpace)
        return TrainedAgent(recipe: recipe, algorithm: algorithm, checkpoint: checkpoint, io: io)
    }

    /// Evaluates the agent on its recipe's environment (single copies, with the recipe's
    /// kwargs — `kwargs` replaces or adds some, e.g. wind at evaluation — and time limit),
    /// episodes seeded `seed, seed+1, …`.
    public func evaluate(episodes: Int, seed: Int, deterministic: Bool, kwargs: Kwargs = [:]) throws(ZooError) -> EvaluationSummary {
        do {
            var env = try recipe.env.makeSingle(kwargs: kwargs)
            var policy = AgentPolicy(algorithm: algorithm, actionSpace: env.actionSpace,
                                     mode: deterministic ? .deterministic : .sample,
                                     random: SeededRandom(seed: seed).derived("evaluation"), io: io)
            return try PolicyEvaluation.run(&env, policy: &policy, episodes: episodes, seed: seed)
        } catch {
            throw .environment(error)
        }
    }
}

/// A trained algorithm acting as a `Policy`: greedy (`deterministic`) or sampling from
/// its own stream. Continuous actions are clipped to the action space, as during
/// training.
public struct AgentPolicy: Policy {
    public let algorithm: any Algorithm
    public let actionSpace: ActionSpace
    public let mode: ActingMode
    public var random: SeededRandom
    /// The training wrappers to replay on observations and actions.
    public let io: AgentIO

    public init(algorithm: any Algorithm, actionSpace: ActionSpace, mode: ActingMode, random: SeededRandom,
                io: AgentIO = .identity) {
        self.algorithm = algorithm
        self.actionSpace = actionSpace
        self.mode = mode
        self.random = random
        self.io = io
    }

    public mutating func action(for observation: [Float]) -> Action {
        let obs = Tensor(shape: [1, observation.count], scalars: io.observation(observation))
        let chosen = withoutGradient { algorithm.act(obs, mode: mode, random: &random) }.actions.scalars
        switch actionSpace {
        case .box(let b):
            return .continuous(io.action(chosen, box: b))
        case .discrete:
            return .discrete(Int(chosen[0]))
        case .multiDiscrete:
            return .multiDiscrete(chosen.map { Int($0) })
        }
    }
}
