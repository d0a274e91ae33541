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
            contents = try SafetensorsReader.read(path: checkpoint)
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
        return TrainedAgent(recipe: recipe, algorithm: algorithm, checkpoint: checkpoint)
    }

    /// Evaluates the agent on its recipe's environment (single copies, with the recipe's
    /// kwargs and time limit), episodes seeded `seed, seed+1, …`.
    public func evaluate(episodes: Int, seed: Int, deterministic: Bool) throws(ZooError) -> EvaluationSummary {
        do {
            var env = try EnvironmentRegistry.shared.make(recipe.env.id, recipe.env.kwargs,
                                                          maxEpisodeSteps: recipe.env.maxEpisodeSteps)
            var policy = AgentPolicy(algorithm: algorithm, actionSpace: env.actionSpace,
                                     mode: deterministic ? .deterministic : .sample,
                                     random: SeededRandom(seed: seed).derived("evaluation"))
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

    public init(algorithm: any Algorithm, actionSpace: ActionSpace, mode: ActingMode, random: SeededRandom) {
        self.algorithm = algorithm
        self.actionSpace = actionSpace
        self.mode = mode
        self.random = random
    }

    public mutating func action(for observation: [Float]) -> Action {
        let obs = Tensor(shape: [1, observation.count], scalars: observation)
        let chosen = withoutGradient { algorithm.act(obs, mode: mode, random: &random) }.actions.scalars
        switch actionSpace {
        case .box(let b):
            return .continuous(chosen.indices.map { min(max(chosen[$0], b.low[$0]), b.high[$0]) })
        case .discrete:
            return .discrete(Int(chosen[0]))
        case .multiDiscrete:
            return .multiDiscrete(chosen.map { Int($0) })
        }
    }
}
