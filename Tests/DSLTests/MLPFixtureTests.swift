import Testing
@testable import DSL

/// An 8-64-64-4 tanh MLP built with the DSL reproduces PyTorch's forward pass, every
/// parameter gradient and the parameters after one Adam step.
@Suite("MLP matches PyTorch end to end")
struct MLPFixtureTests {
    @Test func forwardBackwardAndAdamStep() throws {
        let f = try Fixtures.mlp()
        var random = SeededRandom(seed: 0)
        let net = Sequential.mlp([8, 64, 64, 4], activation: .tanh, random: &random)
        #expect(net.namedParameters.map(\.name) == f.parameters.map(\.name))
        try net.loadStateDictionary(Dictionary(uniqueKeysWithValues: f.parameters.map { ($0.name, $0.value.tensor) }))
        let out = net(f.input.tensor)
        expectClose(out, f.output, "output")
        let loss = (out * f.upstream.tensor).sum()
        #expect(Swift.abs(Double(loss.item) - f.loss) <= 1e-5 * Swift.abs(f.loss) + 1e-5)
        loss.backward()
        for (name, p) in net.namedParameters {
            expectClose(p.gradient!, f.grad(name)!, rtol: 1e-4, atol: 1e-6, "grad \(name)")
        }
        Adam(net.parameters, learningRate: 1e-3).step()
        for (name, p) in net.namedParameters {
            expectClose(p.value, f.afterAdam(name)!, "after Adam \(name)")
        }
    }
}
