import Foundation
import Testing
@testable import Zoo
@testable import ZooEnvironments

@Suite("LunarLander environment: registry, kwargs, errors, determinism, heuristic")
struct LunarLanderEnvironmentTests {
    @Test("registered with Gymnasium's limits, spaces and kwargs")
    func registry() throws {
        for id in ["LunarLander-v3", "LunarLanderContinuous-v3"] {
            let spec = try EnvironmentRegistry.shared.spec(id)
            #expect(spec.maxEpisodeSteps == 1000)
            #expect(spec.rewardThreshold == 200)
            #expect(spec.parameters.map(\.name) == ["continuous", "gravity", "enable_wind", "wind_power", "turbulence_power"])
        }
        let discrete = try make("LunarLander-v3")
        #expect(discrete.actionSpace == .discrete(try Discrete(4)))
        #expect(discrete.observationSpace.count == 8)
        #expect(discrete.observationSpace.high == [2.5, 2.5, 10, 10, Float(2 * Double.pi), 10, 1, 1])
        let continuous = try make("LunarLanderContinuous-v3")
        #expect(continuous.actionSpace == .box(try Box(low: -1, high: 1, shape: [2])))
        let viaKwarg = try make("LunarLander-v3", ["continuous": true])
        #expect(viaKwarg.actionSpace == continuous.actionSpace)
    }

    @Test("gravity outside (-12, 0) is a typed error; wind and turbulence out of range only warn")
    func kwargs() throws {
        for g in [-12.0, 0.0, 3.0, -20.0] {
            #expect(throws: EnvError.self) { try make("LunarLander-v3", ["gravity": .double(g)]) }
            #expect(throws: EnvError.self) { try LunarLanderConfiguration(gravity: g) }
        }
        #expect(throws: EnvError.self) { try make("LunarLander-v3", ["gravity": .double(.nan)]) }
        #expect(throws: EnvError.self) { try make("LunarLander-v3", ["gravity": "strong"]) }
        do {
            _ = try make("LunarLander-v3", ["enable_wnd": true])
            Issue.record("a misspelt kwarg must throw")
        } catch let EnvError.unknownKwarg(_, name, suggestion) {
            #expect(name == "enable_wnd" && suggestion == "enable_wind")
        }
        var ok = try make("LunarLander-v3", ["gravity": .double(-11.99), "enable_wind": true])
        #expect(try ok.reset(seed: 1).info.values.isEmpty)
        var warned = try make("LunarLander-v3", ["enable_wind": true, "wind_power": 25.0, "turbulence_power": -1.0])
        let info = try warned.reset(seed: 1).info
        guard case let .string(text)? = info["warnings"] else {
            Issue.record("expected warnings in the reset info, got \(info)")
            return
        }
        #expect(text.contains("wind_power") && text.contains("turbulence_power"))
        _ = try warned.step(.discrete(2))
    }

    @Test("bad actions, stepping before reset and reset options are typed errors")
    func errors() throws {
        var env = LunarLander(try LunarLanderConfiguration())
        #expect(throws: EnvError.resetNeeded(env: "LunarLander-v3")) { try env.step(0) }
        _ = try env.reset(seed: 0)
        #expect(throws: EnvError.self) { try env.step(4) }
        #expect(throws: EnvError.self) { try env.step(-1) }
        #expect(throws: EnvError.self) { try env.step([1, 0]) }
        #expect(throws: EnvError.self) { try env.reset(seed: 0, options: ["low": 1.0]) }
        var c = LunarLander(try LunarLanderConfiguration(continuous: true))
        _ = try c.reset(seed: 0)
        #expect(throws: EnvError.self) { try c.step([.nan, 0]) }
        #expect(throws: EnvError.self) { try c.step([0.5]) }
        #expect(throws: EnvError.self) { try c.step(2) }
        // Out-of-range continuous actions are clipped, as Gymnasium does.
        var d = c
        _ = try d.reset(seed: 5)
        _ = try c.reset(seed: 5)
        let a = try c.step([7, -3]), b = try d.step([1, -1])
        #expect(a == b)
    }

    @Test("the same seed gives the same episode; reset(seed: nil) continues the stream")
    func determinism() throws {
        func run(_ seeds: [Int?]) throws -> [[Float]] {
            var env = try make("LunarLander-v3", ["enable_wind": true])
            var out: [[Float]] = []
            for s in seeds {
                out.append(try env.reset(seed: s).observation)
                for k in 0..<30 { out.append(try env.step(.discrete(k % 4)).observation) }
            }
            return out
        }
        #expect(try run([7, nil]) == run([7, nil]))
        let a = try run([7, nil]), b = try run([8, nil])
        #expect(a[0] != b[0])
        #expect(a[0] != a[31])
    }

    @Test("landing: the heuristic settles on the pad and the episode ends asleep with +100")
    func landing() throws {
        var env = LunarLander(try LunarLanderConfiguration())
        var (obs, _) = try env.reset(seed: 3)
        var last = Transition(observation: obs, reward: 0, terminated: false, truncated: false, info: Info())
        for _ in 0..<1000 {
            last = try env.step(.discrete(LunarLanderHeuristic.discreteAction(obs)))
            obs = last.observation
            if last.terminated { break }
        }
        #expect(last.terminated && last.reward == 100)
        #expect(obs[6] + obs[7] >= 1)
        #expect(abs(obs[0]) < 0.2)
    }

    @Test("the heuristic picks Gymnasium's action for every recorded heuristic step")
    func heuristicMatchesGymnasium() throws {
        let file = try LunarFixtures.episodes.get()
        var checked = 0
        for episode in file.episodes where episode.policy == "heuristic" {
            var obs = episode.reset_observation.map(Float.init)
            for (t, recorded) in episode.actions.enumerated() {
                switch recorded {
                case let .discrete(a):
                    #expect(LunarLanderHeuristic.discreteAction(obs) == a, "\(episode.label) step \(t + 1)")
                case let .continuous(a):
                    #expect(LunarLanderHeuristic.continuousAction(obs) == a, "\(episode.label) step \(t + 1)")
                }
                obs = episode.observations[t].map(Float.init)
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test("zoo eval's routine: summary statistics and the built-in policy names")
    func evaluation() throws {
        let s = try PolicyEvaluation.run(id: "LunarLander-v3", policy: "random", episodes: 3, seed: 10)
        #expect(s.seeds == [10, 11, 12] && s.returns.count == 3 && s.lengths.allSatisfy { $0 > 0 })
        #expect(s.minReturn <= s.meanReturn && s.meanReturn <= s.maxReturn && s.stdReturn >= 0)
        #expect(try PolicyEvaluation.run(id: "LunarLander-v3", policy: "random", episodes: 3, seed: 10) == s)
        _ = try PolicyEvaluation.run(id: "CartPole-v1", policy: "random", episodes: 2, seed: 0)
        #expect(throws: EnvError.self) { try PolicyEvaluation.run(id: "CartPole-v1", policy: "heuristic", episodes: 1, seed: 0) }
        #expect(throws: EnvError.self) { try PolicyEvaluation.run(id: "LunarLander-v3", policy: "heuristc", episodes: 1, seed: 0) }
        #expect(throws: EnvError.self) { try PolicyEvaluation.run(id: "LunarLander-v3", policy: "random", episodes: 0, seed: 0) }
        let summary = EvaluationSummary(seeds: [0, 1, 2, 3], returns: [1, 2, 3, 4], lengths: [1, 1, 2, 2])
        #expect(summary.meanReturn == 2.5 && abs(summary.stdReturn - 1.118033988749895) < 1e-12 && summary.meanLength == 1.5)
    }
}
