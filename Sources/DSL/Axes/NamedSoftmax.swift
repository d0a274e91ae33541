/// softmax and log-softmax by name: normalised over the bracketed axes, shape preserved
/// (`softmax("b [a]", logits)`).
func namedSoftmax(_ pattern: String, _ x: Tensor, _ sizes: [String: Int], log: Bool) throws(AxisPatternError) -> Tensor {
    let parsed = try AxisPattern.parse(pattern)
    let s = try AxisSolution(parsed, shapes: [x.shape], sizes: sizes)
    let input = s.inputs[0]
    let ids = input.ids
    let over = input.leaves.filter(\.bracketed).map(\.id)
    guard !over.isEmpty else {
        throw AxisPatternError(.syntax, pattern, "mark the axes to normalise over with brackets, e.g. \"b [a]\"")
    }
    let kept = ids.filter { !over.contains($0) }
    let order = kept + over
    let rows = kept.reduce(1) { $0 * s.size($1) }
    let width = over.reduce(1) { $0 * s.size($1) }
    let moved = x.reshaped(s.leafShape(input)).permuted(order.map { ids.firstIndex(of: $0)! }).reshaped([rows, width])
    let normalised = log ? moved.logSoftmax(axis: 1) : moved.softmax(axis: 1)
    return try s.arrange(normalised.reshaped(order.map { s.size($0) }), leaves: order, into: s.output ?? input)
}

/// softmax over the bracketed axes.
public func softmax(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedSoftmax(pattern, x, sizes, log: false)
}

/// log-softmax over the bracketed axes.
public func logSoftmax(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    try namedSoftmax(pattern, x, sizes, log: true)
}
