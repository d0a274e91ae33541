import Testing
@testable import Zoo

@Suite("Bad input gives typed errors, never a crash")
struct ErrorTests {
    @Test func actionsOutsideTheSpace() throws {
        var cartPole = try make("CartPole-v1")
        _ = try cartPole.reset(seed: 0)
        #expect(throws: EnvError.actionOutOfSpace(action: "2", space: "Discrete(2)")) { try cartPole.step(2) }
        #expect(throws: EnvError.self) { try cartPole.step([0.5]) }
        var pendulum = try make("Pendulum-v1")
        _ = try pendulum.reset(seed: 0)
        #expect(throws: EnvError.self) { try pendulum.step([0.5, 0.5]) }
        #expect(throws: EnvError.self) { try pendulum.step([.nan]) }
        #expect(throws: EnvError.self) { try pendulum.step(1) }
    }

    @Test func stepBeforeReset() {
        var env = CartPole()
        #expect(throws: EnvError.resetNeeded(env: "CartPole")) { try env.step(0) }
    }

    @Test func badResetOptions() throws {
        var env = try make("CartPole-v1")
        #expect(throws: EnvError.self) { try env.reset(seed: 0, options: ["low": 0.1, "high": -0.1]) }
        #expect(throws: EnvError.self) { try env.reset(seed: 0, options: ["lo": 0.1]) }
        #expect(throws: EnvError.self) { try env.reset(seed: 0, options: ["low": "a"]) }
        let (obs, _) = try env.reset(seed: 0, options: ["low": 0.2, "high": 0.3])
        #expect(obs.allSatisfy { $0 >= 0.2 && $0 <= 0.3 })
    }

    @Test func vectorMasksAndBuffers() throws {
        let envs = try VectorEnv(id: "CartPole-v1", numEnvs: 3, autoreset: .disabled, execution: .threads(2))
        try envs.reset(seed: 0)
        #expect(throws: EnvError.resetMaskLength(expected: 3, got: 2)) { try envs.reset(mask: [true, false]) }
        #expect(throws: EnvError.resetMaskEmpty) { try envs.reset(mask: [false, false, false]) }
        #expect(throws: EnvError.stepMaskLength(expected: 3, got: 4)) { try envs.step([0, 0, 0], mask: [true, true, true, true]) }
        #expect(throws: EnvError.actionsBufferSize(expected: 3, got: 2)) { try envs.step([0, 1]) }
        #expect(throws: EnvError.seedCount(expected: 3, got: 1)) { try envs.reset(seeds: [1], options: .none, mask: nil) }
        #expect(throws: EnvError.self) { try envs.step(continuous: [0, 0, 0]) }
        // A bad action in one copy leaves every copy untouched.
        let before = envs.buffers.observationRows
        #expect(throws: EnvError.actionOutOfSpace(action: "5 (copy 1)", space: "Discrete(2)")) { try envs.step([0, 5, 0]) }
        #expect(envs.buffers.observationRows == before)
        // Stepping a finished copy with autoreset disabled.
        var finished: Int?
        for _ in 0..<200 where finished == nil {
            try envs.step([1, 1, 1], mask: envs.buffers.terminatedArray.map { !$0 })
            finished = envs.buffers.terminatedArray.firstIndex(of: true)
        }
        let index = try #require(finished)
        #expect(throws: EnvError.steppedFinishedCopy(index: index)) { try envs.step([1, 1, 1]) }
        try envs.reset(mask: (0..<3).map { $0 == index })
        #expect(!envs.buffers.terminated[index])
    }

    @Test func wrapperAndVectorParameters() throws {
        #expect(throws: EnvError.self) { try TimeLimit(CartPole(), maxEpisodeSteps: 0) }
        #expect(throws: EnvError.self) { try NormalizeReward(Pendulum(), gamma: 1.5) }
        #expect(throws: EnvError.self) { try NormalizeObservation(Pendulum(), epsilon: 0) }
        #expect(throws: EnvError.self) { try ClipAction(CartPole()) }
        #expect(throws: EnvError.self) { try VectorEnv(id: "CartPole-v1", numEnvs: 0) }
        #expect(throws: EnvError.self) { try VectorEnv(id: "CartPole-v1", numEnvs: 2, execution: .threads(0)) }
        #expect(throws: EnvError.self) { try VectorEnv([CartPole(), Pendulum()]) }
        #expect(throws: EnvError.self) {
            try VectorNormalizeObservation(try VectorEnv(id: "CartPole-v1", numEnvs: 2, autoreset: .sameStep))
        }
        let normalized = try VectorNormalizeObservation(try VectorEnv(id: "CartPole-v1", numEnvs: 2))
        #expect(throws: EnvError.self) { try normalized.reset(seed: 0, mask: [true, false]) }
        #expect(throws: EnvError.self) { try make("Pendulum-v1", maxEpisodeSteps: -3) }
    }
}

@Suite("Errors raised inside worker threads")
struct WorkerErrorTests {
    @Test func errorsFromCopiesReachTheCaller() throws {
        let envs = try VectorEnv(id: "CartPole-v1", numEnvs: 4, execution: .threads(2))
        #expect(throws: EnvError.resetNeeded(env: "CartPole")) { try envs.step([0, 0, 0, 0]) }
        try envs.reset(seed: 0)
        try envs.step([0, 1, 0, 1])
        #expect(!envs.buffers.terminatedArray.contains(true))
    }
}

@Suite("Actions of copies being reset")
struct ResetStepActionTests {
    @Test func nextStepIgnoresTheActionOfACopyBeingReset() throws {
        let envs = try VectorEnv(Array(repeating: CounterEnv(), count: 2), autoreset: .nextStep)
        try envs.reset(seed: 0)  // copy 0 ends after 2 steps
        try envs.step([0, 0])
        try envs.step([0, 0])
        #expect(envs.buffers.terminated[0])
        try envs.step([7, 1])  // copy 0 is reset: its action is ignored, as in Gymnasium
        #expect(envs.buffers.observationRows[0] == [0, 1, 0])
        #expect(throws: EnvError.self) { try envs.step([7, 1]) }
    }
}
