import ArgumentParser
import Foundation
import Zoo

/// `zoo eval`: evaluates a trained agent (`zoo eval RUN_DIR|CHECKPOINT`) or a baseline
/// policy (random, or an environment's heuristic: `--env ID --policy NAME`) for N
/// episodes from consecutive seeds.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a trained agent or a baseline policy: mean, std, min and max return, mean length.",
        discussion: """
            Episode k starts from reset(seed: SEED + k) and runs until it terminates or the \
            environment's time limit truncates it. Example:
              zoo eval --env LunarLander-v3 --policy heuristic --episodes 100 --seed 0
            """
    )

    @Argument(help: "A run directory (uses its recipe and checkpoints/last.safetensors) or a checkpoint file.")
    var agent: String?

    @Flag(help: "Trained agents: take the most likely action instead of sampling.")
    var deterministic = false

    @Option(help: "A registered environment id, e.g. LunarLander-v3 (baseline policies).")
    var env: String?

    @Option(help: "The policy: \(BuiltinPolicies.names.joined(separator: " or ")) (heuristic only where the environment has one).")
    var policy: String?

    @Option(parsing: .unconditional, help: "Number of episodes.")
    var episodes = 100

    @Option(parsing: .unconditional, help: "Seed of the first episode (episode k uses seed + k; the random policy's stream derives from it).")
    var seed = 0

    @Option(name: .customLong("kwarg"), help: "An environment kwarg as name=value (repeatable), e.g. --kwarg enable_wind=true.")
    var kwargs: [String] = []

    @Flag(help: "Print the summary (and every episode's return and length) as JSON.")
    var json = false

    func run() throws {
        do {
            let summary = try evaluate()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(Report(summary, env: env ?? "", policy: agent ?? policy ?? "random")), as: UTF8.self))
            } else {
                print(text(summary))
            }
        } catch let error as EnvError {
            throw UserError("\(error)")
        }
    }

    private func evaluate() throws -> EvaluationSummary {
        guard episodes > 0 else { throw UserError("--episodes must be positive, got \(episodes)") }
        let parsed = try parsedKwargs()
        if let agent {
            guard policy == nil else {
                throw UserError("--policy chooses a baseline policy; it cannot be combined with a trained agent (\(agent))")
            }
            do {
                let trained = try TrainedAgent.load(agent)
                if let env, env != trained.recipe.env.id {
                    throw UserError("--env \(env): the agent \(agent) was trained on \(trained.recipe.env.id) and can only act there (--kwarg changes its parameters)")
                }
                return try trained.evaluate(episodes: episodes, seed: seed, deterministic: deterministic, kwargs: parsed)
            } catch let error as ZooError {
                throw UserError(error.description)
            }
        }
        guard let env else {
            throw UserError("give an environment with --env ID (registered: \(EnvironmentRegistry.shared.ids.joined(separator: ", ")))")
        }
        return try PolicyEvaluation.run(id: env, kwargs: parsed, policy: policy ?? "random", episodes: episodes, seed: seed)
    }

    /// The `--kwarg name=value` flags.
    private func parsedKwargs() throws(UserError) -> Kwargs {
        var parsed: Kwargs = [:]
        for item in kwargs {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw UserError("--kwarg expects name=value, got \(OneLine.quoted(item))")
            }
            parsed[String(item[..<eq])] = Self.value(String(item[item.index(after: eq)...]))
        }
        return parsed
    }

    /// A kwarg value from the command line: bool, int, double, else string.
    static func value(_ text: String) -> ParameterValue {
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            if let i = Int(text) { return .int(i) }
            if let d = Double(text) { return .double(d) }
            return .string(text)
        }
    }

    /// What was evaluated, for the summary's first line.
    private var subject: String {
        if let agent { return "agent \(agent) (\(deterministic ? "deterministic" : "sampled") actions)" }
        return "\(env ?? ""), policy \(policy ?? "random")"
    }

    private func text(_ s: EvaluationSummary) -> String {
        func f(_ x: Double) -> String { String(format: "%10.2f", x) }
        return """
            \(subject), \(s.episodes) episodes from seed \(seed)
            mean return \(f(s.meanReturn))
            std return  \(f(s.stdReturn))
            min return  \(f(s.minReturn))
            max return  \(f(s.maxReturn))
            mean length \(f(s.meanLength))
            """
    }

    private struct Report: Encodable {
        let env: String
        let policy: String
        let episodes: Int
        let meanReturn: Double
        let stdReturn: Double
        let minReturn: Double
        let maxReturn: Double
        let meanLength: Double
        let seeds: [Int]
        let returns: [Double]
        let lengths: [Int]

        init(_ s: EvaluationSummary, env: String, policy: String) {
            self.env = env
            self.policy = policy
            episodes = s.episodes
            meanReturn = s.meanReturn
            stdReturn = s.stdReturn
            minReturn = s.minReturn
            maxReturn = s.maxReturn
            meanLength = s.meanLength
            seeds = s.seeds
            returns = s.returns
            lengths = s.lengths
        }
    }
}
