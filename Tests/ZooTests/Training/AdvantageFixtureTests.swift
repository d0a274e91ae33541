import Foundation
import Testing
@testable import Zoo

/// GAE and n-step returns against the PyTorch reference of scripts/advantage_fixtures.py:
/// several copies, terminations, truncations (bootstrapped with the final observation's
/// value) and next-step reset transitions.
@Suite("Advantage estimators match the PyTorch reference")
struct AdvantageFixtureTests {
    struct Case: Decodable {
        let name: String
        let steps: Int, copies: Int, n: Int
        let gamma: Double, lambda: Double
        let rewards, values, next_values, terminated, truncated, valid: [Float]
        let advantages, returns, nstep_returns: [Float]

        var signals: StepSignals {
            StepSignals(steps: steps, copies: copies, rewards: rewards, values: values, nextValues: next_values,
                        terminated: terminated, truncated: truncated, valid: valid)
        }
    }

    struct File: Decodable { let cases: [Case] }

    static func cases() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "advantages", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-5 * Swift.abs($1) + 1e-6 }
    }

    @Test func gaeAdvantagesAndReturns() throws {
        let cases = try Self.cases()
        #expect(cases.count == 5)
        for c in cases {
            let (adv, ret) = GeneralizedAdvantageEstimation.compute(c.signals, gamma: Float(c.gamma), lambda: Float(c.lambda))
            #expect(Self.close(adv, c.advantages), "\(c.name) advantages")
            #expect(Self.close(ret, c.returns), "\(c.name) returns")
        }
    }

    @Test func nStepReturns() throws {
        for c in try Self.cases() {
            let q = NStepReturns.compute(c.signals, gamma: Float(c.gamma), n: c.n)
            #expect(Self.close(q, c.nstep_returns), "\(c.name) n=\(c.n)")
        }
    }

    @Test func truncationBootstrapsFromTheFinalObservationNotTheReset() {
        // One copy, two steps; step 0 is truncated. Its target must use nextValues[0]
        // (the final observation's value), not values[1] (the reset observation's).
        let s = StepSignals(steps: 2, copies: 1, rewards: [1, 1], values: [0, 5], nextValues: [10, 0],
                            terminated: [0, 0], truncated: [1, 0])
        let (adv, _) = GeneralizedAdvantageEstimation.compute(s, gamma: 0.5, lambda: 1)
        let expected: Float = 1 + 0.5 * 10
        #expect(adv[0] == expected)
        // A termination bootstraps with 0.
        let t = StepSignals(steps: 1, copies: 1, rewards: [1], values: [2], nextValues: [10], terminated: [1], truncated: [0])
        let terminal = GeneralizedAdvantageEstimation.compute(t, gamma: 0.5, lambda: 1).advantages
        #expect(terminal == [-1])
    }

    @Test func copiesNeverMix() {
        // Changing copy 1's rewards must not change copy 0's advantages.
        var s = StepSignals(steps: 4, copies: 2, rewards: [1, 2, 3, 4, 5, 6, 7, 8], values: Array(repeating: 0.5, count: 8),
                            nextValues: Array(repeating: 0.5, count: 8), terminated: Array(repeating: 0, count: 8),
                            truncated: Array(repeating: 0, count: 8))
        let before = GeneralizedAdvantageEstimation.compute(s, gamma: 0.9, lambda: 0.9).advantages
        for t in 0..<4 { s.rewards[t * 2 + 1] = -100 }
        let after = GeneralizedAdvantageEstimation.compute(s, gamma: 0.9, lambda: 0.9).advantages
        #expect((0..<4).allSatisfy { before[$0 * 2] == after[$0 * 2] })
    }
}
