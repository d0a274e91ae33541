import DSL
import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// GRPO's loss options — `loss_type`, `scale_rewards`, asymmetric `epsilon`/`epsilon_high`,
/// `beta` — against TRL's formulas evaluated in PyTorch (scripts/grpo_loss_fixtures.py):
/// advantages, the loss terms, and gradients with respect to the log-probabilities and the
/// entropy, on padded batches of several groups.
@Suite("GRPO losses match TRL's formulas in PyTorch")
struct GRPOLossFixtureTests {
    struct Case: Decodable {
        let name: String
        let groups: Int, generations: Int, steps: Int
        let gamma: Float
        let supervision, scale_rewards, loss_type: String
        let epsilon, epsilon_high, beta, entropy_coef: Float
        let on_policy: Bool
        let rewards, valid, log_probs, old_log_probs, ref_log_probs, entropy, advantages: [Float]
        let actor_loss: Double, kl: Double?, entropy_mean: Double, total: Double
        let grad_log_probs, grad_entropy: [Float]
    }

    struct File: Decodable { let cases: [Case] }

    static func close(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) <= 1e-5 * Swift.abs(b) + 1e-6 }
    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-5 * Swift.abs($1) + 1e-6 }
    }

    @Test func advantagesLossesAndGradients() throws {
        let cases = try Fixtures.load("grpo_losses", as: File.self).cases
        #expect(cases.count == 8)
        #expect(Set(cases.map(\.loss_type)) == Set(GRPO.LossType.allCases.map(\.rawValue)))
        #expect(Set(cases.map(\.scale_rewards)) == Set(RewardScaling.allCases.map(\.rawValue)))
        for c in cases {
            let shape = [c.steps, c.groups * c.generations]
            let valid = Tensor(shape: shape, scalars: c.valid)
            let (advantages, _) = try GroupRelativeAdvantage.compute(
                rewards: Tensor(shape: shape, scalars: c.rewards), valid: valid, generations: c.generations, gamma: c.gamma,
                scale: try #require(RewardScaling(rawValue: c.scale_rewards)), rewardToGo: c.supervision == "reward_to_go")
            #expect(Self.close(advantages.scalars, c.advantages), "\(c.name) advantages")

            let logProbs = Parameter(Tensor(shape: shape, scalars: c.log_probs))
            let entropy = Parameter(Tensor(shape: shape, scalars: c.entropy))
            let old = c.on_policy ? Tensor(shape: shape, scalars: c.log_probs) : Tensor(shape: shape, scalars: c.old_log_probs)
            let loss = GRPO.loss(
                logProbabilities: logProbs.tensor, oldLogProbabilities: old,
                referenceLogProbabilities: c.beta > 0 ? Tensor(shape: shape, scalars: c.ref_log_probs) : nil,
                advantages: advantages, entropy: entropy.tensor, valid: valid,
                lossType: try #require(GRPO.LossType(rawValue: c.loss_type)),
                epsilon: c.epsilon, epsilonHigh: c.epsilon_high, beta: c.beta, entropyCoef: c.entropy_coef)
            #expect(Self.close(Double(loss["actor_loss"]!), c.actor_loss), "\(c.name) actor loss")
            if let kl = c.kl {
                #expect(Self.close(Double(loss["kl"] ?? .nan), kl), "\(c.name) kl")
            } else {
                #expect(loss["kl"] == nil, "\(c.name) has no KL term with beta 0")
            }
            #expect(Self.close(Double(loss["entropy"]!), c.entropy_mean), "\(c.name) entropy")
            #expect(Self.close(Double(loss.total.item), c.total), "\(c.name) total")
            loss.total.backward()
            #expect(Self.close(try #require(logProbs.gradient).scalars, c.grad_log_probs), "\(c.name) d/dlogπ")
            #expect(Self.close(entropy.gradient?.scalars ?? Array(repeating: 0, count: c.entropy.count), c.grad_entropy),
                    "\(c.name) d/dH")
        }
    }

    /// Hand-checkable aggregations: two trajectories of lengths 1 and 3 in 3 padded steps,
    /// per-step values 1, (2, 2, 2).
    @Test func aggregationsByHand() {
        let valid = Tensor(shape: [3, 2], scalars: [1, 1, 0, 1, 0, 1])
        let x = Tensor(shape: [3, 2], scalars: [1, 2, 9, 2, 9, 2])  // 9 on padding: ignored
        #expect(GRPO.aggregate(x, valid: valid, .grpo).item == 1.5)     // (1/1 + 6/3) / 2
        #expect(GRPO.aggregate(x, valid: valid, .bnpo).item == 7.0 / 4)  // 7 / 4 valid steps
        #expect(GRPO.aggregate(x, valid: valid, .dapo).item == 7.0 / 4)
        #expect(GRPO.aggregate(x, valid: valid, .drGRPO).item == 7.0 / 6) // 7 / (2 trajectories × 3 steps)
    }
}
