import Testing
@testable import Zoo
@testable import ZooEnvironments

@Suite("LunarLander snapshots: through ground contact and sleep")
struct LunarLanderSnapshotTests {
    /// Steps of the heuristic's first episode from `seed`: when a leg first touches and
    /// when the lander falls asleep (terminated with +100).
    static func milestones(continuous: Bool, seed: Int) throws -> (contact: Int, sleep: Int) {
        var env = try make(continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3")
        var obs = try env.reset(seed: seed).observation
        let policy = SnapshotPolicies.heuristic(continuous: continuous)
        var contact: Int?
        for t in 0..<1000 {
            let step = try env.step(policy(t, obs))
            obs = step.observation
            if contact == nil && (obs[6] == 1 || obs[7] == 1) { contact = t }
            if step.terminated {
                #expect(step.reward == 100, "the heuristic's episode must end asleep")
                return (try #require(contact), t)
            }
        }
        throw EnvError.invalidArgument("the heuristic did not land within 1000 steps")
    }

    @Test("snapshots after touchdown and just before sleep continue bit for bit across sleep and the next reset",
          arguments: [(false, 3), (true, 4)])
    func contactAndSleep(_ continuous: Bool, _ seed: Int) throws {
        let id = continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3"
        let (contact, sleep) = try Self.milestones(continuous: continuous, seed: seed)
        #expect(contact + 10 < sleep)
        let policy = SnapshotPolicies.heuristic(continuous: continuous)
        for point in [contact + 1, contact + 5, (contact + sleep) / 2, sleep - 3] {
            var env = try make(id)
            let start = try env.reset(seed: seed).observation
            let (_, atSnapshot) = try SnapshotTrace.run(&env, from: start, count: point, policy: policy)
            let snapshot = env.snapshot()
            let after = sleep - point + 40
            let (expected, _) = try SnapshotTrace.run(&env, from: atSnapshot, count: after, policy: policy)
            #expect(expected.lines.contains { $0.contains("term true") }, "the continuation crosses sleep")

            try env.restore(snapshot)
            let (again, _) = try SnapshotTrace.run(&env, from: atSnapshot, count: after, replaying: expected.actions, policy: policy)
            #expect(again == expected, "\(id) snapshot at step \(point): same environment")
            var fresh = try make(id)
            try fresh.restore(snapshot)
            let (elsewhere, _) = try SnapshotTrace.run(&fresh, from: atSnapshot, count: after, replaying: expected.actions, policy: policy)
            #expect(elsewhere == expected, "\(id) snapshot at step \(point): fresh environment")
        }
    }

    @Test("the snapshot's world is a deep copy: restoring twice gives two worlds, neither the original's")
    func deepCopy() throws {
        var env = LunarLander(try LunarLanderConfiguration())
        _ = try env.reset(seed: 8)
        for t in 0..<40 { _ = try env.step(t % 4) }
        let snapshot = env.snapshot()
        var a = LunarLander(try LunarLanderConfiguration())
        var b = LunarLander(try LunarLanderConfiguration())
        try a.restore(snapshot)
        try b.restore(snapshot)
        let worlds = [env.scene?.world, a.scene?.world, b.scene?.world].compactMap { $0 }
        #expect(worlds.count == 3)
        #expect(worlds[0] !== worlds[1] && worlds[1] !== worlds[2] && worlds[0] !== worlds[2])
        #expect(a.scene?.lander.position == env.scene?.lander.position)
        #expect(a.windIndices == env.windIndices && a.isGameOver == env.isGameOver)
    }
}
