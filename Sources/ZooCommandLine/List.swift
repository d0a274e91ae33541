import ArgumentParser
import Zoo

/// `zoo list`: the algorithms with their hyperparameters and defaults, the environments
/// with their parameters, and the wrappers a recipe can use.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List algorithms, environments and wrappers.")

    func run() throws {
        print("Algorithms (recipe key algorithm.name):")
        for name in AlgorithmRegistry.shared.names {
            guard let type = try? AlgorithmRegistry.shared.type(named: name) else { continue }
            print("  \(name) — \(type.summary)")
            for h in type.hyperparameters {
                print("      \(h.name) = \(h.defaultValue)    \(h.help)")
            }
        }
        print("\nEnvironments (recipe key env.id):")
        for id in EnvironmentRegistry.shared.ids {
            guard let spec = try? EnvironmentRegistry.shared.spec(id) else { continue }
            let limit = spec.maxEpisodeSteps.map { "max_episode_steps \($0)" } ?? "no time limit"
            let threshold = spec.rewardThreshold.map { ", reward threshold \($0)" } ?? ""
            print("  \(id) (\(limit)\(threshold))")
            for p in spec.parameters {
                print("      \(p.name) = \(p.defaultValue)")
            }
        }
        print("\nWrappers (recipe key env.wrappers): \(EnvironmentRecipe.Wrapper.names.joined(separator: ", "))")
    }
}
