import Testing
@testable import DSL

/// The three policy heads used through the `ActionDistribution` protocol, as an algorithm
/// that does not know its action space uses them.
@Suite("ActionDistribution")
struct ActionDistributionTests {
    private static let batch = 3
    private let categorical = Categorical(
        logits: Tensor(shape: [Self.batch, 4], scalars: [0.3, -1, 2, 0.5, 1, 1, -0.2, 0, -3, 0.4, 0.1, 2.5]))
    private let gaussian: DiagonalGaussian
    private let squashed: SquashedGaussian

    init() {
        let mean = Tensor(shape: [Self.batch, 2], scalars: [0.1, -0.4, 1.2, 0.3, -2, 0.5])
        gaussian = DiagonalGaussian(mean: mean, logStd: Tensor([-0.2, 0.3]))
        squashed = SquashedGaussian(mean: mean, logStd: Tensor([-0.2, 0.3]))
    }

    private var heads: [any ActionDistribution] { [categorical, gaussian, squashed] }

    /// What a generic rollout step does: sample, score the sample, take the deterministic action.
    private static func act(_ d: some ActionDistribution, _ random: inout SeededRandom)
        -> (sample: Tensor, logProbability: Tensor, mode: Tensor) {
        let sample = d.sample(using: &random)
        return (sample, d.logProbability(of: sample), d.mode())
    }

    @Test func closedFormEntropyIsTheConcreteEntropy() {
        #expect(heads[0].closedFormEntropy()?.scalars == categorical.entropy().scalars)
        #expect(heads[1].closedFormEntropy()?.scalars == gaussian.entropy().scalars)
        #expect(heads[2].closedFormEntropy() == nil)
    }

    @Test func genericUseMatchesTheConcreteTypes() {
        var concreteRandom = SeededRandom(seed: 11)
        let concrete = [categorical.sample(using: &concreteRandom), gaussian.sample(using: &concreteRandom),
                        squashed.sample(using: &concreteRandom)]
        var random = SeededRandom(seed: 11)
        for (head, expected) in zip(heads, concrete) {
            let (sample, logProbability, mode) = Self.act(head, &random)
            #expect(sample.scalars == expected.scalars, "\(type(of: head)) sample")
            #expect(logProbability.shape == [Self.batch], "\(type(of: head)) log-prob shape")
            #expect(logProbability.scalars.allSatisfy { $0.isFinite }, "\(type(of: head)) log-prob")
            #expect(mode.shape[0] == Self.batch && !mode.requiresGradient, "\(type(of: head)) mode")
        }
    }
}
