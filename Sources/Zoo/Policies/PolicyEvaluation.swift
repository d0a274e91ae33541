import Foundation

/// What an evaluation measured: per-episode returns and lengths and their summary.
///
/// Why: `zoo eval`, the statistical parity tests and (later) the evaluation of trained
/// agents report the same numbers; the standard deviation is NumPy's default
/// (population, `ddof = 0`) so figures compare directly with Gymnasium scripts.
public struct EvaluationSummary: Sendable, Equatable, Codable {
    public var seeds: [Int]
    public var returns: [Double]
    public var lengths: [Int]

    public init(seeds: [Int], returns: [Double], lengths: [Int]) {
        self.seeds = seeds
        self.returns = returns
        self.lengths = lengths
    }

    public var episodes: Int { returns.count }
    public var meanReturn: Double { returns.isEmpty ? .nan : returns.reduce(0, +) / Double(returns.count) }
    public var stdReturn: Double {
        guard !returns.isEmpty else { return .nan }
        let m = meanReturn
        return (returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(returns.count)).squareRoot()
    }
    public var minReturn: Double { returns.min() ?? .nan }
    public var maxReturn: Double { returns.max() ?? .nan }
    public var meanLength: Double { lengths.isEmpty ? .nan : Double(lengths.reduce(0, +)) / Double(lengths.count) }
}

/// Runs a policy for whole episodes from consecutive seeds.
///
/// Why: one definition of "evaluate" for every baseline and agent: episode `k` starts
/// with `reset(seed: seed + k)` and runs until `terminated` or `truncated` (so the
/// environment's `TimeLimit`, when made through the registry, bounds it).
public enum PolicyEvaluation {
    /// Evaluates `policy` on `env` for `episodes` episodes from seeds `seed, seed+1, …`.
    /// `maxSteps` guards against environments without a time limit (a typed error when
    /// an episode exceeds it).
    public static func run<P: Policy>(
        _ env: inout any Environment, policy: inout P, episodes: Int, seed: Int, maxSteps: Int = 1_000_000
    ) throws(EnvError) -> EvaluationSummary {
        guard episodes > 0 else { throw .invalidArgument("the number of episodes must be positive, got \(episodes)") }
        var returns: [Double] = [], lengths: [Int] = [], seeds: [Int] = []
        for k in 0..<episodes {
            let s = seed + k
            var (observation, _) = try env.reset(seed: s)
            var total = 0.0, steps = 0
            while true {
                let t = try env.step(policy.action(for: observation))
                total += t.reward
                steps += 1
                observation = t.observation
                if t.terminated || t.truncated { break }
                if steps >= maxSteps {
                    throw .invalidArgument("episode from seed \(s) did not end within \(maxSteps) steps")
                }
            }
            seeds.append(s)
            returns.append(total)
            lengths.append(steps)
        }
        return EvaluationSummary(seeds: seeds, returns: returns, lengths: lengths)
    }

    /// Evaluates a built-in policy (`random`, or `heuristic` where the environment has
    /// one) on the registered environment `id`.
    public static func run(
        id: String, kwargs: Kwargs = [:], policy name: String, episodes: Int, seed: Int
    ) throws(EnvError) -> EvaluationSummary {
        var env = try make(id, kwargs)
        var policy = try BuiltinPolicies.make(name, environment: id, actionSpace: env.actionSpace, seed: seed)
        return try run(&env, policy: &policy, episodes: episodes, seed: seed)
    }
}

/// One of the baseline policies Zoo ships, chosen by name at run time.
///
/// Why an enum: `zoo eval --policy NAME` picks the policy from a string, and the
/// evaluation loop stays generic (specialised) over this one concrete type.
public enum BuiltinPolicy: Policy {
    case random(RandomPolicy)
    case heuristic(LunarLanderHeuristic)

    public mutating func action(for observation: [Float]) -> Action {
        switch self {
        case var .random(p):
            let a = p.action(for: observation)
            self = .random(p)
            return a
        case var .heuristic(p):
            return p.action(for: observation)
        }
    }
}

/// The baseline policies Zoo ships, by name.
///
/// Why: `zoo eval --policy NAME` and recipes refer to baselines by name; an unknown name,
/// or `heuristic` for an environment without one, is a typed error listing what exists.
public enum BuiltinPolicies {
    /// Environment ids with a hand-written controller.
    public static let heuristicEnvironments = ["LunarLander-v3", "LunarLanderContinuous-v3"]
    /// Every policy name.
    public static let names = ["random", "heuristic"]

    /// The policy `name` for environment `id` with action space `actionSpace`.
    public static func make(_ name: String, environment id: String, actionSpace: ActionSpace, seed: Int) throws(EnvError) -> BuiltinPolicy {
        switch name {
        case "random":
            return .random(RandomPolicy(space: actionSpace, seed: seed))
        case "heuristic":
            guard heuristicEnvironments.contains(id) else {
                throw .invalidArgument(
                    "no heuristic policy for \(id): heuristics exist for \(heuristicEnvironments.joined(separator: ", ")); use --policy random")
            }
            if case .box = actionSpace { return .heuristic(LunarLanderHeuristic(continuous: true)) }
            return .heuristic(LunarLanderHeuristic(continuous: false))
        default:
            let hint = EditDistance.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw .invalidArgument("unknown policy '\(name)'\(hint); available: \(names.joined(separator: ", "))")
        }
    }
}
