import Testing
@testable import Zoo

/// One registered environment configuration to snapshot.
struct SnapshotCase: Sendable, CustomTestStringConvertible {
    let id: String
    let kwargs: Kwargs
    /// Steps before the snapshot and after it.
    let before: Int
    let after: Int
    var testDescription: String { "\(id) \(kwargs.isEmpty ? "" : "\(kwargs)") at step \(before)" }
}

@Suite("Environment snapshots: restoring continues bit for bit")
struct EnvironmentSnapshotTests {
    static let cases: [SnapshotCase] = [
        SnapshotCase(id: "CartPole-v0", kwargs: [:], before: 15, after: 120),
        SnapshotCase(id: "CartPole-v1", kwargs: ["sutton_barto_reward": true], before: 30, after: 120),
        SnapshotCase(id: "Acrobot-v1", kwargs: ["torque_noise_max": 0.1], before: 40, after: 120),
        SnapshotCase(id: "MountainCar-v0", kwargs: [:], before: 190, after: 120),
        SnapshotCase(id: "MountainCarContinuous-v0", kwargs: [:], before: 50, after: 120),
        SnapshotCase(id: "Pendulum-v1", kwargs: ["g": 9.81], before: 195, after: 120),
        SnapshotCase(id: "LunarLander-v3", kwargs: [:], before: 20, after: 150),
        SnapshotCase(id: "LunarLanderContinuous-v3", kwargs: [:], before: 20, after: 150),
        SnapshotCase(id: "LunarLander-v3", kwargs: ["enable_wind": true, "turbulence_power": 2.0], before: 25, after: 150),
        SnapshotCase(id: "LunarLanderContinuous-v3", kwargs: ["enable_wind": true, "wind_power": 18.0], before: 25, after: 150),
    ]

    @Test("snapshot mid-episode, continue; restore into the same env and into a fresh one: identical",
          arguments: EnvironmentSnapshotTests.cases)
    func continuation(_ c: SnapshotCase) throws {
        var env = try make(c.id, c.kwargs)
        let policy = SnapshotPolicies.patterned(env.actionSpace)
        let start = try env.reset(seed: 11).observation
        let (_, atSnapshot) = try SnapshotTrace.run(&env, from: start, count: c.before, policy: policy)
        let snapshot = env.snapshot()
        let (expected, _) = try SnapshotTrace.run(&env, from: atSnapshot, count: c.after, policy: policy)

        try env.restore(snapshot)
        let (again, _) = try SnapshotTrace.run(&env, from: atSnapshot, count: c.after, replaying: expected.actions, policy: policy)
        #expect(again == expected, "restored into the same environment")

        var fresh = try make(c.id, c.kwargs)
        try fresh.restore(snapshot)
        let (elsewhere, _) = try SnapshotTrace.run(&fresh, from: atSnapshot, count: c.after, replaying: expected.actions, policy: policy)
        #expect(elsewhere == expected, "restored into a fresh environment with the same kwargs")
    }

    @Test("a copied environment value steps independently of the original (no shared state)",
          arguments: ["CartPole-v1", "LunarLander-v3", "LunarLanderContinuous-v3"])
    func copiesAreValues(_ id: String) throws {
        var env = try make(id)
        let policy = SnapshotPolicies.patterned(env.actionSpace)
        let start = try env.reset(seed: 5).observation
        let (_, mid) = try SnapshotTrace.run(&env, from: start, count: 30, policy: policy)
        var copy = env
        let (expected, _) = try SnapshotTrace.run(&env, from: mid, count: 60, policy: policy)
        let (fromCopy, _) = try SnapshotTrace.run(&copy, from: mid, count: 60, replaying: expected.actions, policy: policy)
        #expect(fromCopy == expected)
    }

    @Test("a snapshot of another environment or configuration is refused and changes nothing")
    func mismatch() throws {
        var cartPole = try make("CartPole-v1")
        _ = try cartPole.reset(seed: 1)
        let lander = try make("LunarLander-v3").snapshot()
        let before = try #require(cartPole as? TimeLimit<CartPole>)
        #expect(throws: EnvError.self) { try cartPole.restore(lander) }
        let after = try #require(cartPole as? TimeLimit<CartPole>)
        #expect(after.base.state == before.base.state && after.elapsedSteps == before.elapsedSteps)

        // Same type, other kwargs or time limit.
        #expect(throws: EnvError.self) { try cartPole.restore(try make("CartPole-v0").snapshot()) }
        #expect(throws: EnvError.self) { try cartPole.restore(try make("CartPole-v1", ["sutton_barto_reward": true]).snapshot()) }
        var windy = try make("LunarLander-v3", ["enable_wind": true])
        #expect(throws: EnvError.self) { try windy.restore(lander) }
        var refusal: EnvError?
        do { try windy.restore(lander) } catch { refusal = error }
        guard case let .snapshotMismatch(snapshot, environment)? = refusal else {
            Issue.record("expected snapshotMismatch, got \(String(describing: refusal))")
            return
        }
        #expect(snapshot.contains("enable_wind: false") && environment.contains("enable_wind: true"))
        #expect(refusal?.description.contains("cannot restore") == true)
        // A never-reset environment's snapshot restores (and still needs a reset to step).
        var fresh = try make("LunarLander-v3")
        try fresh.restore(lander)
        #expect(throws: EnvError.self) { try fresh.step(0) }
    }
}
