import DSL
import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// GRPO end to end with TRL's options: continuous (Box) action spaces, every loss type
/// and reward scaling, the KL reference as a checkpointed module and its TR-DPO sync.
@Suite("GRPO training options")
struct GRPOTrainingTests {
    static func trainer(_ yaml: String) throws -> Trainer {
        BuiltinPlugins.registerAll()
        return try Trainer(recipe: Recipe(document: RecipeDocument(text: yaml), defaultName: "grpo-options"))
    }

    static func actorValues(_ t: Trainer) -> [[Float]] {
        t.algorithm.modules.first { $0.name == "actor" }!.module.parameters.map(\.value.scalars)
    }

    @Test(arguments: ["Pendulum-v1", "LunarLanderContinuous-v3"])
    func trainsOnABoxActionSpace(_ id: String) throws {
        let t = try Self.trainer("""
            env: {id: \(id), copies: 4, max_episode_steps: 40}
            algorithm: {name: grpo, generations: 2, epochs: 2, epsilon_high: 0.28, networks: {actor: {hidden: [16]}}}
            train: {steps: 400, seed: 3}
            """)
        let logStd = t.algorithm.modules[0].module.namedParameters.first { $0.name == "log_std" }
        #expect(logStd != nil, "a Gaussian policy")
        let before = Self.actorValues(t)
        #expect(try t.run() == .budgetSpent)
        #expect(t.updates >= 3)
        let after = Self.actorValues(t)
        #expect(before != after)
        #expect(after.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    @Test(arguments: GRPO.LossType.allCases.map(\.rawValue), RewardScaling.allCases.map(\.rawValue))
    func everyLossTypeAndScalingTrains(_ lossType: String, _ scale: String) throws {
        let t = try Self.trainer("""
            env: {id: CartPole-v1, copies: 4, max_episode_steps: 30}
            algorithm: {name: grpo, generations: 2, loss_type: \(lossType), scale_rewards: \(scale), supervision: reward_to_go,
                        epochs: 2, beta: 0.05, networks: {actor: {hidden: [8]}}}
            train: {steps: 200, seed: 4}
            """)
        let before = Self.actorValues(t)
        #expect(try t.run() == .budgetSpent)
        let after = Self.actorValues(t)
        #expect(before != after)
        #expect(after.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    @Test func theReferenceIsACheckpointedModuleOnlyWithBeta() throws {
        let without = try Self.trainer("env: {id: CartPole-v1, copies: 4}\nalgorithm: {name: grpo, generations: 2}")
        #expect(without.algorithm.modules.map(\.name) == ["actor"])
        let with = try Self.trainer("env: {id: CartPole-v1, copies: 4}\nalgorithm: {name: grpo, generations: 2, beta: 0.1}")
        #expect(with.algorithm.modules.map(\.name) == ["actor", "reference"])
        let reference = with.algorithm.modules[1].module.parameters.map(\.value.scalars)
        #expect(reference == Self.actorValues(with), "the reference starts as the initial actor")
    }

    @Test func theReferenceFollowsTheActorEveryKUpdates() throws {
        // α = 1 copies the actor at every second update; the frozen reference never moves.
        let synced = try Self.trainer("""
            env: {id: CartPole-v1, copies: 4, max_episode_steps: 20}
            algorithm: {name: grpo, generations: 2, beta: 0.1, sync_ref_model: true, ref_model_sync_steps: 2,
                        ref_model_mixup_alpha: 1.0, networks: {actor: {hidden: [8]}}}
            train: {updates: 4, steps: 100000, seed: 5}
            """)
        let initial = Self.actorValues(synced)
        _ = try synced.run()
        #expect(synced.updates == 4)
        let grpo = try #require(synced.algorithm as? GRPO)
        #expect(grpo.reference!.parameters.map(\.value.scalars) == Self.actorValues(synced))
        #expect(initial != Self.actorValues(synced))

        let frozen = try Self.trainer("""
            env: {id: CartPole-v1, copies: 4, max_episode_steps: 20}
            algorithm: {name: grpo, generations: 2, beta: 0.1, networks: {actor: {hidden: [8]}}}
            train: {updates: 4, steps: 100000, seed: 5}
            """)
        _ = try frozen.run()
        #expect((frozen.algorithm as? GRPO)?.reference?.parameters.map(\.value.scalars) == initial)
    }

    @Test func checkpointsCarryTheReference() throws {
        let yaml = """
            env: {id: CartPole-v1, copies: 4, max_episode_steps: 20}
            algorithm: {name: grpo, generations: 2, beta: 0.1, sync_ref_model: true, ref_model_sync_steps: 1,
                        ref_model_mixup_alpha: 0.5, networks: {actor: {hidden: [8]}}}
            train: {updates: 2, steps: 100000, seed: 6}
            """
        let trained = try Self.trainer(yaml)
        _ = try trained.run()
        let contents = AgentCheckpoint.contents(of: trained.algorithm, recipe: yaml, envSteps: 0, updates: 2)
        #expect(contents.tensors.keys.contains { $0.hasPrefix("module/reference/") })
        let fresh = try Self.trainer(yaml)
        try AgentCheckpoint.restore(contents, into: fresh.algorithm, path: "memory", optimizers: true)
        let reference = { (t: Trainer) in t.algorithm.modules.first { $0.name == "reference" }!.module.parameters.map(\.value.scalars) }
        #expect(reference(fresh) == reference(trained))
        #expect(reference(fresh) != Self.actorValues(fresh), "the half-way reference is its own module")
    }

    @Test func mixupIsTRDPOsSoftUpdate() throws {
        let t = try Self.trainer("env: {id: CartPole-v1, copies: 4}\nalgorithm: {name: grpo, generations: 2, beta: 0.1}")
        let grpo = try #require(t.algorithm as? GRPO)
        let reference = try #require(grpo.reference)
        for p in grpo.actor.parameters { p.assign(p.value.scalars.map { $0 + 1 }) }
        let ref = reference.parameters.map(\.value.scalars), actor = grpo.actor.parameters.map(\.value.scalars)
        GRPO.mix(into: reference, from: grpo.actor, alpha: 0.25)
        for (mixed, (r, a)) in zip(reference.parameters.map(\.value.scalars), zip(ref, actor)) {
            #expect(zip(mixed, zip(r, a)).allSatisfy { m, ra in Swift.abs(m - (0.25 * ra.1 + 0.75 * ra.0)) < 1e-6 })
        }
    }

    @Test(arguments: [
        ("sync_ref_model: true", "sync_ref_model needs beta > 0"),
        ("loss_type: sum", "loss_type"),
        ("scale_rewards: true", "scale_rewards"),
        ("clip_range: 0.2", "clip_range"),
        ("normalize_std: true", "normalize_std"),
        ("kl_coef: 0.1", "kl_coef"),
        ("epsilon: 1.5", "epsilon"),
    ])
    func mistakesAreNamed(_ settings: String, _ message: String) throws {
        do {
            _ = try Self.trainer("env: {id: CartPole-v1, copies: 4}\nalgorithm: {name: grpo, generations: 2, \(settings)}")
            Issue.record("\(settings) was accepted")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func groupScalingNeedsTwoGenerations() throws {
        #expect(throws: ZooError.self) {
            _ = try Self.trainer("env: {id: CartPole-v1, copies: 4}\nalgorithm: {name: grpo, generations: 1}")
        }
        _ = try Self.trainer("env: {id: CartPole-v1, copies: 4}\nalgorithm: {name: grpo, generations: 1, scale_rewards: batch}")
    }
}
