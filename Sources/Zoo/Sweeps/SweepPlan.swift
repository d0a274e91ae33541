import DSL
import Foundation

/// One point of a sweep's search space: its name (`c03`, its runs' directory name) and a
/// value (YAML text) for each parameter, in the space's order.
public struct SweepConfiguration: Sendable, Equatable {
    public let name: String
    public let values: [String]
}

/// What `zoo sweep` trains: the configurations of a sweep file — every grid combination,
/// or `budget` draws from a generator seeded by the file's `seed` — each over seeds
/// 0…N−1, on the rungs of successive halving (or the full budget at once), in
/// `OUT/runs/<configuration>/<seed>`.
///
/// Why a value of its own: every configuration's recipe is validated when the plan is
/// made, so a key the base recipe does not accept or a value out of its range is found
/// before anything is trained; and the runs of each rung are a pure function of it.
public struct SweepPlan {
    public let spec: SweepSpec
    public let configurations: [SweepConfiguration]
    /// Each rung's budget in environment steps, the last the full budget.
    public let rungs: [Int]
    /// The full budget: `steps:`, else the base recipe's `train.steps`.
    public let steps: Int
    /// Whether configurations are ranked by the last evaluation return (the recipe has
    /// `train.eval`) rather than the rolling training return.
    public let ranksByEvaluation: Bool
    /// The base recipe's `env.id`.
    public let environment: String?
    public let outputDirectory: String

    /// Reads and checks the sweep file at `path`, makes its configurations and validates
    /// each one's recipe with `limits`; `output` defaults to `sweep/<name>`.
    public init(contentsOf path: String, output: String?, limits: ResourceLimits = .standard) throws(SweepError) {
        spec = try SweepSpec(contentsOf: path)
        outputDirectory = output ?? "sweep/\(spec.name)"
        let base: Recipe
        do {
            base = try Recipe.load(path: spec.recipe, overrides: spec.steps.map { ["train.steps=\($0)"] } ?? [])
        } catch {
            throw .recipe(error)
        }
        steps = base.train.steps
        environment = base.env.id
        ranksByEvaluation = base.train.evaluation != nil
        rungs = try Self.rungs(spec, steps: steps, evaluationEvery: base.train.evaluation?.every)
        configurations = Self.configurations(spec)
        for configuration in configurations {
            try validate(configuration, limits: limits)
        }
    }

    /// The budgets of successive halving: `min_steps` × ηᵏ below the full budget, then it.
    static func rungs(_ spec: SweepSpec, steps: Int, evaluationEvery: Int?) throws(SweepError) -> [Int] {
        guard let halving = spec.halving else { return [steps] }
        guard halving.minSteps < steps else {
            throw .invalid(spec.error(at: "halving", "min_steps (\(halving.minSteps)) must be below the full budget (\(steps) steps)"))
        }
        if let every = evaluationEvery, halving.minSteps < every {
            throw .invalid(spec.error(at: "halving", "min_steps (\(halving.minSteps)) is below the recipe's train.eval.every (\(every)): the first rung would have no evaluation to rank by"))
        }
        var rungs: [Int] = []
        var budget = halving.minSteps
        while budget < steps {
            rungs.append(budget)
            budget = budget.multipliedReportingOverflow(by: halving.eta).overflow ? steps : budget * halving.eta
        }
        return rungs + [steps]
    }

    /// Every grid combination (the first parameter varying slowest), or `budget` draws.
    static func configurations(_ spec: SweepSpec) -> [SweepConfiguration] {
        var valueLists: [[String]] = []
        switch spec.method {
        case .grid:
            valueLists = [[]]
            for parameter in spec.parameters {
                guard case .grid(let values) = parameter.kind else { continue }
                valueLists = valueLists.flatMap { prefix in values.map { prefix + [$0] } }
            }
        case .random:
            var random = SeededRandom(seed: spec.seed).derived("sweep")
            for _ in 0..<(spec.budget ?? 0) {
                valueLists.append(spec.parameters.map { $0.draw(&random) })
            }
        }
        let width = String(max(valueLists.count - 1, 0)).count
        return valueLists.enumerated().map { index, values in
            SweepConfiguration(name: "c" + String(repeating: "0", count: max(0, width - String(index).count)) + String(index),
                               values: values)
        }
    }

    /// The `--set` overrides that give `configuration`'s values.
    public func overrides(_ configuration: SweepConfiguration) -> [String] {
        zip(spec.parameters, configuration.values).flatMap { $0.overrides($1) }
    }

    /// The runs of `configuration` on rung `rung`: seeds 0…N−1 with that rung's budget,
    /// the schedules pinned to the full budget so that a later rung continues them exactly.
    public func jobs(_ configuration: SweepConfiguration, rung: Int) throws(ZooError) -> [TrainingJob] {
        let entry = RecipeEntry(name: configuration.name, path: spec.recipe, environment: environment)
        var jobs: [TrainingJob] = []
        for seed in 0..<spec.seeds {
            let directory = "\(outputDirectory)/runs/\(configuration.name)/\(seed)"
            let overrides = ["train.seed=\(seed)", "train.steps=\(rungs[rung])", "train.schedule_steps=\(steps)"]
                + self.overrides(configuration) + ["output.dir=\(directory)"]
            do {
                jobs.append(try TrainingJob(recipe: entry, seed: seed, directory: directory, overrides: overrides,
                                            log: "\(outputDirectory)/logs/\(configuration.name)-\(seed).log"))
            } catch {
                throw .recipe(error)
            }
        }
        return jobs
    }

    /// Validates the recipe `configuration` makes (its first rung, seed 0) as `zoo train`
    /// would; what the recipe rejects is reported at the space entry that set it.
    func validate(_ configuration: SweepConfiguration, limits: ResourceLimits) throws(SweepError) {
        let overrides = ["train.steps=\(rungs[0])", "train.schedule_steps=\(steps)"] + self.overrides(configuration)
        do {
            _ = try Recipe.validate(path: spec.recipe, overrides: overrides, limits: limits)
        } catch {
            let recipeError: RecipeError = switch error {
            case .recipe(let e): e
            default: RecipeError(file: spec.recipe, keyPath: "", line: nil, column: nil, message: error.description)
            }
            // The parameter whose --set flag the error names, else the one at or around its key.
            let path = recipeError.keyPath, flag = recipeError.file ?? ""
            let pairs = Array(zip(spec.parameters, configuration.values))
            guard let (parameter, value) = pairs.first(where: { p, _ in p.keys.contains { flag.hasPrefix("--set \($0)=") } })
                ?? pairs.first(where: { p, _ in
                    p.keys.contains { path == $0 || path.hasPrefix($0 + ".") || (!path.isEmpty && $0.hasPrefix(path + ".")) }
                }) else {
                throw .recipe(recipeError)
            }
            let message = "configuration \(configuration.name) (\(parameter.key)=\(value)): \(spec.recipe) rejects it: \(recipeError.message)"
            throw .rejected(configuration: configuration.name, error: spec.error(at: "space.\(parameter.key)", message))
        }
    }

    /// The base recipe with `configuration`'s values written in, and the sweep's `steps`
    /// when it has them (`best.yaml`).
    public func recipeText(_ configuration: SweepConfiguration) throws(ZooError) -> String {
        do {
            let budget = spec.steps.map { ["train.steps=\($0)"] } ?? []
            return try RecipeDocument(contentsOf: spec.recipe, overrides: budget + overrides(configuration)).text
        } catch {
            throw .recipe(error)
        }
    }
}
