import Testing
import DSL
@testable import Plugins
@testable import Zoo

/// `zoo bench train`'s profile: the phases partition the run's time, and the phases a PPO
/// run has (environment, inference, minibatches, forward, backward, optimiser) are seen.
@Suite("Training profile")
struct TrainingProfileTests {
    @Test func phasesCoverTheRun() throws {
        BuiltinPlugins.registerAll()
        let recipe = try Recipe(document: RecipeDocument(text: """
            env: {id: CartPole-v1, copies: 4}
            algorithm: {name: ppo, steps: 16, batch_size: 32, epochs: 2, networks: {actor: {hidden: [8]}, critic: {hidden: [8]}}}
            train: {steps: 640, seed: 3}
            """), defaultName: "profile")
        let profile = try TrainingProfile.measure(recipe)
        #expect(profile.envSteps == 640)
        let total = profile.seconds.values.reduce(0, +)
        #expect(total > 0 && total <= profile.wallSeconds * 1.01 + 0.01)
        for phase in [PhaseProfile.Phase.environment, .inference, .minibatches, .forward, .backward, .optimizer] {
            #expect((profile.seconds[phase] ?? 0) > 0, "\(phase) has no time")
        }
        #expect(profile.table.contains("steps/s"))
        #expect(profile.table.split(separator: "\n").count == PhaseProfile.Phase.allCases.count + 2)
    }
}
