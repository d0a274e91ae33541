import DSL
import Testing
@testable import Zoo

/// Everything a step produced, as bit patterns so equality is bitwise.
private struct Snapshot: Equatable {
    var observations: [UInt32]
    var rewards: [UInt32]
    var terminated: [Bool]
    var truncated: [Bool]
    var finals: [UInt32]
    var hasFinal: [Bool]

    init(_ b: VectorBuffers) {
        observations = b.observations.map(\.bitPattern)
        rewards = b.rewards.map(\.bitPattern)
        terminated = Array(b.terminated)
        truncated = Array(b.truncated)
        finals = b.finalObservations.map(\.bitPattern)
        hasFinal = Array(b.hasFinal)
    }
}

/// Runs `steps` random steps (actions drawn outside the environment) and records them.
private func trajectory(
    _ id: String, copies: Int, mode: AutoresetMode, execution: VectorExecution, steps: Int
) throws -> [Snapshot] {
    let envs = try VectorEnv(id: id, numEnvs: copies, autoreset: mode, execution: execution)
    try envs.reset(seed: 123)
    var random = SeededRandom(seed: 9)
    var out = [Snapshot(envs.buffers)]
    for t in 0..<steps {
        switch envs.singleActionSpace {
        case let .discrete(d):
            for i in 0..<copies { envs.actions.integers[i] = Int32(d.sample(using: &random)) }
        case let .box(b):
            for k in 0..<envs.actions.floats.count { envs.actions.floats[k] = Float(random.uniform(-3, 3)) * b.high[0] / 2 }
        case .multiDiscrete:
            Issue.record("unexpected space")
        }
        // Every 7th step, mask out a pattern of copies.
        let mask: [Bool]? = t % 7 == 3 ? (0..<copies).map { ($0 + t) % 3 != 0 } : nil
        try envs.step(mask: mask)
        out.append(Snapshot(envs.buffers))
    }
    return out
}

@Suite("Threads give the same bits as sync; step masks")
struct VectorThreadsAndMasksTests {
    @Test(arguments: ["CartPole-v1", "Acrobot-v1", "Pendulum-v1", "MountainCarContinuous-v0"], [AutoresetMode.nextStep, .sameStep])
    func threadsAreBitwiseIdenticalToSync(id: String, mode: AutoresetMode) throws {
        let steps = id == "Acrobot-v1" ? 560 : 320
        let reference = try trajectory(id, copies: 13, mode: mode, execution: .sync, steps: steps)
        #expect(reference.contains { $0.terminated.contains(true) || $0.truncated.contains(true) } || id == "MountainCarContinuous-v0")
        for threads in 1...4 {
            let run = try trajectory(id, copies: 13, mode: mode, execution: .threads(threads), steps: steps)
            #expect(run == reference, "\(id) \(mode) with \(threads) threads differs from sync")
        }
    }

    @Test(arguments: [AutoresetMode.nextStep, .sameStep, .disabled])
    func maskedCopiesAreNotStepped(mode: AutoresetMode) throws {
        let envs = try VectorEnv(Array(repeating: CounterEnv(), count: 3), autoreset: mode)
        try envs.reset(seed: 0)  // copy 0: k = 0, length 2, terminated
        try envs.step([1, 1, 1])
        let before = envs.buffers.observationRows
        try envs.step([2, 2, 2], mask: [false, true, true])
        let b = envs.buffers
        #expect(b.observationRows[0] == before[0], "masked copy keeps its observation")
        #expect(b.rewards[0] == 0, "masked copy reports reward 0")
        #expect(!b.hasFinal[0])
        #expect(envs.info(0) == nil)
        // The unmasked copy 1 (k = 1, length 3) advanced to t = 2.
        #expect(b.observationRows[1][2] == 2)
        // Copy 0 was not stepped: its next step is its second (t = 2), which ends it.
        try envs.step([0, 0, 0], mask: [true, false, false])
        #expect(b.observationRows[0][2] == (mode == .sameStep ? 0 : 2))
        #expect(b.terminated[0])
        #expect(b.rewards[0] == 2)
        #expect(b.rewards[1] == 0 && b.observationRows[1][2] == 2, "copy 1 masked now")
        // A finished copy that is masked out keeps its flags, and is neither reset
        // (nextStep) nor an error (disabled).
        try envs.step([0, 0, 0], mask: [false, true, true])
        #expect(b.terminated[0])
        #expect(b.rewards[0] == 0)
        if mode == .nextStep {
            try envs.step([0, 0, 0], mask: [true, false, false])
            #expect(b.observationRows[0] == [0, 1, 0], "the pending reset happens when the copy is next stepped")
            #expect(!b.terminated[0] && b.rewards[0] == 0)
        }
    }

