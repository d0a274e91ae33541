import Foundation
import Testing
@testable import DSL

/// Categorical and diagonal-Gaussian log-probabilities, entropies and their gradients
/// against torch.distributions.
@Suite("Distributions match torch.distributions")
struct DistributionFixtureTests {
    @Test func logProbEntropyAndGradients() throws {
        let cases = try Fixtures.distributions()
        #expect(cases.count >= 4)
        for c in cases {
            let params = c.grads.keys.sorted().reduce(into: [String: Parameter]()) { $0[$1] = Parameter(c.inputs[$1]!.tensor) }
            let actions = c.inputs["actions"]!.tensor
            let logProb: Tensor, entropy: Tensor
            if c.distribution == "categorical" {
                let d = Categorical(logits: params["logits"]!.tensor)
                logProb = d.logProbability(of: actions)
                entropy = d.entropy()
            } else {
                let d = DiagonalGaussian(mean: params["mean"]!.tensor, logStd: params["log_std"]!.tensor)
                logProb = d.logProbability(of: actions)
                entropy = d.entropy()
            }
            expectClose(logProb, c.logProb, "\(c.name) log-prob")
            expectClose(entropy, c.entropy, "\(c.name) entropy")
            let objective = (logProb * c.upstreamLogProb.tensor).sum() + (entropy * c.upstreamEntropy.tensor).sum()
            objective.backward()
            for (name, expected) in c.grads {
                expectClose(params[name]!.gradient!, expected, rtol: 1e-4, atol: 1e-5, "\(c.name) d/d\(name)")
            }
        }
    }

    @Test func categoricalSamplesFollowTheProbabilities() {
        let logits = Tensor(shape: [1, 3], scalars: [0, 1, 2])
        let d = Categorical(logits: logits.broadcast(to: [4000, 3]))
        var random = SeededRandom(seed: 1)
        let samples = d.sample(using: &random).scalars
        let p = logits.softmax(axis: 1).scalars
        for a in 0..<3 {
            let frequency = Float(samples.filter { $0 == Float(a) }.count) / 4000
            #expect(Swift.abs(frequency - p[a]) < 0.03)
        }
        #expect(d.mode().scalars.allSatisfy { $0 == 2 })
    }

    @Test func categoricalNeverSamplesImpossibleActions() {
        let d = Categorical(logits: Tensor(shape: [2, 3], scalars: [-.infinity, 0, -.infinity, 0, -.infinity, -.infinity]))
        var random = SeededRandom(seed: 2)
        for _ in 0..<200 { #expect(d.sample(using: &random).scalars == [1, 0]) }
    }

    @Test func gaussianSamplesHaveTheRightMoments() {
        let mean = Tensor(shape: [1, 2], scalars: [1, -2]).broadcast(to: [5000, 2])
        let d = DiagonalGaussian(mean: mean, logStd: Tensor([0, Float(Foundation.log(2.0))]))
        var random = SeededRandom(seed: 3)
        let x = d.sample(using: &random)
        let m = x.mean(axes: [0]).scalars, s = x.standardDeviation(axes: [0]).scalars
        #expect(Swift.abs(m[0] - 1) < 0.05 && Swift.abs(m[1] + 2) < 0.1)
        #expect(Swift.abs(s[0] - 1) < 0.05 && Swift.abs(s[1] - 2) < 0.1)
    }

    @Test func samplingIsReproducible() {
        let d = Categorical(logits: Tensor(shape: [8, 4], scalars: (0..<32).map { Float($0 % 5) }))
        var r1 = SeededRandom(seed: 9), r2 = SeededRandom(seed: 9)
        #expect(d.sample(using: &r1).scalars == d.sample(using: &r2).scalars)
    }
}
