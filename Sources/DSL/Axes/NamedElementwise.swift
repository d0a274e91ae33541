/// Element-wise operations by name: operands broadcast by axis name, e.g.
/// `subtract("env gen, env -> env gen", returns, baseline)`. An operand written as the
/// empty expression is a scalar (`"a b, -> a b"`). Without `->` the output is the one
/// input whose axes include every other input's.
func namedElementwise(_ pattern: String, _ operands: [Tensor], _ sizes: [String: Int],
                      _ combine: ([Tensor]) -> Tensor) throws(AxisPatternError) -> Tensor {
    let parsed = try AxisPattern.parse(pattern)
    if parsed.hasBrackets {
        throw AxisPatternError(.unsupported, pattern, "element-wise operations take no brackets")
    }
    let s = try AxisSolution(parsed, shapes: operands.map(\.shape), sizes: sizes)
    let target: AxisSolution.Operand
    if let output = s.output {
        target = output
    } else {
        target = try impliedElementwiseOutput(s)
    }
    let targetIDs = target.ids
    var aligned: [Tensor] = []
    for (operand, x) in zip(s.inputs, operands) {
        let ids = operand.ids
        for leaf in operand.leaves where !targetIDs.contains(leaf.id) && s.size(leaf.id) != 1 {
            throw AxisPatternError(.missingOutputAxis, pattern, "input axis '\(leaf.display)' is missing from the output",
                                   at: leaf.range)
        }
        let present = targetIDs.filter { ids.contains($0) }
        let leafX = x.reshaped(s.leafShape(operand))
        let kept = ids.filter { present.contains($0) }
        let squeezed = leafX.reshaped(kept.map { s.size($0) })
        let permuted = squeezed.permuted(present.map { kept.firstIndex(of: $0)! })
        aligned.append(permuted.reshaped(targetIDs.map { present.contains($0) ? s.size($0) : 1 }))
    }
    let inputIDs = Set(s.inputs.flatMap(\.ids))
    if let orphan = target.leaves.first(where: { !inputIDs.contains($0.id) && s.size($0.id) != 1 }) {
        throw AxisPatternError(.unknownOutputAxis, pattern, "output axis '\(orphan.display)' appears in no input", at: orphan.range)
    }
    return combine(aligned).reshaped(s.dimShape(target))
}

private func impliedElementwiseOutput(_ s: AxisSolution) throws(AxisPatternError) -> AxisSolution.Operand {
    let all = Set(s.inputs.flatMap(\.ids))
    let candidates = s.inputs.filter { Set($0.ids) == all }
    guard let first = candidates.first else {
        throw AxisPatternError(.ambiguousOutput, s.text,
                               "no input has every axis, so the output is ambiguous — write '->' and the output")
    }
    if candidates.contains(where: { $0.ids != first.ids }) {
        throw AxisPatternError(.ambiguousOutput, s.text,
                               "inputs order the same axes differently, so the output is ambiguous — write '->' and the output")
    }
    return first
}

/// a + b by axis name.
public func add(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [a, b], sizes) { $0[0] + $0[1] }
}

/// a − b by axis name: `subtract("env gen, env -> env gen", returns, baseline)`.
public func subtract(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [a, b], sizes) { $0[0] - $0[1] }
}

/// a · b by axis name (`"a, b -> a b"` is an outer product).
public func multiply(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [a, b], sizes) { $0[0] * $0[1] }
}

/// a / b by axis name.
public func divide(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [a, b], sizes) { $0[0] / $0[1] }
}

/// The element-wise smaller by axis name.
public func minimum(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [a, b], sizes) { $0[0].minimum($0[1]) }
}

/// The element-wise larger by axis name.
public func maximum(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [a, b], sizes) { $0[0].maximum($0[1]) }
}

/// einx's `where` by axis name: `a` where `condition` is non-zero, else `b`. (Named
/// `select` because `where` is a Swift keyword.)
public func select(_ pattern: String, _ condition: Tensor, _ a: Tensor, _ b: Tensor,
                   _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedElementwise(pattern, [condition, a, b], sizes) { Tensor.where($0[0], $0[1], $0[2]) }
}
