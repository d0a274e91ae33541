import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// The network and action-space variants of the built-in plugins train: A2C with a
/// shared trunk and n-step returns, PPO with a Gaussian policy on a Box action space.
@Suite("Plugin variants")
struct PluginVariantTests {
    static func trainer(_ yaml: String) throws -> Trainer {
        BuiltinPlugins.registerAll()
        return try Trainer(recipe: Recipe(document: RecipeDocument(text: yaml), defaultName: "variant"))
    }

    @Test func a2cSharedTrunkWithNStepReturns() throws {
        let t = try Self.trainer("""
            env: {id: CartPole-v1, copies: 4}
            algorithm:
              name: a2c
              steps: 5
              advantage: nstep
              n: 3
              normalize_advantage: true
              networks: {shared: {hidden: [16, 16], activation: relu, optimizer: adam, lr: 1.0e-3}}
            train: {steps: 400, seed: 2}
            """)
        let names = t.algorithm.modules.flatMap { m in m.module.namedParameters.map { "\(m.name)/\($0.name)" } }
        #expect(names.contains("shared/trunk.0.weight") && names.contains("shared/heads.value.0.weight"))
        let before = t.algorithm.modules[0].module.parameters.map(\.value.scalars)
        #expect(try t.run() == .budgetSpent)
        let after = t.algorithm.modules[0].module.parameters.map(\.value.scalars)
        #expect(before != after)
        #expect(after.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    @Test func ppoGaussianPolicyOnABoxSpace() throws {
        let t = try Self.trainer("""
            env: {id: Pendulum-v1, copies: 2}
            algorithm: {name: ppo, steps: 32, batch_size: 16, epochs: 2, clip_range_vf: 0.2, target_kl: 0.05}
            train: {steps: 256, seed: 1}
            """)
        #expect(try t.run() == .budgetSpent)
        let logStd = t.algorithm.modules.first { $0.name == "actor" }?.module.namedParameters.first { $0.name == "log_std" }
        #expect(logStd?.parameter.shape == [1])
        #expect(t.collector.envSteps == 256)
    }

    @Test func sharedAndSeparateNetworksCannotBeMixed() {
        #expect(throws: ZooError.self) {
            _ = try Self.trainer("""
                env: {id: CartPole-v1}
                algorithm: {name: a2c, networks: {shared: {hidden: [8]}, actor: {hidden: [8]}}}
                """)
        }
    }
}
