import Testing
@testable import DSL

/// Central finite differences against reverse-mode gradients for every differentiable
/// operation, on random inputs kept away from kinks and ties.
@Suite("Finite-difference gradient checks")
struct GradientCheckTests {
    /// Random values in ±scale, at least `margin` away from zero (for relu/abs kinks).
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1, margin: Float = 0, positive: Bool = false) -> Tensor {
        var r = SeededRandom(seed: seed)
        let values = (0..<Shape.count(shape)).map { _ -> Float in
            let u = Float(r.uniform(-1, 1)) * scale
            let away = u < 0 ? u - margin : u + margin
            return positive ? Swift.abs(away) + 0.2 : away
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Distinct values spaced 0.1 apart in random order (no ties for max/min).
    static func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        var r = SeededRandom(seed: seed)
        let n = Shape.count(shape)
        return Tensor(shape: shape, scalars: r.permutation(n).map { Float($0) * 0.1 - Float(n) * 0.05 })
    }

    /// Checks d(Σ w·f(x))/dx by central differences for every float input.
    static func check(_ name: String, _ inputs: [Tensor], h: Float = 1e-2, rtol: Float = 2e-2, atol: Float = 5e-3,
                      sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) throws -> Tensor) rethrows {
        let params = inputs.map { Parameter($0) }
        let y = try f(params.map(\.tensor))
        let w = random(y.shape, seed: 99)
        (y * w).sum().backward()
        for (i, p) in params.enumerated() {
            guard let analytic = p.gradient?.scalars else {
                Issue.record("\(name): no gradient for input \(i)", sourceLocation: sourceLocation)
                continue
            }
            var values = inputs[i].scalars
            for j in values.indices {
                let original = values[j]
                func objective(_ v: Float) throws -> Float {
                    values[j] = v
                    var perturbed = inputs
                    perturbed[i] = Tensor(shape: inputs[i].shape, scalars: values)
                    return try withoutGradient { try (f(perturbed) * w).sum().item }
                }
                let numeric = (try objective(original + h) - objective(original - h)) / (2 * h)
                values[j] = original
                if Swift.abs(numeric - analytic[j]) > atol + rtol * Swift.abs(numeric) {
                    Issue.record("\(name): d/dx\(i)[\(j)] analytic \(analytic[j]) vs numeric \(numeric)",
                                 sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func unaryOperations() {
        let x = Self.random([3, 4], seed: 1, margin: 0.1)
        let pos = Self.random([3, 4], seed: 2, positive: true)
        Self.check("neg", [x]) { -$0[0] }
        Self.check("exp", [x]) { $0[0].exp() }
        Self.check("log", [pos]) { $0[0].log() }
        Self.check("tanh", [x]) { $0[0].tanh() }
        Self.check("relu", [x]) { $0[0].relu() }
        Self.check("sigmoid", [x]) { $0[0].sigmoid() }
        Self.check("softplus", [x]) { $0[0].softplus() }
        Self.check("square", [x]) { $0[0].square() }
        Self.check("sqrt", [pos]) { $0[0].sqrt() }
        Self.check("abs", [x]) { $0[0].abs() }
        Self.check("pow 2.5", [pos]) { $0[0].pow(2.5) }
        Self.check("clamp", [Self.random([3, 4], seed: 3, scale: 2)]) { $0[0].clamp(min: -0.55, max: 0.65) }
    }

    @Test func binaryOperationsWithBroadcasting() {
        let a = Self.random([3, 1, 4], seed: 4), b = Self.random([2, 4], seed: 5, margin: 0.3)
        let pa = Self.random([3, 1, 4], seed: 6, positive: true)
        Self.check("add", [a, b]) { $0[0] + $0[1] }
        Self.check("subtract", [a, b]) { $0[0] - $0[1] }
        Self.check("multiply", [a, b]) { $0[0] * $0[1] }
        Self.check("divide", [a, b]) { $0[0] / $0[1] }
        Self.check("pow", [pa, b]) { $0[0].pow($0[1]) }
        Self.check("scalar", [a, Tensor(0.7)]) { $0[0] * $0[1] + $0[1] }
        let c = Self.distinct([3, 4], seed: 7), d = Self.distinct([3, 4], seed: 8) + 0.05
        Self.check("minimum", [c, d]) { $0[0].minimum($0[1]) }
        Self.check("maximum", [c, d]) { $0[0].maximum($0[1]) }
        let mask = Self.random([3, 4], seed: 9).greater(Tensor(0))
        Self.check("where", [c, Self.random([4], seed: 10)]) { Tensor.where(mask, $0[0], $0[1]) }
    }

    @Test func reductions() {
        let x = Self.random([2, 3, 4], seed: 11)
        let d = Self.distinct([2, 3, 4], seed: 12)
        for axes in [[0], [1], [2], [0, 2], [0, 1, 2]] {
            Self.check("sum \(axes)", [x]) { $0[0].sum(axes: axes) }
            Self.check("mean \(axes)", [x]) { $0[0].mean(axes: axes, keepDims: true) }
            Self.check("max \(axes)", [d]) { $0[0].max(axes: axes) }
            Self.check("min \(axes)", [d]) { $0[0].min(axes: axes) }
            Self.check("logsumexp \(axes)", [x]) { $0[0].logSumExp(axes: axes) }
            Self.check("variance \(axes)", [x]) { $0[0].variance(axes: axes, correction: 1) }
            Self.check("std \(axes)", [d]) { $0[0].standardDeviation(axes: axes) }
            Self.check("product \(axes)", [x]) { $0[0].product(axes: axes) }
        }
        Self.check("softmax", [x]) { $0[0].softmax(axis: 1) }
        Self.check("logSoftmax", [x]) { $0[0].logSoftmax(axis: -1) }
    }

    @Test func matrixProducts() {
        let a = Self.random([3, 5], seed: 13), b = Self.random([5, 2], seed: 14)
        Self.check("matmul NN", [a, b]) { Tensor.matmul($0[0], $0[1]) }
        Self.check("matmul TN", [a.transposed, b]) { Tensor.matmul($0[0], $0[1], transposeA: true) }
        Self.check("matmul NT", [a, b.transposed]) { Tensor.matmul($0[0], $0[1], transposeB: true) }
        Self.check("matmul TT", [a.transposed, b.transposed]) { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true) }
        Self.check("bmm", [Self.random([2, 3, 4], seed: 15), Self.random([2, 4, 2], seed: 16)]) { Tensor.matmul($0[0], $0[1]) }
        Self.check("linear", [Self.random([4, 3], seed: 17), Self.random([5, 3], seed: 18), Self.random([5], seed: 19)]) {
            Tensor.linear($0[0], weight: $0[1], bias: $0[2])
        }
    }

    @Test func layoutAndIndexing() {
        let x = Self.random([2, 3, 4], seed: 20)
        Self.check("reshape", [x]) { $0[0].reshaped([6, 4]) }
        Self.check("permute", [x]) { $0[0].permuted([2, 0, 1]) }
        Self.check("broadcast", [Self.random([3, 1], seed: 21)]) { $0[0].broadcast(to: [2, 3, 5]) }
        Self.check("slice", [x]) { $0[0].slice(axis: 2, 1..<3) }
        Self.check("concat", [x, Self.random([2, 1, 4], seed: 22)]) { Tensor.concat($0, axis: 1) }
        Self.check("stack", [x, Self.random([2, 3, 4], seed: 23)]) { Tensor.stack($0, axis: 1) }
        let indices = Tensor(shape: [2, 2, 4], scalars: (0..<16).map { Float($0 % 3) })
        Self.check("gather", [x]) { $0[0].gather(axis: 1, indices: indices) }
    }

    @Test func namedAxisExpressions() throws {
        let r = Self.random([5, 12], seed: 24)
        try Self.check("rearrange", [r]) { try rearrange("step (env gen) -> env gen step", $0[0], ["gen": 4]) }
        try Self.check("sum", [Self.random([3, 4, 5], seed: 25)]) { try sum("env gen [step]", $0[0]) }
        try Self.check("mean", [Self.random([3, 4], seed: 26)]) { try mean("env [gen]", $0[0]) }
        try Self.check("std", [Self.random([3, 4], seed: 27)]) { try std("env [gen]", $0[0]) }
        try Self.check("subtract", [Self.random([3, 4], seed: 28), Self.random([3], seed: 29)]) {
            try subtract("env gen, env -> env gen", $0[0], $0[1])
        }
        try Self.check("dot", [Self.random([4, 5], seed: 30), Self.random([5, 3], seed: 31)]) {
            try dot("b [i], [i] o -> b o", $0[0], $0[1])
        }
        try Self.check("batched dot", [Self.random([2, 3, 4], seed: 32), Self.random([2, 4, 5], seed: 33)]) {
            try dot("n t [i], n [i] o -> t o n", $0[0], $0[1])
        }
        let actions = Tensor([0, 3, 1, 2, 2])
        try Self.check("getAt", [Self.random([5, 4], seed: 34)]) { try getAt("b [a], b -> b", $0[0], actions) }
        try Self.check("logSoftmax", [Self.random([2, 3, 4], seed: 35)]) { try logSoftmax("a [b] c", $0[0]) }
        try Self.check("amax", [Self.distinct([3, 4], seed: 36)]) { try amax("a [b]", $0[0]) }
    }

    @Test func distributions() {
        let actions = Tensor([1, 0, 3])
        Self.check("categorical", [Self.random([3, 4], seed: 37)]) { x in
            let d = Categorical(logits: x[0])
            return d.logProbability(of: actions) + d.entropy()
        }
        let a = Self.random([3, 2], seed: 38)
        Self.check("gaussian", [Self.random([3, 2], seed: 39), Self.random([2], seed: 40, scale: 0.5)]) { x in
            let d = DiagonalGaussian(mean: x[0], logStd: x[1])
            return d.logProbability(of: a) + d.entropy()
        }
    }

    @Test func offPolicyOperations() {
        let x = Self.random([4, 3], seed: 41), discounts = Self.random([4, 3], seed: 42, positive: true)
        let bootstrap = Self.random([3], seed: 43)
        Self.check("scan", [x, discounts, bootstrap]) { $0[0].discountedReverseScan(discounts: $0[1], bootstrap: $0[2]) }
        Self.check("scan without bootstrap", [x, discounts]) { $0[0].discountedReverseScan(discounts: $0[1]) }
        Self.check("scan rank 3", [Self.random([3, 2, 2], seed: 44), Self.random([3, 2, 2], seed: 45, positive: true)]) {
            $0[0].discountedReverseScan(discounts: $0[1])
        }
        Self.check("huber", [Self.random([3, 4], seed: 46, scale: 3), Self.random([3, 4], seed: 47)]) {
            huberLoss($0[0], $0[1], delta: 0.8)
        }
        let noise = Self.random([3, 2], seed: 48)
        let actions = Self.random([3, 2], seed: 49, scale: 0.9)
        Self.check("squashed gaussian", [Self.random([3, 2], seed: 50), Self.random([2], seed: 51, scale: 0.5)]) { x in
            let d = SquashedGaussian(mean: x[0], logStd: x[1])
            let (sample, logProbability) = d.sampleWithLogProbability(noise: noise)
            return logProbability + sample.sum(axes: [1]) + d.logProbability(of: actions)
        }
    }
}
