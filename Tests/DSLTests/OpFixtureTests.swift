import Testing
@testable import DSL

/// Every positional tensor operation against PyTorch: forward values and the gradients of
/// sum(output · upstream) with respect to each float input.
@Suite("Tensor operations match PyTorch")
struct OpFixtureTests {
    static func apply(_ c: OpCase, _ x: [Tensor]) -> Tensor {
        func axes() -> [Int]? { c.ints("axes") }
        let keep = c.bool("keepdims") ?? false
        switch c.op {
        case "neg": return -x[0]
        case "exp": return x[0].exp()
        case "log": return x[0].log()
        case "tanh": return x[0].tanh()
        case "relu": return x[0].relu()
        case "sigmoid": return x[0].sigmoid()
        case "softplus": return x[0].softplus()
        case "square": return x[0].square()
        case "sqrt": return x[0].sqrt()
        case "abs": return x[0].abs()
        case "pow_scalar": return x[0].pow(Float(c.double("exponent")!))
        case "clamp": return x[0].clamp(min: Float(c.double("min")!), max: Float(c.double("max")!))
        case "add": return x[0] + x[1]
        case "subtract": return x[0] - x[1]
        case "multiply": return x[0] * x[1]
        case "divide": return x[0] / x[1]
        case "minimum": return x[0].minimum(x[1])
        case "maximum": return x[0].maximum(x[1])
        case "pow": return x[0].pow(x[1])
        case "where": return Tensor.where(x[0], x[1], x[2])
        case "sum": return x[0].sum(axes: axes(), keepDims: keep)
        case "mean": return x[0].mean(axes: axes(), keepDims: keep)
        case "max": return x[0].max(axes: axes(), keepDims: keep)
        case "min": return x[0].min(axes: axes(), keepDims: keep)
        case "logsumexp": return x[0].logSumExp(axes: axes(), keepDims: keep)
        case "var": return x[0].variance(axes: axes(), keepDims: keep, correction: c.int("correction")!)
        case "std": return x[0].standardDeviation(axes: axes(), keepDims: keep, correction: c.int("correction")!)
        case "softmax": return x[0].softmax(axis: c.int("axis")!)
        case "log_softmax": return x[0].logSoftmax(axis: c.int("axis")!)
        case "matmul", "bmm":
            return Tensor.matmul(x[0], x[1], transposeA: c.bool("transA") ?? false, transposeB: c.bool("transB") ?? false)
        case "gather": return x[0].gather(axis: c.int("axis")!, indices: x[1])
        case "concat": return Tensor.concat(x, axis: c.int("axis")!)
        case "stack": return Tensor.stack(x, axis: c.int("axis")!)
        case "slice": return x[0].slice(axis: c.int("axis")!, c.int("start")!..<c.int("end")!)
        case "permute", "transpose":
            if let perm = c.ints("perm") { return x[0].permuted(perm) }
            return x[0].transposed
        case "reshape": return x[0].reshaped(c.ints("shape")!)
        default:
            Issue.record("no Zoo operation for fixture op '\(c.op)'")
            return x[0]
        }
    }

    @Test func forwardAndGradients() throws {
        let cases = try Fixtures.ops()
        #expect(cases.count > 200)
        for c in cases {
            checkFixture(c.name, inputs: c.inputs, output: c.output, upstream: c.upstream, grads: c.grads) {
                Self.apply(c, $0)
            }
        }
    }
}
