/// Reductions over a contiguous block of axes, and the axis permutation that brings any
/// set of axes together.
extension Kernels {
    /// How a reduction combines elements.
    enum Reduction {
        case sum, max, min
    }

    /// Reduces axes `[start, end)` of `x` (shape `shape`). Returns storage of the shape
    /// with that block removed.
    static func reduceBlock(_ x: TensorStorage, shape: [Int], start: Int, end: Int, _ kind: Reduction) -> TensorStorage {
        var outer = 1, r = 1, inner = 1
        for d in 0..<start { outer *= shape[d] }
        for d in start..<end { r *= shape[d] }
        for d in end..<shape.count { inner *= shape[d] }
        let out = TensorStorage(uninitializedCount: outer * inner)
        let src = x.pointer, dst = out.pointer
        if r == 0 {
            let identity: Float = kind == .sum ? 0 : (kind == .max ? -.infinity : .infinity)
            dst.update(repeating: identity, count: outer * inner)
            return out
        }
        for o in 0..<outer {
            let base = src + o * r * inner
            let row = dst + o * inner
            if inner == 1 {
                row[0] = reduceRow(base, r, kind)
            } else {
                row.update(from: base, count: inner)
                for k in 1..<r {
                    let next = base + k * inner
                    switch kind {
                    case .sum: for j in 0..<inner { row[j] += next[j] }
                    case .max: for j in 0..<inner where next[j] > row[j] || next[j].isNaN { row[j] = next[j] }
                    case .min: for j in 0..<inner where next[j] < row[j] || next[j].isNaN { row[j] = next[j] }
                    }
                }
            }
        }
        return out
    }

    /// Reduces one contiguous row. Sums use eight partial accumulators (vectorisable,
    /// and a fixed order, so deterministic).
    static func reduceRow(_ p: UnsafeMutablePointer<Float>, _ n: Int, _ kind: Reduction) -> Float {
        switch kind {
        case .sum:
            var acc = SIMD8<Float>(repeating: 0)
            var i = 0
            while i + 8 <= n {
                acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
                i += 8
            }
            var s = acc.sum()
            while i < n {
                s += p[i]
                i += 1
            }
            return s
        case .max:
            var m = p[0]
            for i in 1..<n where p[i] > m || p[i].isNaN { m = p[i] }
            return m
        case .min:
            var m = p[0]
            for i in 1..<n where p[i] < m || p[i].isNaN { m = p[i] }
            return m
        }
    }

    /// `x` with its axes reordered: output axis i is input axis `perm[i]`.
    static func permute(_ x: TensorStorage, shape: [Int], perm: [Int]) -> TensorStorage {
        let outShape = perm.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let permStrides = perm.map { inStrides[$0] }
        let out = TensorStorage(uninitializedCount: x.count)
        guard x.count > 0 else { return out }
        // Walk the output in order; gather from the input with permuted strides.
        let rank = outShape.count
        if rank == 0 {
            out.pointer[0] = x.pointer[0]
            return out
        }
        let inner = outShape[rank - 1]
        let innerStride = permStrides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        var o = 0
        let src = x.pointer, dst = out.pointer
        let outer = x.count / max(inner, 1)
        for _ in 0..<outer {
            if innerStride == 1 {
                (dst + o).update(from: src + offset, count: inner)
            } else {
                for j in 0..<inner { dst[o + j] = src[offset + j * innerStride] }
            }
            o += inner
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                offset += permStrides[d]
                if index[d] < outShape[d] { break }
                offset -= permStrides[d] * outShape[d]
                index[d] = 0
                d -= 1
            }
        }
        return out
    }
}
