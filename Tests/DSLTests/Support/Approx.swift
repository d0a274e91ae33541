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
