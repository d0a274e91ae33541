/// What a run trains with — the environment, the plugin and its collector — built in the
/// one order `zoo validate` and `zoo train` share, so a recipe that validates trains:
/// the environment is built once with the recipe's wrappers, the plugin reads its
/// hyperparameters for it, and the plugin's collection plan switches the environment to
/// the autoreset mode it needs before anything has been reset.
public struct TrainingSetup {
    public let environment: BuiltEnvironment
    public let algorithm: any Algorithm
    public let collector: any ExperienceCollector
    /// Environment steps between metrics rows; nil: one row per update.
    public let logEvery: Int?

    public init(recipe: Recipe) throws(ZooError) {
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
        let plan = algorithm.collection
        do {
            try environment.requireAutoreset(plan.autoreset)
            collector = try plan.makeCollector(environment, seed: recipe.train.seed)
        } catch {
            let algorithmName = type(of: algorithm).name
            throw .recipe(recipe.algorithmSection.error(
                "\(algorithmName) cannot collect experience from this recipe's environment: \(error)"))
        }
        logEvery = recipe.output.logEvery ?? plan.defaultLogEvery
    }
}
