/// A rows×columns matrix with orthonormal rows (rows ≤ columns) or columns, times `gain`,
/// as `torch.nn.init.orthogonal_` gives (QR of a Gaussian matrix, signs fixed so the
/// distribution is uniform).
///
/// Small matrices (the networks RL recipes use) run Gram–Schmidt in double precision
/// vector by vector, as Zoo always has, so their weights stay bit for bit what they were.
/// Large ones (above 128³ operations, e.g. a 2000×2000 layer) orthonormalise blocks of 64
/// vectors at a time with matrix products, which takes a second instead of a minute.
func orthogonalMatrix(rows: Int, columns: Int, gain: Float, random: inout SeededRandom) -> [Float] {
    let long = max(rows, columns), short = min(rows, columns)
    let vectors = short * short * long <= 1 << 21
        ? orthonormalVectors(short, length: long, random: &random)
        : blockedOrthonormalVectors(short, length: long, random: &random)
    var out = [Float](repeating: 0, count: rows * columns)
    for r in 0..<rows {
        for c in 0..<columns {
            let value = rows <= columns ? vectors[r * long + c] : vectors[c * long + r]
            out[r * columns + c] = Float(value) * gain
        }
    }
    return out
}

/// `count` orthonormal vectors of `length` (row-major), by Gram–Schmidt applied twice
/// per vector in double precision.
private func orthonormalVectors(_ count: Int, length: Int, random: inout SeededRandom) -> [Double] {
    var vectors: [[Double]] = []
    while vectors.count < count {
        var v = (0..<length).map { _ in random.nextNormal() }
        for _ in 0..<2 {
            for u in vectors {
                let d = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                for k in 0..<length { v[k] -= d * u[k] }
            }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm < 1e-10 { continue }
        vectors.append(v.map { $0 / norm })
    }
    return vectors.flatMap { $0 }
}

/// `count` orthonormal vectors of `length` (row-major), 64 at a time: each new block is
/// projected off the finished basis twice with matrix products (`B -= (B Qᵀ) Q`), then
/// orthonormalised within itself by Gram–Schmidt twice.
private func blockedOrthonormalVectors(_ count: Int, length: Int, random: inout SeededRandom) -> [Double] {
    let blockSize = 64
    var basis: [Float] = []
    basis.reserveCapacity(count * length)
    while basis.count < count * length {
        let done = basis.count / length
        let rows = min(blockSize, count - done)
        var block = Tensor(shape: [rows, length], scalars: (0..<rows * length).map { _ in Float(random.nextNormal()) })
        if done > 0 {
            let q = Tensor(shape: [done, length], scalars: basis)
            for _ in 0..<2 {
                let coefficients = Tensor.matmul(block, q, transposeB: true)
                block = block - Tensor.matmul(coefficients, q)
            }
        }
        var values = block.scalars.map(Double.init)
        var kept: [Double] = []
        for r in 0..<rows {
            var v = Array(values[r * length ..< (r + 1) * length])
            let previous = kept.count / length
            // Plain index loops over buffers (not zipped slices), so that a debug build
            // initialises a Nature-CNN's 3136×512 layer in seconds rather than minutes.
            kept.withUnsafeBufferPointer { kept in
                v.withUnsafeMutableBufferPointer { v in
                    for _ in 0..<2 {
                        for p in 0..<previous {
                            let u = kept.baseAddress! + p * length
                            var d = 0.0
                            for k in 0..<length { d += u[k] * v[k] }
                            for k in 0..<length { v[k] -= d * u[k] }
                        }
                    }
                }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            // A (practically impossible) dependent draw is dropped and redrawn next round.
            guard norm > 1e-6 else { continue }
            kept += v.map { $0 / norm }
        }
        values = kept
        basis += values.map(Float.init)
    }
    return basis.map(Double.init)
}
