import CKernels

/// Matrix products on the GEMM kernel: plain, batched, and the fused affine map of a
/// linear layer.
extension Tensor {
    /// Rows and columns of a matrix after an optional transpose.
    private static func dims(_ t: Tensor, _ transpose: Bool) -> (rows: Int, cols: Int) {
        let r = t.shape[t.rank - 2], c = t.shape[t.rank - 1]
        return transpose ? (c, r) : (r, c)
    }

    /// C = op(A) · op(B) for matrices, or batch by batch for rank-3 tensors with the
    /// same leading size.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == b.rank && (a.rank == 2 || a.rank == 3),
                     "matmul needs two matrices or two batches of matrices, got \(a.shape) and \(b.shape)")
        let (m, ka) = dims(a, transposeA), (kb, n) = dims(b, transposeB)
        precondition(ka == kb, "matmul inner sizes differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batch = a.rank == 3 ? a.shape[0] : 1
        if a.rank == 3 { precondition(b.shape[0] == batch, "matmul batch sizes differ: \(a.shape[0]) and \(b.shape[0])") }
        let out = TensorStorage(uninitializedCount: batch * m * n)
        gemm(batch, transposeA, transposeB, m, n, ka, a.storage.pointer, a.shape.last!,
             b.storage.pointer, b.shape.last!, 0, out.pointer)
        let shape = a.rank == 3 ? [batch, m, n] : [m, n]
        return Tensor.record(shape: shape, storage: out, inputs: [a, b]) { g in
            // dA = dC · op(B)ᵀ (transposed back when A was transposed); dB likewise.
            var ga: Tensor?, gb: Tensor?
            if a.requiresGradient {
                ga = transposeA ? matmul(b, g, transposeA: transposeB, transposeB: true)
                                : matmul(g, b, transposeA: false, transposeB: !transposeB)
            }
            if b.requiresGradient {
                gb = transposeB ? matmul(g, a, transposeA: true, transposeB: transposeA)
                                : matmul(a, g, transposeA: !transposeA, transposeB: false)
            }
            return [ga, gb]
        }
    }

    /// Strided GEMM over `batch` matrices: C = op(A)·op(B) + beta·C.
    static func gemm(_ batch: Int, _ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int,
                     _ pa: UnsafePointer<Float>, _ lda: Int, _ pb: UnsafePointer<Float>, _ ldb: Int,
                     _ beta: Float, _ pc: UnsafeMutablePointer<Float>) {
        for i in 0..<batch {
            zoo_sgemm(ta, tb, Int32(m), Int32(n), Int32(k), 1,
                      pa + i * m * k, Int32(lda), pb + i * k * n, Int32(ldb),
                      beta, pc + i * m * n, Int32(n))
        }
    }

    /// The affine map of a linear layer, `x · Wᵀ + b`, with `W` shaped [out, in] as in
    /// PyTorch. Fused: one GEMM with the bias added in place, and a three-GEMM backward.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        let out = affine(x, weight: weight, bias: bias)
        return Tensor.record(shape: [x.shape[0], weight.shape[0]], storage: out, inputs: linearInputs(x, weight, bias)) { g in
            linearGradients(g, x, weight, bias)
        }
    }

    /// The values of `x · Wᵀ + b` in a new storage.
    static func affine(_ x: Tensor, weight: Tensor, bias: Tensor?) -> TensorStorage {
        precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
                     "linear: input \(x.shape) does not fit weight \(weight.shape)")
        let batch = x.shape[0], inputs = x.shape[1], outputs = weight.shape[0]
        let out = TensorStorage(uninitializedCount: batch * outputs)
        if let bias {
            precondition(bias.shape == [outputs], "linear: bias \(bias.shape) does not fit \(outputs) outputs")
            let pb = bias.storage.pointer
            for r in 0..<batch { (out.pointer + r * outputs).update(from: pb, count: outputs) }
        }
        zoo_sgemm(false, true, Int32(batch), Int32(outputs), Int32(inputs), 1,
                  x.storage.pointer, Int32(inputs), weight.storage.pointer, Int32(inputs),
                  bias == nil ? 0 : 1, out.pointer, Int32(outputs))
        return out
    }

    /// The inputs a linear map records, in the order `linearGradients` returns theirs.
    static func linearInputs(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> [Tensor] {
        bias.map { [x, weight, $0] } ?? [x, weight]
    }

    /// Gradients of `x`, `W` and `b` (when present) from the gradient `g` of `x · Wᵀ + b`.
    static func linearGradients(_ g: Tensor, _ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> [Tensor?] {
        var grads: [Tensor?] = [nil, nil]
        if x.requiresGradient { grads[0] = matmul(g, weight) }
        if weight.requiresGradient { grads[1] = matmul(g, x, transposeA: true) }
        if let bias {
            grads.append(bias.requiresGradient ? g.sum(axes: [0]) : nil)
        }
        return grads
    }
}
