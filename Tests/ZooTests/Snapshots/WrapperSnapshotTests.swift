import Testing
@testable import Zoo

@Suite("Wrapper snapshots: each wrapper's state travels with its base's")
struct WrapperSnapshotTests {
    /// CartPole under a short time limit (so the continuation truncates), episode
    /// statistics and both normalisations.
    static func cartPoleStack() throws -> NormalizeReward<NormalizeObservation<RecordEpisodeStatistics<TimeLimit<CartPole>>>> {
        try NormalizeReward(NormalizeObservation(RecordEpisodeStatistics(TimeLimit(CartPole(), maxEpisodeSteps: 30))))
    }

    @Test("time limit, episode statistics and normalisation statistics are restored with the environment")
    func stack() throws {
        var env: any Environment = try Self.cartPoleStack()
        let policy: (Int, [Float]) -> Action = { t, _ in .discrete((t / 3) % 2) }
        let start = try env.reset(seed: 2).observation
        let (_, mid) = try SnapshotTrace.run(&env, from: start, count: 47, policy: policy)
        let saved = try #require(env as? NormalizeReward<NormalizeObservation<RecordEpisodeStatistics<TimeLimit<CartPole>>>>)
        let snapshot = env.snapshot()
        let (expected, _) = try SnapshotTrace.run(&env, from: mid, count: 100, policy: policy)
        #expect(expected.lines.contains { $0.contains("trunc true") }, "the continuation hits the time limit")

        var fresh: any Environment = try Self.cartPoleStack()
        try fresh.restore(snapshot)
        let restored = try #require(fresh as? NormalizeReward<NormalizeObservation<RecordEpisodeStatistics<TimeLimit<CartPole>>>>)
        #expect(restored.base.base.base.elapsedSteps == saved.base.base.base.elapsedSteps)
        #expect(restored.base.base.base.elapsedSteps > 0)
        #expect(restored.base.base.episodeCount == saved.base.base.episodeCount)
        #expect(restored.base.base.returnQueue.elements == saved.base.base.returnQueue.elements)
        #expect(restored.base.statistics == saved.base.statistics)
        #expect(restored.statistics == saved.statistics && restored.discountedReward == saved.discountedReward)
        let (elsewhere, _) = try SnapshotTrace.run(&fresh, from: mid, count: 100, replaying: expected.actions, policy: policy)
        #expect(elsewhere == expected)

        try env.restore(snapshot)
        let (again, _) = try SnapshotTrace.run(&env, from: mid, count: 100, replaying: expected.actions, policy: policy)
        #expect(again == expected)
    }

    @Test("action wrappers over LunarLander: clip and rescale around a snapshotted world")
    func actionWrappers() throws {
        let build = { () throws -> any Environment in
            try ClipAction(RescaleAction(TimeLimit(LunarLander(LunarLanderConfiguration(continuous: true)), maxEpisodeSteps: 1000),
                                         minAction: -2, maxAction: 2))
        }
        var env = try build()
        let policy = SnapshotPolicies.patterned(env.actionSpace)
        let start = try env.reset(seed: 9).observation
        let (_, mid) = try SnapshotTrace.run(&env, from: start, count: 25, policy: policy)
        let snapshot = env.snapshot()
        let (expected, _) = try SnapshotTrace.run(&env, from: mid, count: 80, policy: policy)
        var fresh = try build()
        try fresh.restore(snapshot)
        let (elsewhere, _) = try SnapshotTrace.run(&fresh, from: mid, count: 80, replaying: expected.actions, policy: policy)
        #expect(elsewhere == expected)
        // A different wrapper parameter is another configuration.
        var other: any Environment = try ClipAction(RescaleAction(TimeLimit(
            LunarLander(LunarLanderConfiguration(continuous: true)), maxEpisodeSteps: 1000), minAction: -1, maxAction: 1))
        #expect(throws: EnvError.self) { try other.restore(snapshot) }
    }
}
