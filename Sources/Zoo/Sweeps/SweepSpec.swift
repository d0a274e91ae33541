import Foundation

/// A sweep file, read and checked on its own (what it says about its base recipe is
/// checked by `SweepPlan`):
///
///     recipe: recipes/ppo-cartpole.yaml   # the base recipe (path from the current directory)
///     method: random                      # random (default) or grid
///     budget: 9                           # random: how many configurations to draw
///     seed: 0                             # the draws' seed
///     seeds: 3                            # training seeds 0…N−1 per configuration
///     steps: 60_000                       # each run's full budget (default: the recipe's train.steps)
///     halving: {eta: 3, min_steps: 6_000} # optional successive halving
///     space:
///       algorithm.entropy_coef: {uniform: [0.0, 0.02]}
///
/// Why a value of its own: every mistake in the file is found here, located by line and
/// key, before any recipe is built or any run starts.
public struct SweepSpec {
    /// How configurations are made.
    public enum Method: String, Sendable {
        /// Every combination of the `grid` lists.
        case grid
        /// `budget` configurations drawn from the distributions.
        case random
    }

    /// Successive halving: train every configuration for `minSteps`, keep the best
    /// 1/`eta`, continue those to `eta` × the steps, and so on up to the full budget.
    public struct Halving: Sendable, Equatable {
        public let eta: Int
        public let minSteps: Int
    }

    /// The sweep file.
    public let file: String
    /// The sweep's name (default: the file name without extension); names `sweep/<name>`.
    public let name: String
    /// The base recipe's path.
    public let recipe: String
    public let method: Method
    /// Configurations to draw (random search).
    public let budget: Int?
    /// The seed of the random draws.
    public let seed: Int
    /// Training seeds per configuration.
    public let seeds: Int
    /// Each run's full budget in environment steps; nil: the recipe's `train.steps`.
    public let steps: Int?
    public let halving: Halving?
    public let parameters: [SweepParameter]
    /// Where `halving` and each parameter's entry (`space.<key>`) are in the file (as an
    /// error with an empty message), so that later checks can point at them.
    let locations: [String: RecipeError]

    /// Keys a sweep sets itself, and why.
    static let reserved = ["train.seed": "the sweep sets it (seeds: N trains seeds 0…N−1)",
                           "train.steps": "the sweep sets it (steps:, and the rungs of halving:)",
                           "train.schedule_steps": "the sweep sets it to the full budget", "name": "it names run directories",
                           "output": "the sweep sets where runs write"]

    /// Reads the sweep file at `path`.
    public init(contentsOf path: String) throws(SweepError) {
        file = path
        do throws(RecipeError) {
            let document = try RecipeDocument(contentsOf: path)
            let root = try document.root.mapping()
            name = try Recipe.readName(root, default: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
            recipe = try root.required("recipe").string()
            let method = Method(rawValue: try root.choice("method", ["random", "grid"], default: "random")) ?? .random
            self.method = method
            seed = try root.int("seed", default: 0, in: 0...Int(Int32.max))
            seeds = try root.int("seeds", default: 3, in: 1...1_000)
            steps = try root.optional("steps").map { node throws(RecipeError) in try Self.positive(node) }
            budget = try root.optional("budget").map { node throws(RecipeError) in
                guard method == .random else {
                    throw node.error("a grid search trains every combination; budget is for method: random")
                }
                let count = try node.int()
                guard (1...10_000).contains(count) else { throw node.error("budget must be in 1…10000, got \(count)") }
                return count
            }
            let halvingNode = root.optional("halving")
            halving = try halvingNode.map { node throws(RecipeError) in
                let m = try node.mapping()
                let halving = Halving(eta: try m.int("eta", default: 3, in: 2...100), minSteps: try Self.positive(m.required("min_steps")))
                try m.finish()
                return halving
            }
            let spaceNode = try root.required("space")
            var locations: [String: RecipeError]
            (parameters, locations) = try Self.readSpace(spaceNode, method: method)
            locations["halving"] = halvingNode?.error("")
            self.locations = locations
            try root.finish()
            if method == .random && budget == nil {
                throw document.root.error("method: random needs budget: the number of configurations to draw")
            }
            if method == .grid, parameters.map(\.gridSize).reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) > 10_000 {
                throw spaceNode.error("the grid has more than 10000 combinations")
            }
        } catch {
            throw .invalid(error)
        }
    }

    private static func positive(_ node: RecipeNode) throws(RecipeError) -> Int {
        let value = try node.int()
        guard value > 0 else { throw node.error("expected a positive number of environment steps, got \(value)") }
        return value
    }

    /// The parameters in file order, each checked against the method and the others.
    private static func readSpace(_ node: RecipeNode, method: Method) throws(RecipeError)
        -> ([SweepParameter], [String: RecipeError]) {
        let space = try node.mapping()
        guard !space.keys.isEmpty else { throw node.error("give at least one recipe key to vary") }
        var parameters: [SweepParameter] = [], locations: [String: RecipeError] = [:]
        for key in space.keys {
            guard let entry = space.optional(key) else { throw node.error("\(key): expected a mapping such as {uniform: [0, 1]}") }
            let parameter = try SweepParameter.read(key: key, entry)
            for k in parameter.keys {
                if let problem = problem(with: k, among: parameters.flatMap(\.keys)) { throw entry.error(problem) }
            }
            switch (method, parameter.kind) {
            case (.grid, .grid), (.random, .choice), (.random, .uniform), (.random, .logUniform), (.random, .integer): break
            case (.grid, _): throw entry.error("a grid search enumerates grid: [...] lists; draws need method: random")
            case (.random, _): throw entry.error("grid: lists are for method: grid; a random search draws with choice: [...]")
            }
            parameters.append(parameter)
            locations["space.\(key)"] = entry.error("")
        }
        return (parameters, locations)
    }

    /// What is wrong with the recipe key `key`, given the keys before it; nil if nothing.
    static func problem(with key: String, among earlier: [String]) -> String? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        if parts.contains(where: \.isEmpty) || key.contains(where: { $0.isWhitespace || $0 == "=" }) {
            return "'\(key)' is not a recipe key path such as algorithm.gamma"
        }
        for (reserved, why) in reserved where key == reserved || key.hasPrefix(reserved + ".") {
            return "\(key) cannot be varied: \(why)"
        }
        if let other = earlier.first(where: { $0 == key || key.hasPrefix($0 + ".") || $0.hasPrefix(key + ".") }) {
            return other == key ? "\(key) is set twice" : "\(key) overlaps \(other)"
        }
        return nil
    }

    /// The error `message` located at `place`: `halving` or `space.<key>`.
    func error(at place: String, _ message: String) -> RecipeError {
        let at = locations[place]
        return RecipeError(file: at?.file ?? file, keyPath: at?.keyPath ?? place, line: at?.line, column: at?.column,
                           message: message)
    }
}

extension SweepParameter {
    /// How many values a grid search takes from it.
    var gridSize: Int {
        if case .grid(let values) = kind { return values.count }
        return 1
    }
}
