import Testing
@testable import DSL

/// Exploration noise and TD3's target policy smoothing on deterministic actions.
@Suite("GaussianActionNoise")
struct GaussianActionNoiseTests {
    @Test func explorationAddsSeededNoiseAndClampsToTheBounds() {
        let actions = Tensor(shape: [2, 3], scalars: [0, 0.5, -0.95, 0.99, -1, 0.2])
        var random = SeededRandom(seed: 31), replay = random
        let perturbed = GaussianActionNoise(standardDeviation: 0.3).perturb(actions, using: &random)
        let expected = actions.scalars.map { a in Swift.min(Swift.max(a + Float(replay.nextNormal()) * 0.3, -1), 1) }
        #expect(perturbed.shape == actions.shape && perturbed.scalars == expected)
        #expect(random == replay)
        #expect(!perturbed.requiresGradient)
    }

    @Test func targetSmoothingClipsTheNoiseThenTheAction() {
        let smoothing = GaussianActionNoise(standardDeviation: 0.2, noiseClip: 0.5)
        let actions = Tensor(repeating: 0.9, shape: [4000, 1])
        var random = SeededRandom(seed: 32)
        let smoothed = smoothing.perturb(actions, using: &random, low: -1, high: 1).scalars
        let lowest = Float(0.9) - 0.5
        #expect(smoothed.allSatisfy { $0 >= lowest && $0 <= 1 })
        #expect(smoothed.contains(1) && smoothed.contains(lowest))
        var wide = SeededRandom(seed: 32)
        let unclipped = GaussianActionNoise(standardDeviation: 0.2).perturb(Tensor(repeating: 0, shape: [4000]), using: &wide, low: -5, high: 5)
        let noise = unclipped.scalars
        #expect(noise.contains { Swift.abs($0) > 0.5 })
        let mean = noise.reduce(0, +) / Float(noise.count)
        let std = (noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(noise.count)).squareRoot()
        #expect(Swift.abs(mean) < 0.02 && Swift.abs(std - 0.2) < 0.01)
    }
}
