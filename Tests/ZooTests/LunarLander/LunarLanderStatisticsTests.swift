import Foundation
import Testing
@testable import Zoo

/// Zoo's episode returns against Gymnasium's, over whole episodes with Zoo's own random
/// streams (so only the distributions can agree, not the episodes).
@Suite("LunarLander statistical parity with Gymnasium (two-sample KS at 1%)")
struct LunarLanderStatisticsTests {
    static let long = ProcessInfo.processInfo.environment["ZOO_LONG_TESTS"] == "1"

    struct Config: CustomTestStringConvertible, Sendable {
        var continuous: Bool
        var wind: Bool
        var policy: String
        var testDescription: String { "\(continuous ? "continuous" : "discrete")\(wind ? " wind" : "") \(policy)" }
    }

    static let configs: [Config] = [false, true].flatMap { c in
        [false, true].flatMap { w in ["heuristic", "random"].map { Config(continuous: c, wind: w, policy: $0) } }
    }

    static func compare(_ config: Config, episodes: Int) throws {
        let file = try LunarFixtures.returns.get()
        let reference = try #require(file.distributions.first {
            $0.continuous == config.continuous && $0.enable_wind == config.wind && $0.policy == config.policy
        })
        let id = config.continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3"
        let zoo = try PolicyEvaluation.run(
            id: id, kwargs: ["enable_wind": .bool(config.wind)], policy: config.policy, episodes: episodes, seed: 0)
        let gym = EvaluationSummary(seeds: reference.seeds, returns: reference.returns, lengths: reference.lengths)
        let (d, p) = KolmogorovSmirnov.test(zoo.returns, gym.returns)
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        print("lunar KS \(config.testDescription) n=\(episodes): zoo mean \(f(zoo.meanReturn)) std \(f(zoo.stdReturn)) "
            + "len \(f(zoo.meanLength)) | gym mean \(f(gym.meanReturn)) std \(f(gym.stdReturn)) len \(f(gym.meanLength)) "
            + "| D \(String(format: "%.3f", d)) p \(String(format: "%.3f", p))")
        #expect(p > 0.01, "\(config.testDescription): KS D = \(d), p = \(p)")
    }

    @Test("10 episodes (seeds 0–9) against Gymnasium's 100", arguments: configs)
    func fast(_ config: Config) throws {
        try Self.compare(config, episodes: 10)
    }

    @Test("100 episodes (seeds 0–99) against Gymnasium's 100 (ZOO_LONG_TESTS=1)", .enabled(if: long), arguments: configs)
    func full(_ config: Config) throws {
        try Self.compare(config, episodes: 100)
    }

    @Test("the KS statistic and asymptotic p-value on a worked example")
    func ksReference() {
        // D = sup|F1 - F2| = 0.4 (at x = 4: 4/10 versus 0/8); p = Q(0.4 * sqrt(10*8/18)).
        let (d, p) = KolmogorovSmirnov.test((1...10).map(Double.init), [4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5])
        #expect(abs(d - 0.4) < 1e-12)
        #expect(abs(p - 0.4755937630041424) < 1e-12)
        // The Kolmogorov distribution's familiar critical values: Q(1.36) ≈ 0.0495, Q(1.63) ≈ 0.0098.
        #expect(abs(KolmogorovSmirnov.kolmogorovSurvival(1.36) - 0.049485876755377876) < 1e-12)
        #expect(abs(KolmogorovSmirnov.kolmogorovSurvival(1.63) - 0.009846364888486529) < 1e-12)
        #expect(KolmogorovSmirnov.test([1, 2, 3], [1, 2, 3]).statistic == 0)
    }
}
