import Testing
@testable import DSL

/// The discounted reverse scan against a float32 loop in PyTorch (bit for bit), and GAE
/// written with it against the loop of Zoo's `GeneralizedAdvantageEstimation`.
@Suite("Discounted reverse scan")
struct DiscountedScanTests {
    @Test func matchesAFloat32LoopAndItsGradients() throws {
        let cases = try Fixtures.offPolicy().scan
        #expect(cases.contains { $0.bootstrap == nil } && cases.contains { $0.x.shape.count == 3 })
        for c in cases {
            let x = Parameter(c.x.tensor), discounts = Parameter(c.discounts.tensor)
            let bootstrap = c.bootstrap.map { Parameter($0.tensor) }
            let y = x.tensor.discountedReverseScan(discounts: discounts.tensor, bootstrap: bootstrap?.tensor)
            expectClose(y, c.output, rtol: 0, atol: 0, "\(c.name) output")
            y.backward(seed: c.upstream.tensor)
            expectClose(x.gradient!, c.grads["x"]!, rtol: 0, atol: 0, "\(c.name) d/dx")
            expectClose(discounts.gradient!, c.grads["discounts"]!, rtol: 0, atol: 0, "\(c.name) d/ddiscounts")
            if let bootstrap {
                expectClose(bootstrap.gradient!, c.grads["bootstrap"]!, rtol: 0, atol: 0, "\(c.name) d/dbootstrap")
            }
        }
    }

    @Test func discountedReturnsByHand() {
        // Two copies; copy 1's episode ends at step 1, so step 1 does not bootstrap.
        let rewards = Tensor(shape: [3, 2], scalars: [1, 1, 2, 2, 3, 3])
        let notDone = Tensor(shape: [3, 2], scalars: [1, 1, 1, 0, 1, 1])
        let returns = rewards.discountedReverseScan(discounts: 0.5 * notDone, bootstrap: Tensor([8, 8]))
        // Copy 0: 3 + ½·8 = 7, 2 + ½·7 = 5.5, 1 + ½·5.5 = 3.75. Copy 1: 7, then 2 (done), 1 + ½·2 = 2.
        #expect(returns.scalars == [3.75, 2, 5.5, 2, 7, 7])
    }

    /// GAE with the scan: x = δ·valid, g = γλ·(1 − done)·valid, no bootstrap; returns = (A + V)·valid.
    @Test func gaeWithTheScanEqualsZooGAE() {
        let steps = 6, copies = 3, n = steps * copies
        let gamma: Float = 0.99, lambda: Float = 0.95
        var random = SeededRandom(seed: 21)
        let rewards = (0..<n).map { _ in Float(random.nextNormal()) }
        let values = (0..<n).map { _ in Float(random.nextNormal()) }
        let nextValues = (0..<n).map { _ in Float(random.nextNormal()) }
        let terminated = (0..<n).map { _ in Float(random.nextDouble() < 0.2 ? 1 : 0) }
        let truncated = (0..<n).map { k in terminated[k] == 0 && random.nextDouble() < 0.15 ? Float(1) : 0 }
        // Next-step autoreset: the step after a done one is an invalid reset transition.
        let valid = (0..<n).map { k in k >= copies && terminated[k - copies] + truncated[k - copies] > 0 ? Float(0) : 1 }
        #expect(valid.contains(0) && terminated.contains(1) && truncated.contains(1))

        let expected = Self.zooGAE(steps: steps, copies: copies, rewards: rewards, values: values, nextValues: nextValues,
                                   terminated: terminated, truncated: truncated, valid: valid, gamma: gamma, lambda: lambda)

        let t = { (v: [Float]) in Tensor(shape: [steps, copies], scalars: v) }
        let notDone = (0..<n).map { k in terminated[k] != 0 || truncated[k] != 0 ? Float(0) : 1 }
        let decay = Float(Double(gamma) * Double(lambda))
        let delta = t(rewards) + gamma * t(nextValues) * (1 - t(terminated)) - t(values)
        let advantages = (delta * t(valid)).discountedReverseScan(discounts: decay * t(notDone) * t(valid))
        let returns = (advantages + t(values)) * t(valid)
        #expect(advantages.scalars == expected.advantages)
        #expect(returns.scalars == expected.returns)
    }

    /// The loop of Sources/Zoo/Training/Advantages/GAE.swift, copied with StepSignals unpacked
    /// (DSLTests cannot import Zoo).
    private static func zooGAE(steps: Int, copies: Int, rewards: [Float], values: [Float], nextValues: [Float],
                               terminated: [Float], truncated: [Float], valid: [Float],
                               gamma: Float, lambda: Float) -> (advantages: [Float], returns: [Float]) {
        var advantages = [Float](repeating: 0, count: steps * copies)
        var returns = advantages
        let decay = Float(Double(gamma) * Double(lambda))
        for i in 0..<copies {
            var next: Float = 0
            for t in stride(from: steps - 1, through: 0, by: -1) {
                let k = t * copies + i
                let notDone: Float = terminated[k] != 0 || truncated[k] != 0 ? 0 : 1
                let delta = rewards[k] + gamma * nextValues[k] * (1 - terminated[k]) - values[k]
                next = (delta + decay * notDone * next) * valid[k]
                advantages[k] = next
                returns[k] = (next + values[k]) * valid[k]
            }
        }
        return (advantages, returns)
    }
}
