import Testing
@testable import DSL

/// The tanh-squashed Gaussian against Stable-Baselines3's formulas evaluated in PyTorch, and
/// its sampling contract (the draws `DiagonalGaussian` makes, gradients through the sample).
@Suite("SquashedGaussian")
struct SquashedGaussianTests {
    @Test func reparameterisedSampleMatchesPyTorch() throws {
        let cases = try Fixtures.offPolicy().squashedSample
        #expect(cases.count >= 3)
        for c in cases {
            let mean = Parameter(c.mean.tensor), logStd = Parameter(c.logStd.tensor)
            let d = SquashedGaussian(mean: mean.tensor, logStd: logStd.tensor)
            let (actions, logProbability) = d.sampleWithLogProbability(noise: c.noise.tensor)
            expectClose(actions, c.actions, "\(c.name) actions")
            expectClose(logProbability, c.logProb, "\(c.name) log-prob")
            let objective = (actions * c.upstreamActions.tensor).sum() + (logProbability * c.upstreamLogProb.tensor).sum()
            objective.backward()
            expectClose(mean.gradient!, c.grads["mean"]!, rtol: 1e-4, atol: 1e-5, "\(c.name) d/dmean")
            expectClose(logStd.gradient!, c.grads["log_std"]!, rtol: 1e-4, atol: 1e-5, "\(c.name) d/dlog_std")
        }
    }

    @Test func logProbabilityOfGivenActionsMatchesPyTorch() throws {
        let cases = try Fixtures.offPolicy().squashedLogProb
        #expect(cases.contains { $0.actions.data.contains(1) && $0.actions.data.contains(-1) })
        for c in cases {
            let mean = Parameter(c.mean.tensor), logStd = Parameter(c.logStd.tensor)
            let logProbability = SquashedGaussian(mean: mean.tensor, logStd: logStd.tensor).logProbability(of: c.actions.tensor)
            expectClose(logProbability, c.logProb, "\(c.name) log-prob")
            (logProbability * c.upstream.tensor).sum().backward()
            expectClose(mean.gradient!, c.grads["mean"]!, rtol: 1e-4, atol: 1e-5, "\(c.name) d/dmean")
            expectClose(logStd.gradient!, c.grads["log_std"]!, rtol: 1e-4, atol: 1e-5, "\(c.name) d/dlog_std")
        }
    }

    @Test func seededSampleDrawsLikeTheDiagonalGaussian() {
        let mean = Tensor(shape: [4, 2], scalars: [0.1, -0.4, 1.2, 0.3, -2, 0.5, 0, 0.9])
        let logStd = Tensor([-0.2, 0.3])
        let d = SquashedGaussian(mean: mean, logStd: logStd)
        var a = SeededRandom(seed: 5), b = a, c = a
        let (actions, logProbability) = d.sampleWithLogProbability(using: &a)
        let gaussian = DiagonalGaussian(mean: mean, logStd: logStd).sample(using: &b)
        #expect(actions.scalars == gaussian.tanh().scalars)
        #expect(d.sample(using: &c).scalars == actions.scalars)
        #expect(a == b && b == c)
        let again = d.logProbability(of: actions).scalars
        #expect(toleranceViolation(logProbability.scalars, again, rtol: 1e-4, atol: 1e-4) == nil)
    }

    @Test func gradientsFlowThroughTheSampleButNotTheDetachedDraws() {
        let mean = Parameter(Tensor(shape: [2, 2], scalars: [0.1, -0.4, 1.2, 0.3]))
        let logStd = Parameter(Tensor([-0.2, 0.3]))
        let d = SquashedGaussian(mean: mean.tensor, logStd: logStd.tensor)
        var random = SeededRandom(seed: 6)
        let (actions, logProbability) = d.sampleWithLogProbability(using: &random)
        #expect(actions.requiresGradient && logProbability.requiresGradient)
        #expect(!d.sample(using: &random).requiresGradient && !d.mode().requiresGradient)
        #expect(d.mode().scalars == mean.value.tanh().scalars)
        #expect(d.closedFormEntropy() == nil)
    }
}
