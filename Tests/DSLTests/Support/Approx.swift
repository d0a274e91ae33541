import Testing
@testable import DSL

/// The largest violation of |actual − expected| ≤ rtol·|expected| + atol, or nil when
/// every element is within tolerance (and the counts match).
func toleranceViolation(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6) -> String? {
    guard actual.count == expected.count else { return "count \(actual.count) ≠ \(expected.count)" }
    var worst: (Int, Float)?
    for i in actual.indices {
        let a = actual[i], e = expected[i]
        if a.isNaN != e.isNaN { return "element \(i): \(a) vs \(e)" }
        if a.isInfinite || e.isInfinite {
            if a != e { return "element \(i): \(a) vs \(e)" }
            continue
        }
        let excess = Swift.abs(a - e) - (rtol * Swift.abs(e) + atol)
        if excess > 0 && excess > (worst?.1 ?? 0) { worst = (i, excess) }
    }
    if let (i, _) = worst { return "element \(i): \(actual[i]) vs expected \(expected[i])" }
    return nil
}

/// Expects `actual` to match the fixture tensor's shape and values.
func expectClose(_ actual: Tensor, _ expected: FixtureTensor, rtol: Float = 1e-5, atol: Float = 1e-6,
                 _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(context): shape \(actual.shape) ≠ \(expected.shape)",
            sourceLocation: sourceLocation)
    if let problem = toleranceViolation(actual.scalars, expected.floats, rtol: rtol, atol: atol) {
        Issue.record("\(context): \(problem)", sourceLocation: sourceLocation)
    }
}

extension FixtureTensor {
    /// The fixture as a tensor (integers and booleans as exact floats).
    var tensor: Tensor { Tensor(shape: shape, scalars: floats) }
}

/// Runs `apply` on the fixture's inputs (float inputs as parameters), compares the output,
/// then back-propagates `upstream` and compares each float input's gradient. `outputAtol`
/// widens the output's absolute tolerance for long sums (convolutions) that cancel.
func checkFixture(_ context: String, inputs: [FixtureTensor], output: FixtureTensor, upstream: FixtureTensor?,
                  grads: [FixtureTensor?], outputAtol: Float = 1e-6, sourceLocation: SourceLocation = #_sourceLocation,
                  _ apply: ([Tensor]) throws -> Tensor) {
    let params = inputs.map { $0.isFloat ? Parameter($0.tensor) : nil }
    let tensors = zip(inputs, params).map { fixture, p in p?.tensor ?? fixture.tensor }
    let y: Tensor
    do {
        y = try apply(tensors)
    } catch {
        Issue.record("\(context): \(error)", sourceLocation: sourceLocation)
        return
    }
    expectClose(y, output, atol: outputAtol, context, sourceLocation: sourceLocation)
    guard let upstream else { return }
    y.backward(seed: upstream.tensor)
    for (i, expected) in grads.enumerated() {
        guard let expected else { continue }
        guard let g = params[i]?.gradient else {
            Issue.record("\(context): no gradient reached input \(i)", sourceLocation: sourceLocation)
            continue
        }
        expectClose(g, expected, rtol: 1e-4, atol: 1e-5, "\(context) grad \(i)", sourceLocation: sourceLocation)
    }
}
