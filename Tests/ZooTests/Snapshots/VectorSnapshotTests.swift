import Testing
@testable import Zoo

@Suite("Vector snapshots: one copy's state restored into others")
struct VectorSnapshotTests {
    /// Rows, rewards and flags of every copy, as bit patterns.
    static func rows(_ v: any VectorEnvironment, rewards: Bool = true) -> [String] {
        (0..<v.numEnvs).map { i in
            let b = v.buffers
            return SnapshotTrace.bits(Array(b.observation(i))) + (rewards ? " r \(b.rewards[i].bitPattern)" : "")
                + " \(b.terminated[i]) \(b.truncated[i])"
        }
    }

    @Test("snapshot copy 0 mid-episode, restore into copies 1…3: equal actions give equal rows at every step",
          arguments: [VectorExecution.sync, .threads(2)])
    func group(_ execution: VectorExecution) throws {
        let base = try VectorEnv(id: "LunarLander-v3", numEnvs: 4, kwargs: ["enable_wind": true], execution: execution)
        base.recordEpisodes()
        let vec = try VectorNormalizeReward(VectorRecordEpisodeStatistics(base))
        try vec.reset(seed: 21)
        for t in 0..<30 { try vec.step((0..<4).map { (t + $0) % 4 }) }
        #expect(Set(Self.rows(vec)).count == 4, "copies differ before the restore")

        let snapshot = try vec.snapshot(copy: 0)
        try vec.restore(snapshot, into: [1, 2, 3])
        #expect(Set(Self.rows(vec)).count == 1, "restored rows equal copy 0's")
        #expect(base.capturedEpisodes().map { Set($0.map { $0.floats.count + $0.integers.count }).count } == 1)

        var trajectory: [String] = []
        for t in 0..<200 {
            try vec.step(Array(repeating: (t * 5 + t / 7) % 4, count: 4))
            let rows = Self.rows(vec)
            #expect(Set(rows).count == 1, "step \(t): copies diverged")
            if Set(rows).count != 1 { break }
            trajectory.append(Self.rows(vec, rewards: false)[0])
        }
        let stats = try #require(vec.env as? VectorRecordEpisodeStatistics)
        #expect(Set(stats.returns).count == 1 && Set(stats.lengths).count == 1)
        #expect(Set(vec.accumulatedReward).count == 1)

        // Restoring into the snapshotted copy itself replays the same continuation. (The
        // reward normaliser's running statistics are shared by all copies and have moved
        // on since, so only observations and flags are compared here.)
        try vec.restore(snapshot, into: [0])
        for t in 0..<50 {
            try vec.step(Array(repeating: (t * 5 + t / 7) % 4, count: 4))
            #expect(Self.rows(vec, rewards: false)[0] == trajectory[t], "copy 0, step \(t) after restoring into itself")
        }
    }

    @Test("bad indices and foreign snapshots are refused before any copy changes")
    func refusals() throws {
        let vec = try VectorEnv(id: "CartPole-v1", numEnvs: 3)
        try vec.reset(seed: 0)
        try vec.step([0, 1, 1])
        let before = Self.rows(vec)
        #expect(throws: EnvError.self) { try vec.snapshot(copy: 3) }
        let snapshot = try vec.snapshot(copy: 1)
        #expect(throws: EnvError.self) { try vec.restore(snapshot, into: [0, 7]) }
        #expect(throws: EnvError.self) { try vec.restore(snapshot, into: [-1]) }
        let other = try VectorEnv(id: "CartPole-v0", numEnvs: 2)
        try other.reset(seed: 0)
        #expect(throws: EnvError.self) { try vec.restore(try other.snapshot(copy: 0), into: [0]) }
        let wrapped = try VectorRecordEpisodeStatistics(VectorEnv(id: "CartPole-v1", numEnvs: 2))
        try wrapped.reset(seed: 0)
        #expect(throws: EnvError.self) { try vec.restore(try wrapped.snapshot(copy: 0), into: [0]) }
        #expect(throws: EnvError.self) { try wrapped.restore(snapshot, into: [0]) }
        #expect(Self.rows(vec) == before)
        try vec.restoreAll(snapshot)
        #expect(Set(Self.rows(vec)).count == 1)
    }
}
