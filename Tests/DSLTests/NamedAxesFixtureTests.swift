import Testing
@testable import DSL

/// Every named-axis expression against einx on PyTorch: values and gradients.
@Suite("Named-axis expressions match einx")
struct NamedAxesFixtureTests {
    static func apply(_ c: NamedAxesCase, _ x: [Tensor]) throws -> Tensor {
        let p = c.pattern, s = c.sizes
        switch c.op {
        case "rearrange": return try rearrange(p, x[0], s)
        case "sum": return try sum(p, x[0], s)
        case "mean": return try mean(p, x[0], s)
        case "max": return try amax(p, x[0], s)
        case "min": return try amin(p, x[0], s)
        case "prod": return try prod(p, x[0], s)
        case "logsumexp": return try logsumexp(p, x[0], s)
        case "var": return try variance(p, x[0], s, correction: c.int("correction") ?? 1)
        case "std": return try std(p, x[0], s, correction: c.int("correction") ?? 1)
        case "all": return try all(p, x[0], s)
        case "any": return try any(p, x[0], s)
        case "add": return try add(p, x[0], x[1], s)
        case "subtract": return try subtract(p, x[0], x[1], s)
        case "multiply": return try multiply(p, x[0], x[1], s)
        case "divide": return try divide(p, x[0], x[1], s)
        case "minimum": return try minimum(p, x[0], x[1], s)
        case "maximum": return try maximum(p, x[0], x[1], s)
        case "where": return try select(p, x[0], x[1], x[2], s)
        case "dot": return try dot(p, x[0], x[1], s)
        case "get_at": return try getAt(p, x[0], x[1], s)
        case "softmax": return try softmax(p, x[0], s)
        case "log_softmax": return try logSoftmax(p, x[0], s)
        default:
            Issue.record("no Zoo operation for einx op '\(c.op)'")
            return x[0]
        }
    }

    @Test func valuesAndGradients() throws {
        let cases = try Fixtures.namedAxes()
        #expect(cases.count > 100)
        for c in cases {
            checkFixture("\(c.op) \"\(c.pattern)\"", inputs: c.inputs, output: c.output, upstream: c.upstream,
                         grads: c.grads) { try Self.apply(c, $0) }
        }
    }
}
