/// The product reduction. Its gradient is the product of the other elements of each
/// group, computed with prefix and suffix products so that zeros are handled exactly.
extension Tensor {
    /// Product over `axes` (all when nil).
    public func product(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let ax = reductionAxes(axes)
        if ax.isEmpty { return self }
        // Bring the reduced axes last, so each group is one contiguous row.
        let keptAxes = (0..<rank).filter { !ax.contains($0) }
        let perm = keptAxes + ax
        let rows = keptAxes.reduce(1) { $0 * shape[$1] }
        let width = ax.reduce(1) { $0 * shape[$1] }
        let moved = withoutGradient { self.detached.permuted(perm) }
        let src = moved.storage.pointer
        let out = TensorStorage(uninitializedCount: rows)
        for r in 0..<rows {
            var p: Float = 1
            for j in 0..<width { p *= src[r * width + j] }
            out.pointer[r] = p
        }
        let outShape = reducedShape(ax, keepDims: keepDims)
        let movedShape = perm.map { shape[$0] }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return Tensor.record(shape: outShape, storage: out, inputs: [self]) { g in
            let src = moved.storage.pointer
            let grad = TensorStorage(uninitializedCount: rows * width)
            var prefix = [Float](repeating: 1, count: width + 1)
            for r in 0..<rows {
                let row = src + r * width
                for j in 0..<width { prefix[j + 1] = prefix[j] * row[j] }
                var suffix: Float = 1
                let gr = g.storage.pointer[r]
                for j in stride(from: width - 1, through: 0, by: -1) {
                    grad.pointer[r * width + j] = gr * prefix[j] * suffix
                    suffix *= row[j]
                }
            }
            return [Tensor(shape: movedShape, sharing: grad).permuted(inverse)]
        }
    }
}
