import DSL
import Testing
@testable import Zoo

/// A user's own environment: a spider walking along a line, faster with more legs.
/// Registered under its own id, it must work everywhere a built-in does.
struct SpiderEnv: Environment {
    var legs: Int
    var speed: Double
    var random = SeededRandom.fromEntropy()
    var position = 0.0
    var ready = false

    var observationSpace: Box { try! Box(low: -100, high: 100, shape: [2]) }
    var actionSpace: ActionSpace { .discrete(try! Discrete(2, start: -1)) }

    mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        random.reseed(seed)
        position = random.uniform(-1, 1)
        ready = true
        observation[0] = Float(position)
        observation[1] = Float(legs)
        return nil
    }

    mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        let a = try action.discrete(in: try! Discrete(2, start: -1))
        guard ready else { throw .resetNeeded(env: "Spider") }
        position += Double(a == 0 ? 1 : -1) * speed * Double(legs) / 8
        observation[0] = Float(position)
        observation[1] = Float(legs)
        return StepOutcome(reward: position, terminated: abs(position) > 5)
    }
}

private func spiderSpec(_ id: String) -> EnvSpec {
    EnvSpec(
        id: id, maxEpisodeSteps: 20, rewardThreshold: 50,
        parameters: [
            ParameterSpec("legs", .int, default: 8) { v in
                if case let .int(n) = v, n >= 1 { return nil }
                return "must be a positive int, got \(v)"
            },
            .finiteDouble("speed", default: 0.5),
        ]
    ) { kwargs in SpiderEnv(legs: kwargs.int("legs"), speed: kwargs.double("speed")) }
}

@Suite("Registry")
struct RegistryTests {
    @Test func builtInsHaveGymnasiumSpecs() throws {
        let expected: [(String, Int, Double?)] = [
            ("CartPole-v0", 200, 195), ("CartPole-v1", 500, 475), ("MountainCar-v0", 200, -110),
            ("MountainCarContinuous-v0", 999, 90), ("Pendulum-v1", 200, nil), ("Acrobot-v1", 500, -100),
        ]
        for (id, steps, threshold) in expected {
            let spec = try EnvironmentRegistry.shared.spec(id)
            #expect(spec.maxEpisodeSteps == steps)
            #expect(spec.rewardThreshold == threshold)
            var env = try make(id)
            let (obs, _) = try env.reset(seed: 0)
            #expect(obs.count == env.observationSpace.count)
            #expect(env.observationSpace.contains(obs))
        }
    }

    @Test func unknownIdsAndKwargsSuggestTheClosestName() {
        #expect(throws: EnvError.unknownEnvironment(id: "CartPol-v1", suggestion: "CartPole-v1")) { try make("CartPol-v1") }
        #expect(throws: EnvError.unknownEnvironment(id: "Tetris-v9", suggestion: nil)) { try make("Tetris-v9") }
        #expect(throws: EnvError.unknownKwarg(env: "CartPole-v1", name: "sutton_barto", suggestion: "sutton_barto_reward")) {
            try make("CartPole-v1", ["sutton_barto": true])
        }
        #expect(throws: EnvError.unknownKwarg(env: "Pendulum-v1", name: "G", suggestion: "g")) { try make("Pendulum-v1", ["G": 9.8]) }
        #expect(throws: EnvError.kwargValue(env: "CartPole-v1", name: "render_mode", message: "CartPole-v1 does not render in Zoo (it has no render hook)")) {
            try make("CartPole-v1", ["render_mode": "rgb_array"])
        }
        let message = EnvError.unknownEnvironment(id: "CartPol-v1", suggestion: "CartPole-v1").description
        #expect(message == "unknown environment id 'CartPol-v1' (did you mean 'CartPole-v1'?)")
    }

    @Test func kwargsAreTypeChecked() throws {
        #expect(throws: EnvError.kwargType(env: "Pendulum-v1", name: "g", expected: "a double", got: "a string (\"strong\")")) {
            try make("Pendulum-v1", ["g": "strong"])
        }
        #expect(throws: EnvError.kwargType(env: "CartPole-v1", name: "sutton_barto_reward", expected: "a bool", got: "an int (1)")) {
            try make("CartPole-v1", ["sutton_barto_reward": 1])
        }
        #expect(throws: EnvError.self) { try make("Pendulum-v1", ["g": .double(.nan)]) }
        #expect(throws: EnvError.self) { try make("Acrobot-v1", ["book_or_nips": "paper"]) }
        #expect(throws: EnvError.self) { try make("Acrobot-v1", ["torque_noise_max": -1]) }
        // An int is accepted where a double is expected, as in Python.
        var env = try make("Pendulum-v1", ["g": 9])
        _ = try env.reset(seed: 0)
        var sb = try make("CartPole-v1", ["sutton_barto_reward": true])
        _ = try sb.reset(seed: 0)
        #expect(try sb.step(1).reward == 0)
    }

    @Test func aUserEnvironmentWorksEverywhere() throws {
        let registry = EnvironmentRegistry()
        try registry.register(spiderSpec("Spider-v0"))
        #expect(throws: EnvError.duplicateEnvironment(id: "Spider-v0")) { try registry.register(spiderSpec("Spider-v0")) }
        #expect(throws: EnvError.unknownEnvironment(id: "Spidr-v0", suggestion: "Spider-v0")) { try registry.make("Spidr-v0") }
        #expect(throws: EnvError.self) { try registry.make("Spider-v0", ["legs": 0]) }

        var spider = try registry.make("Spider-v0", ["legs": 6])
        _ = try spider.reset(seed: 1)
        var truncatedAt: Int?
        for t in 1...20 where truncatedAt == nil {
            let step = try spider.step(t % 2 == 0 ? 0 : -1)
            if step.truncated { truncatedAt = t }
        }
        #expect(truncatedAt == 20, "the registered TimeLimit applies")
        #expect(throws: EnvError.self) { _ = try spider.step(1) }  // Discrete(2, start: -1) has -1 and 0

        let vector = try VectorEnv(id: "Spider-v0", numEnvs: 4, kwargs: ["speed": 1], execution: .threads(2), registry: registry)
        try vector.reset(seed: 3)
        try vector.step([0, -1, 0, -1])
        #expect(vector.buffers.observationRows.map { $0[1] } == [8, 8, 8, 8])

        let randomized = try VectorEnv(
            id: "Spider-v0", numEnvs: 4,
            randomization: DomainRandomization(["legs": .choice([2, 4, 8]), "speed": .uniform(low: 0.1, high: 0.2)], seed: 5),
            registry: registry)
        try randomized.reset(seed: 0)
        #expect(randomized.copyKwargs.allSatisfy { [2, 4, 8].contains($0["legs"]) })
    }

    @Test func registrationIsSafeFromManyThreads() async throws {
        let registry = EnvironmentRegistry()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for k in 0..<16 {
                group.addTask { try registry.register(spiderSpec("Spider-\(k)")) }
            }
            try await group.waitForAll()
        }
        #expect(registry.ids.count == 16)
    }
}
