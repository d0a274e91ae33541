import Foundation
import Testing
@testable import Zoo

/// Trajectories recorded from Gymnasium by `scripts/gym_classic_fixtures.py`.
private struct ClassicFixture: Decodable {
    struct Case: Decodable {
        enum ActionValue: Decodable {
            case discrete(Int)
            case continuous([Float])
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let i = try? c.decode(Int.self) { self = .discrete(i) } else { self = .continuous(try c.decode([Float].self)) }
            }
            var action: Action {
                switch self {
                case let .discrete(i): return .discrete(i)
                case let .continuous(v): return .continuous(v)
                }
            }
        }
        let kwargs: [String: JSONScalar]
        let attributes: [String: JSONScalar]
        let state: [Double]
        let actions: [ActionValue]
        let observations: [[Double]]
        let rewards: [Double]
        let terminated: [Bool]
        let truncated: [Bool]
    }
    struct Spaces: Decodable {
        let observation_low: [Bound]
        let observation_high: [Bound]
        let action_n: Int?
        let action_low: [Bound]?
        let action_high: [Bound]?
    }
    let generator: String
    let env: String
    let spaces: Spaces
    let cases: [Case]
}

/// A space bound: a number or "inf" / "-inf".
private struct Bound: Decodable {
    let value: Float
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { value = Float(d) } else { value = try c.decode(String.self) == "inf" ? .infinity : -.infinity }
    }
}

enum JSONScalar: Decodable {
    case bool(Bool), number(Double), string(String)
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }
    var parameter: ParameterValue {
        switch self {
        case let .bool(b): return .bool(b)
        case let .number(d): return .double(d)
        case let .string(s): return .string(s)
        }
    }
}

/// Builds the concrete environment for a case and sets its start state.
private func environment(_ id: String, _ c: ClassicFixture.Case) -> any Environment {
    func double(_ key: String, _ fallback: Double) -> Double {
        if case let .number(d) = c.kwargs[key] { return d }
        return fallback
    }
    switch id {
    case "CartPole-v1":
        var env = CartPole(suttonBartoReward: c.kwargs["sutton_barto_reward"].map { if case .bool(true) = $0 { true } else { false } } ?? false)
        env.state = c.state
        return env
    case "Acrobot-v1":
        var book = true
        if case let .string(s) = c.attributes["book_or_nips"] { book = s == "book" }
        var env = Acrobot(bookDynamics: book)
        env.state = c.state
        return env
    case "MountainCar-v0":
        var env = MountainCar(goalVelocity: double("goal_velocity", 0))
        env.state = c.state
        return env
    case "MountainCarContinuous-v0":
        var env = MountainCarContinuous(goalVelocity: double("goal_velocity", 0))
        env.state = c.state
        return env
    default:
        var env = Pendulum(g: double("g", 10))
        env.state = c.state
        return env
    }
}

/// Replays every recorded case and returns the largest observation and reward errors.
private func replay(_ id: String) throws -> (obs: Double, reward: Double, steps: Int) {
    let fixture = try Fixtures.load("classic_\(id)", as: ClassicFixture.self)
    #expect(fixture.generator == "scripts/gym_classic_fixtures.py")
    var maxObs = 0.0, maxReward = 0.0, steps = 0
    for (k, c) in fixture.cases.enumerated() {
        var env = environment(id, c)
        for t in 0..<c.actions.count {
            let step = try env.step(c.actions[t].action)
            for (a, b) in zip(step.observation, c.observations[t]) { maxObs = max(maxObs, abs(Double(a) - b)) }
            maxReward = max(maxReward, abs(step.reward - c.rewards[t]))
            #expect(step.terminated == c.terminated[t], "\(id) case \(k) step \(t): terminated")
            #expect(step.truncated == c.truncated[t], "\(id) case \(k) step \(t): truncated")
            steps += 1
        }
    }
    return (maxObs, maxReward, steps)
}

@Suite("Classic control matches Gymnasium step by step")
struct ClassicControlParityTests {
    @Test(arguments: ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"])
    func spacesMatch(id: String) throws {
        let spaces = try Fixtures.load("classic_\(id)", as: ClassicFixture.self).spaces
        let env = try make(id)
        #expect(env.observationSpace.low == spaces.observation_low.map(\.value))
        #expect(env.observationSpace.high == spaces.observation_high.map(\.value))
        switch env.actionSpace {
        case let .discrete(d):
            #expect(d.n == spaces.action_n && d.start == 0)
        case let .box(b):
            #expect(b.low == spaces.action_low?.map(\.value))
            #expect(b.high == spaces.action_high?.map(\.value))
        case .multiDiscrete:
            Issue.record("unexpected action space")
        }
    }

    @Test(arguments: ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"])
    func initialStatesFollowGymnasiumsDistributions(id: String) throws {
        var env = try make(id, maxEpisodeSteps: 0)
        for seed in 0..<200 {
            _ = try env.reset(seed: seed)
            let state: [Double]
            let (low, high): ([Double], [Double])
            switch env {
            case let e as CartPole: state = e.state; (low, high) = ([-0.05, -0.05, -0.05, -0.05], [0.05, 0.05, 0.05, 0.05])
            case let e as Acrobot: state = e.state; (low, high) = ([-0.1, -0.1, -0.1, -0.1], [0.1, 0.1, 0.1, 0.1])
            case let e as MountainCar: state = e.state; (low, high) = ([-0.6, 0], [-0.4, 0])
            case let e as MountainCarContinuous: state = e.state; (low, high) = ([-0.6, 0], [-0.4, 0])
            case let e as Pendulum: state = e.state; (low, high) = ([-Double.pi, -1], [Double.pi, 1])
            default: Issue.record("unexpected type \(type(of: env))"); return
            }
            for k in 0..<state.count { #expect(state[k] >= low[k] && state[k] <= high[k]) }
        }
    }

    @Test(arguments: ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"])
    func trajectoriesMatch(id: String) throws {
        let (obs, reward, steps) = try replay(id)
        print("parity \(id): \(steps) steps, max |obs error| = \(obs), max |reward error| = \(reward)")
        #expect(steps > 300)
        #expect(obs <= 1e-5, "\(id) observations differ by up to \(obs)")
        #expect(reward <= 1e-5, "\(id) rewards differ by up to \(reward)")
    }
}
