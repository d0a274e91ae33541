/// `dot("b [i], [i] o -> b o", x, w)`: contraction over the bracketed axes, lowered to
/// one (batched) matrix multiply. Axes in both inputs and the output are batch axes;
/// axes in one input and the output are kept. Without brackets, axes in both inputs but
/// not in the output are contracted.
public func dot(_ pattern: String, _ a: Tensor, _ b: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    let parsed = try AxisPattern.parse(pattern)
    let s = try AxisSolution(parsed, shapes: [a.shape, b.shape], sizes: sizes)
    let aIDs = s.inputs[0].ids, bIDs = s.inputs[1].ids
    let target: AxisSolution.Operand
    if let output = s.output {
        target = output
    } else {
        var dims: [AxisSolution.Dim] = []
        var seen: Set<String> = []
        for leaf in s.inputs[0].leaves + s.inputs[1].leaves where !leaf.bracketed && !seen.contains(leaf.id) {
            seen.insert(leaf.id)
            dims.append(.init(leaves: [leaf], isGroup: false))
        }
        target = .init(dims: dims)
    }
    let outIDs = target.ids
    let bracketed = Set((s.inputs[0].leaves + s.inputs[1].leaves).filter(\.bracketed).map(\.id))
    let explicit = !bracketed.isEmpty
    func isContracted(_ id: String) -> Bool {
        explicit ? bracketed.contains(id) : !outIDs.contains(id)
    }
    for id in bracketed where outIDs.contains(id) {
        throw AxisPatternError(.invalidAxis, pattern, "axis '\(s.leaf(id)!.display)' is contracted but also in the output",
                               at: s.leaf(id)?.range)
    }
    // Axes only one input has and the output lacks are summed out first (when bracketed).
    func prepare(_ x: Tensor, _ operand: AxisSolution.Operand, other: [String]) throws(AxisPatternError) -> (Tensor, [String]) {
        var t = x.reshaped(s.leafShape(operand))
        var ids = operand.ids
        let lone = ids.indices.filter { !other.contains(ids[$0]) && !outIDs.contains(ids[$0]) }
        for i in lone where !isContracted(ids[i]) {
            throw AxisPatternError(.missingOutputAxis, pattern, "input axis '\(s.leaf(ids[i])!.display)' is missing from the output",
                                   at: s.leaf(ids[i])?.range)
        }
        if !lone.isEmpty {
            t = t.sum(axes: lone)
            ids = ids.indices.filter { !lone.contains($0) }.map { ids[$0] }
        }
        return (t, ids)
    }
    let (ta, ia) = try prepare(a, s.inputs[0], other: bIDs)
    let (tb, ib) = try prepare(b, s.inputs[1], other: aIDs)
    for id in ia where ib.contains(id) && !isContracted(id) && !outIDs.contains(id) {
        throw AxisPatternError(.missingOutputAxis, pattern, "axis '\(s.leaf(id)!.display)' is in both inputs but neither contracted nor in the output",
                               at: s.leaf(id)?.range)
    }
    let batch = ia.filter { ib.contains($0) && outIDs.contains($0) }
    let contracted = ia.filter { ib.contains($0) && isContracted($0) }
    let freeA = ia.filter { !ib.contains($0) }
    let freeB = ib.filter { !ia.contains($0) }
    func size(_ ids: [String]) -> Int { ids.reduce(1) { $0 * s.size($1) } }
    let nb = size(batch), m = size(freeA), k = size(contracted), n = size(freeB)
    let am = ta.permuted((batch + freeA + contracted).map { ia.firstIndex(of: $0)! }).reshaped([nb, m, k])
    let bm = tb.permuted((batch + contracted + freeB).map { ib.firstIndex(of: $0)! }).reshaped([nb, k, n])
    let product = nb == 1
        ? Tensor.matmul(am.reshaped([m, k]), bm.reshaped([k, n]))
        : Tensor.matmul(am, bm)
    let leaves = batch + freeA + freeB
    return try s.arrange(product.reshaped(leaves.map { s.size($0) }), leaves: leaves, into: target)
}
