import Testing
@testable import DSL

/// The Nature-CNN actor-critic built with the DSL (shared trunk, policy and value heads)
/// gives PyTorch's logits, values, A2C loss and parameter gradients on two Atari-sized frames.
@Suite("Nature-CNN actor-critic matches PyTorch")
struct NatureCNNFixtureTests {
    @Test func hashMatchesPython() throws {
        let f = try Fixtures.conv().natureActorCritic
        #expect((0..<4).map { HashValues.hash32($0, seed: 11) } == f.hashCheck)
    }

    @Test func forwardLossAndGradients() throws {
        let f = try Fixtures.conv().natureActorCritic
        var random = SeededRandom(seed: 0)
        let net = MultiHeadNetwork(trunk: Rescaled(by: 1 / 255, Sequential.natureCNN(random: &random))) {
            ("policy", Linear(512, 6, random: &random))
            ("value", Linear(512, 1, random: &random))
        }
        #expect(net.namedParameters.map(\.name) == f.parameters.map(\.name))
        var values: [String: Tensor] = [:]
        for p in f.parameters {
            let count = Shape.count(p.shape)
            values[p.name] = Tensor(shape: p.shape, scalars: HashValues.uniform(
                count, seed: p.seed, bound: 1 / Double(p.fanIn).squareRoot()))
        }
        try net.loadStateDictionary(values)
        let obs = Tensor(shape: f.observation.shape,
                         scalars: HashValues.pixels(Shape.count(f.observation.shape), seed: f.observation.seed))

        let out = net(obs)
        let logits = out["policy"], value = out["value"]
        expectClose(logits, f.logits, rtol: 1e-4, atol: 1e-6, "logits")
        expectClose(value, f.values, rtol: 1e-4, atol: 1e-6, "values")

        let dist = Categorical(logits: logits)
        let policyLoss = -(dist.logProbability(of: f.actions.tensor) * f.advantages.tensor).mean()
        let valueLoss = (value.squeezed(1) - f.returns.tensor).square().mean()
        let entropy = dist.entropy().mean()
        let loss = policyLoss + 0.5 * valueLoss - 0.01 * entropy
        #expect(Swift.abs(Double(policyLoss.item) - f.policyLoss) <= 1e-4 * Swift.abs(f.policyLoss) + 1e-6)
        #expect(Swift.abs(Double(valueLoss.item) - f.valueLoss) <= 1e-4 * Swift.abs(f.valueLoss) + 1e-6)
        #expect(Swift.abs(Double(entropy.item) - f.entropy) <= 1e-5 * Swift.abs(f.entropy))
        #expect(Swift.abs(Double(loss.item) - f.loss) <= 1e-4 * Swift.abs(f.loss) + 1e-6)

        loss.backward()
        let parameters = Dictionary(uniqueKeysWithValues: net.namedParameters.map { ($0.name, $0.parameter) })
        for probe in f.grads {
            let g = try #require(parameters[probe.name]?.gradient, "no gradient for \(probe.name)")
            #expect(g.shape == probe.shape, "\(probe.name) shape")
            let data = g.scalars
            let sum = data.reduce(0.0) { $0 + Double($1) }, absSum = data.reduce(0.0) { $0 + Double(Swift.abs($1)) }
            #expect(Swift.abs(sum - probe.sum) <= 1e-4 * probe.absSum + 1e-7, "\(probe.name) sum \(sum) vs \(probe.sum)")
            #expect(Swift.abs(absSum - probe.absSum) <= 1e-4 * probe.absSum + 1e-7,
                    "\(probe.name) |sum| \(absSum) vs \(probe.absSum)")
            let scale = probe.absSum / Double(data.count)
            for (i, expected) in zip(probe.indices, probe.values) {
                let actual = Double(data[i])
                if Swift.abs(actual - expected) > 1e-3 * Swift.abs(expected) + 1e-3 * scale {
                    Issue.record("\(probe.name)[\(i)]: \(actual) vs \(expected)")
                }
            }
        }
    }
}
