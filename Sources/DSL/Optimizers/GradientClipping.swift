/// Global gradient-norm clipping, `torch.nn.utils.clip_grad_norm_`: all gradients are
/// scaled by min(1, maxNorm / (‖g‖₂ + 1e-6)), where ‖g‖₂ is the norm of every gradient
/// together. Returns that total norm (before clipping), which algorithms log.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var squares: [Float] = []
    for p in parameters {
        guard let g = p.gradient else { continue }
        let norm = g.storage.buffer.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        squares.append(norm * norm)
    }
    let total = squares.reduce(0, +).squareRoot()
    let coefficient = Swift.min(1, maxNorm / (total + 1e-6))
    for p in parameters {
        guard let g = p.gradient else { continue }
        let ptr = g.storage.pointer
        for j in 0..<g.count { ptr[j] *= coefficient }
    }
    return total
}
