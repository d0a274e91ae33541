import CKernels

/// Global gradient-norm clipping, `torch.nn.utils.clip_grad_norm_`: all gradients are
/// scaled by min(1, maxNorm / (‖g‖₂ + 1e-6)), where ‖g‖₂ is the norm of every gradient
/// together. Returns that total norm (before clipping), which algorithms log.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    let gradients = parameters.compactMap { $0.gradient?.storage }
    // The per-parameter sums of squares in C, four serial chains at a time, longest first
    // (each sum is that of one plain loop over its parameter; only latencies overlap).
    let longestFirst = gradients.indices.sorted { gradients[$0].count > gradients[$1].count }
    var sorted = [Float](repeating: 0, count: gradients.count)
    zoo_sums_of_squares(gradients.count, longestFirst.map { UnsafePointer<Float>?(gradients[$0].pointer) },
                        longestFirst.map { gradients[$0].count }, &sorted)
    var sums = sorted
    for (rank, index) in longestFirst.enumerated() { sums[index] = sorted[rank] }
    var total: Float = 0
    for sum in sums {
        let norm = sum.squareRoot()
        total += norm * norm
    }
    total = total.squareRoot()
    let coefficient = Swift.min(1, maxNorm / (total + 1e-6))
    for g in gradients {
        let ptr = g.pointer
        for j in 0..<g.count { ptr[j] *= coefficient }
    }
    return total
}
