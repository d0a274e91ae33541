/// `rearrange("step (env gen) -> env gen step", x, ["gen": 4])`: permute, compose and
/// decompose axes by name (einx's `rearrange`, `id` in einx 0.4).
public func rearrange(_ pattern: String, _ x: Tensor, _ sizes: [String: Int] = [:]) throws(AxisPatternError) -> Tensor {
    let parsed = try AxisPattern.parse(pattern)
    guard parsed.output != nil else {
        throw AxisPatternError(.syntax, pattern, "rearrange needs '->' followed by the output expression")
    }
    if parsed.hasBrackets {
        throw AxisPatternError(.unsupported, pattern, "rearrange takes no brackets: it consumes no axis")
    }
    let s = try AxisSolution(parsed, shapes: [x.shape], sizes: sizes)
    return try s.arrange(x.reshaped(s.leafShape(s.inputs[0])), leaves: s.inputs[0].ids, into: s.output!)
}