    @Test func resetWithoutSeedContinuesEachCopysStream() throws {
        let a = try VectorEnv(id: "CartPole-v1", numEnvs: 3)
        try a.reset(seed: 5)
        let first = a.buffers.observationRows
        try a.reset()
        let second = a.buffers.observationRows
        #expect(first != second)
        try a.reset(seed: 5)
        #expect(a.buffers.observationRows == first)
        try a.reset()
        #expect(a.buffers.observationRows == second)
        // Copy i is seeded with s + i: copy 1 of seed 5 equals copy 0 of seed 6.
        let b = try VectorEnv(id: "CartPole-v1", numEnvs: 2)
        try b.reset(seed: 6)
        #expect(b.buffers.observationRows[0] == first[1])
        var single = try make("CartPole-v1")
        #expect(try single.reset(seed: 7).observation == first[2])
    }

    @Test func disabledModeResetsOnlyMaskedCopiesWithTheirSeeds() throws {
        let envs = try VectorEnv(id: "CartPole-v1", numEnvs: 3, autoreset: .disabled)
        try envs.reset(seed: 1)
        try envs.step([0, 1, 0])
        let stepped = envs.buffers.observationRows
        try envs.reset(seeds: [nil, 41, nil], options: .none, mask: [false, true, false])
        let rows = envs.buffers.observationRows
        #expect(rows[0] == stepped[0] && rows[2] == stepped[2])
        var fresh = try make("CartPole-v1")
        #expect(rows[1] == (try fresh.reset(seed: 41).observation))
    }
}

@Suite("Episode statistics with step masks")
struct MaskedStatisticsTests {
    @Test func maskedOutStepsAreNotCounted() throws {
        let envs = try VectorRecordEpisodeStatistics(
            try VectorEnv(Array(repeating: CounterEnv(), count: 2), autoreset: .nextStep))
        try envs.reset(seed: 1)  // copy 0: k = 1, 3 steps, terminated; copy 1: k = 2, 4 steps, truncated
        try envs.step([1, 1])
        try envs.step([1, 1], mask: [false, true])
        try envs.step([1, 1], mask: [true, false])
        #expect(!envs.episode.any)
        try envs.step([0, 1])
        #expect(envs.episode.mask == [true, false])
        #expect(envs.episode.length == [3, 0])
        #expect(envs.episode.reward == [1.5 + 2.5 + 3, 0])
        try envs.step([0, 0])  // copy 0's reset step (not counted), copy 1's 4th step ends it
        #expect(envs.episode.mask == [false, true])
        #expect(envs.episode.length == [0, 4])
        #expect(envs.episodeCount == 2)
    }
}

@Suite("Copies made from one value")
struct SharedValueCopiesTests {
    @Test func copiesOfOneValueGetTheirOwnStreams() throws {
        let envs = try VectorEnv(Array(repeating: CartPole(), count: 3))
        try envs.reset()  // no seed: each copy continues its own (distinct) stream
        let rows = envs.buffers.observationRows
        #expect(Set(rows.map { $0.map(\.bitPattern) }).count == 3)
    }
}
