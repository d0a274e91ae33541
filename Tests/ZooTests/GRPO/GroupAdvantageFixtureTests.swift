import DSL
import Foundation
import Testing
@testable import Zoo

/// Group-relative advantages equal einx on PyTorch evaluating the seeds' expressions
/// (scripts/grpo_fixtures.py): group-, batch- and un-scaled, reward-to-go, padded trajectories.
@Suite("GRPO advantages match einx/PyTorch")
struct GroupAdvantageFixtureTests {
    struct Case: Decodable {
        let name: String
        let groups: Int, generations: Int, steps: Int
        let gamma: Float
        let scale_rewards: String, reward_to_go: Bool
        let rewards, valid, advantages, returns: [Float]
    }

    struct File: Decodable { let cases: [Case] }

    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-5 * Swift.abs($1) + 1e-5 }
    }

    @Test func advantagesAndReturns() throws {
        let url = try #require(Bundle.module.url(forResource: "grpo_advantages", withExtension: "json", subdirectory: "Fixtures"))
        let cases = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        #expect(cases.count == 7)
        for c in cases {
            let n = c.groups * c.generations
            let (a, r) = try GroupRelativeAdvantage.compute(
                rewards: Tensor(shape: [c.steps, n], scalars: c.rewards), valid: Tensor(shape: [c.steps, n], scalars: c.valid),
                generations: c.generations, gamma: c.gamma, scale: try #require(RewardScaling(rawValue: c.scale_rewards)), rewardToGo: c.reward_to_go)
            #expect(r.shape == [c.groups, c.generations])
            #expect(Self.close(r.scalars, c.returns), "\(c.name) returns")
            #expect(Self.close(a.scalars, c.advantages), "\(c.name) advantages")
        }
    }
}
