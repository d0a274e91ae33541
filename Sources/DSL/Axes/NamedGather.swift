/// `getAt("b [a], b -> b", logProbs, actions)`: picks, for every position of the other
/// axes, the element of the bracketed axis named by an index tensor (einx's `get_at`,
/// PyTorch's `gather`). Index values are exact integers stored as `Float`.
public func getAt(_ pattern: String, _ x: Tensor, _ indices: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    let parsed = try AxisPattern.parse(pattern)
    let s = try AxisSolution(parsed, shapes: [x.shape, indices.shape], sizes: sizes)
    let xLeaves = s.inputs[0].leaves
    let indexed = xLeaves.filter(\.bracketed)
    guard indexed.count == 1 else {
        throw AxisPatternError(.unsupported, pattern, "getAt indexes exactly one bracketed axis of its first input",
                               at: indexed.dropFirst().first?.range ?? s.inputs[0].leaves.first?.range)
    }
    if let bad = s.inputs[1].leaves.first(where: \.bracketed) {
        throw AxisPatternError(.invalidAxis, pattern, "the index operand has no bracketed axes", at: bad.range)
    }
    let vectorised = xLeaves.filter { !$0.bracketed }.map(\.id)
    let indexIDs = s.inputs[1].ids
    let target: AxisSolution.Operand
    if let output = s.output {
        target = output
    } else {
        var dims: [AxisSolution.Dim] = []
        for leaf in xLeaves.filter({ !$0.bracketed }) + s.inputs[1].leaves where !dims.contains(where: { $0.leaves[0].id == leaf.id }) {
            dims.append(.init(leaves: [leaf], isGroup: false))
        }
        target = .init(dims: dims)
    }
    let outIDs = target.ids.filter { vectorised.contains($0) || indexIDs.contains($0) }
    for id in vectorised + indexIDs where !outIDs.contains(id) && s.size(id) != 1 {
        throw AxisPatternError(.missingOutputAxis, pattern, "input axis '\(s.leaf(id)!.display)' is missing from the output",
                               at: s.leaf(id)?.range)
    }
    let axisSize = s.size(indexed[0].id)
    let outShape = outIDs.map { s.size($0) }
    // x as [out axes..., indexed], broadcast over index-only axes.
    let xIDs = s.inputs[0].ids
    let xOrder = outIDs.filter { vectorised.contains($0) } + [indexed[0].id]
    let xArranged = x.reshaped(s.leafShape(s.inputs[0])).permuted(xOrder.map { xIDs.firstIndex(of: $0)! })
    let xShape = outIDs.map { vectorised.contains($0) ? s.size($0) : 1 } + [axisSize]
    let xFull = xArranged.reshaped(xShape).broadcast(to: outShape + [axisSize])
    // indices as [out axes..., 1], broadcast over x-only axes.
    let iOrder = outIDs.filter { indexIDs.contains($0) }
    let iArranged = indices.detached.reshaped(s.leafShape(s.inputs[1])).permuted(iOrder.map { indexIDs.firstIndex(of: $0)! })
    let iShape = outIDs.map { indexIDs.contains($0) ? s.size($0) : 1 } + [1]
    let iFull = iArranged.reshaped(iShape).broadcast(to: outShape + [1])
    let picked = xFull.gather(axis: -1, indices: iFull).reshaped(outShape)
    return try s.arrange(picked, leaves: outIDs, into: target)
}
