import Testing
@testable import DSL

/// `polyakUpdate` against PyTorch's in-place `mul_(1 - tau)` then `add_(tau * source)`, bit
/// for bit, and the exact copy at τ = 1.
@Suite("Polyak update")
struct PolyakUpdateTests {
    private static func module(_ tensors: [FixtureTensor]) -> ParameterGroup {
        ParameterGroup([("weight", Parameter(tensors[0].tensor)), ("bias", Parameter(tensors[1].tensor))])
    }

    @Test func matchesPyTorchExactly() throws {
        let cases = try Fixtures.offPolicy().polyak
        #expect(cases.contains { $0.tau == 1 } && cases.contains { $0.steps > 1 })
        for c in cases {
            let target = Self.module(c.target), source = Self.module(c.source)
            for _ in 0..<c.steps { polyakUpdate(target: target, source: source, tau: Float(c.tau)) }
            for (p, expected) in zip(target.parameters, c.updated) {
                expectClose(p.value, expected, rtol: 0, atol: 0, "\(c.name)")
            }
            for (p, unchanged) in zip(source.parameters, c.source) {
                expectClose(p.value, unchanged, rtol: 0, atol: 0, "\(c.name) source")
            }
        }
    }

    @Test func hardUpdateCopiesEvenNonFiniteValues() {
        let target = ParameterGroup([("w", Parameter(Tensor([.infinity, 1, 2])))])
        let source = ParameterGroup([("w", Parameter(Tensor([3, -0.0, 5])))])
        polyakUpdate(target: target, source: source, tau: 1)
        #expect(target.parameters[0].value.scalars.map(\.bitPattern) == source.parameters[0].value.scalars.map(\.bitPattern))
    }
}
