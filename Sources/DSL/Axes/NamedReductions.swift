/// Reductions by name: the bracketed axes are reduced, e.g. `sum("env gen [step]", r)`.
/// Without `->` the output is the input minus the bracketed axes; a composition whose
/// axes are all reduced, as in `"a ([b])"`, stays as an axis of size 1.
extension AxisSolution {
    /// The input expression with its bracketed axes removed.
    func inputWithoutBrackets() -> Operand {
        var dims: [Dim] = []
        for dim in inputs[0].dims {
            let kept = dim.leaves.filter { !$0.bracketed }
            if dim.isGroup || !kept.isEmpty { dims.append(Dim(leaves: kept, isGroup: dim.isGroup)) }
        }
        return Operand(dims: dims)
    }
}

func namedReduction(_ pattern: String, _ x: Tensor, _ sizes: [String: Int],
                    _ reduce: (Tensor, [Int]) -> Tensor) throws(AxisPatternError) -> Tensor {
    let parsed = try AxisPattern.parse(pattern)
    let s = try AxisSolution(parsed, shapes: [x.shape], sizes: sizes)
    let leaves = s.inputs[0].leaves
    var reduced = leaves.indices.filter { leaves[$0].bracketed }
    if reduced.isEmpty {
        guard let out = s.output else {
            throw AxisPatternError(.syntax, pattern, "mark the axes to reduce with brackets, e.g. \"a [b]\"")
        }
        let outIDs = Set(out.ids)
        reduced = leaves.indices.filter { !outIDs.contains(leaves[$0].id) }
    }
    if let out = s.output, let bad = out.leaves.first(where: { $0.bracketed }) {
        throw AxisPatternError(.invalidAxis, pattern, "the output of a reduction cannot have bracketed axes", at: bad.range)
    }
    let kept = leaves.indices.filter { !reduced.contains($0) }.map { leaves[$0].id }
    let result = reduce(x.reshaped(s.leafShape(s.inputs[0])), reduced)
    return try s.arrange(result, leaves: kept, into: s.output ?? s.inputWithoutBrackets())
}

/// Sum over the bracketed axes: `sum("env gen [step]", rewards)`.
public func sum(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.sum(axes: $1) }
}

/// Mean over the bracketed axes: `mean("env [gen]", returns)`.
public func mean(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.mean(axes: $1) }
}

/// Maximum over the bracketed axes (einx's `max`; named `amax` as in NumPy and PyTorch
/// so it does not shadow Swift's `max`).
public func amax(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.max(axes: $1) }
}

/// Minimum over the bracketed axes (einx's `min`, named `amin` like `amax`).
public func amin(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.min(axes: $1) }
}

/// Product over the bracketed axes.
public func prod(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.product(axes: $1) }
}

/// log Σ exp over the bracketed axes.
public func logsumexp(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.logSumExp(axes: $1) }
}

/// Variance over the bracketed axes (einx's `var`). `correction` 1 (the default) divides
/// by n − 1, as einx does on PyTorch tensors — the seeds' backend; 0 gives NumPy's
/// population variance.
public func variance(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:],
                     correction: Int = 1) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.variance(axes: $1, correction: correction) }
}

/// Standard deviation over the bracketed axes (einx's `std`), with `variance`'s
/// `correction`.
public func std(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:],
                correction: Int = 1) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x, sizes) { $0.standardDeviation(axes: $1, correction: correction) }
}

/// 1 where every element over the bracketed axes is non-zero: `all("(env [gen])", done, ["gen": 4])`.
public func all(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x.detached.notEqual(Tensor(0)), sizes) { $0.min(axes: $1) }
}

/// 1 where any element over the bracketed axes is non-zero.
public func any(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedReduction(pattern, x.detached.notEqual(Tensor(0)), sizes) { $0.max(axes: $1) }
}
