import Foundation
import Testing
import DSL
@testable import Plugins
@testable import Zoo

/// A2C and PPO losses — values and gradients through Categorical and Gaussian policy
/// terms — against PyTorch (scripts/loss_fixtures.py, Stable-Baselines3 conventions).
@Suite("A2C and PPO losses match PyTorch")
struct LossFixtureTests {
    struct T: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: data) }
    }

    struct Case: Decodable {
        let name, algorithm, policy: String
        let clip_range: Float?, clip_range_vf: Float?
        let normalize_advantage: Bool
        let value_coef: Float, entropy_coef: Float
        let inputs: [String: T]
        let actions: T
        let old_log_probs: T?
        let advantages, values: T
        let old_values: T?
        let returns: T
        let mask: T?
        let policy_loss, value_loss, entropy: Double
        let grads: [String: T]
    }

    struct File: Decodable { let cases: [Case] }

    static func close(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) <= 1e-5 * Swift.abs(b) + 1e-6 }

    @Test func lossesAndGradients() throws {
        let url = try #require(Bundle.module.url(forResource: "losses", withExtension: "json", subdirectory: "Fixtures"))
        let cases = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        #expect(cases.count == 8)
        for c in cases {
            let params = c.inputs.mapValues { Parameter($0.tensor) }
            let values = Parameter(c.values.tensor)
            let policy: PolicyDistribution = c.policy == "categorical"
                ? .categorical(Categorical(logits: params["logits"]!.tensor))
                : .gaussian(DiagonalGaussian(mean: params["mean"]!.tensor, logStd: params["log_std"]!.tensor))
            let logProbs = policy.logProbability(of: c.actions.tensor)
            let loss: Loss
            if c.algorithm == "ppo" {
                loss = PPO.loss(logProbabilities: logProbs, oldLogProbabilities: c.old_log_probs!.tensor,
                                advantages: c.advantages.tensor, values: values.tensor, oldValues: c.old_values!.tensor,
                                returns: c.returns.tensor, entropy: policy.entropy(), clipRange: c.clip_range!,
                                clipRangeValue: c.clip_range_vf, normalizeAdvantage: c.normalize_advantage,
                                valueCoef: c.value_coef, entropyCoef: c.entropy_coef)
            } else {
                loss = A2C.loss(logProbabilities: logProbs, advantages: c.advantages.tensor, values: values.tensor,
                                returns: c.returns.tensor, entropy: policy.entropy(), mask: c.mask!.tensor,
                                valueCoef: c.value_coef, entropyCoef: c.entropy_coef)
            }
            #expect(Self.close(Double(loss["actor_loss"]!), c.policy_loss), "\(c.name) policy loss")
            #expect(Self.close(Double(loss["critic_loss"]!), c.value_loss), "\(c.name) value loss")
            #expect(Self.close(Double(loss["entropy"]!), c.entropy), "\(c.name) entropy")
            loss.total.backward()
            for (name, expected) in c.grads {
                let got = (name == "values" ? values : params[name]!).gradient!.scalars
                let ok = zip(got, expected.data).allSatisfy { Swift.abs($0 - $1) <= 1e-4 * Swift.abs($1) + 1e-6 }
                #expect(ok && got.count == expected.data.count, "\(c.name) d/d\(name): \(got) vs \(expected.data)")
            }
        }
    }
}
