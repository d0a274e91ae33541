/// Changing how elements are arranged: reshape (shares storage), permute, broadcast.
extension Tensor {
    /// The same elements under a new shape with the same count. One axis may be -1.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let hole = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().reduce(1) { $1.offset == hole ? $0 : $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            target[hole] = count / known
        }
        precondition(Shape.count(target) == count, "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        if target == shape { return self }
        let original = shape
        return Tensor.record(shape: target, storage: storage, inputs: [self]) { g in
            [g.reshaped(original)]
        }
    }

    /// Axes reordered: result axis i is axis `perm[i]` of self.
    public func permuted(_ perm: [Int]) -> Tensor {
        precondition(perm.count == rank && Set(perm) == Set(0..<rank),
                     "permutation \(perm) is not a permutation of the \(rank) axes")
        if perm == Array(0..<rank) { return self }
        let out = Kernels.permute(storage, shape: shape, perm: perm)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return Tensor.record(shape: perm.map { shape[$0] }, storage: out, inputs: [self]) { g in
            [g.permuted(inverse)]
        }
    }

    /// Swaps the last two axes of a rank ≥ 2 tensor.
    public var transposed: Tensor {
        precondition(rank >= 2, "transposed needs rank ≥ 2, shape is \(shape)")
        var perm = Array(0..<rank)
        perm.swapAt(rank - 1, rank - 2)
        return permuted(perm)
    }

    /// Broadcast (materialised) to `target`; the gradient sums back.
    public func broadcast(to target: [Int]) -> Tensor {
        precondition(Shape.broadcast(shape, target) == target, "cannot broadcast \(shape) to \(target)")
        if target == shape { return self }
        let out = TensorStorage(uninitializedCount: Shape.count(target))
        Kernels.fillBroadcast(self, target, out.pointer)
        let original = shape
        return Tensor.record(shape: target, storage: out, inputs: [self]) { g in
            [g.summed(toShape: original)]
        }
    }

    /// Sums a broadcast result back to `target`, the shape of the operand that was
    /// broadcast.
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let offset = rank - target.count
        var axes: [Int] = Array(0..<offset)
        for (i, d) in target.enumerated() where d == 1 && shape[i + offset] != 1 {
            axes.append(i + offset)
        }
        return sum(axes: axes).reshaped(target)
    }

    /// A size-1 axis inserted at `axis`.
    public func unsqueezed(_ axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        var s = shape
        s.insert(1, at: a)
        return reshaped(s)
    }

    /// The size-1 axis `axis` removed.
    public func squeezed(_ axis: Int) -> Tensor {
        let a = Shape.axis(axis, rank: rank)
        precondition(shape[a] == 1, "cannot squeeze axis \(axis) of size \(shape[a])")
        var s = shape
        s.remove(at: a)
        return reshaped(s)
    }

    /// All elements as one axis.
    public var flattened: Tensor { reshaped([count]) }

    /// Axes `axis` and later merged into one (`torch.flatten(x, start_dim: axis)`); shares
    /// storage.
    public func flattened(fromAxis axis: Int) -> Tensor {
        let a = Shape.axis(axis, rank: rank)
        return reshaped(Array(shape[..<a]) + [Shape.count(Array(shape[a...]))])
    }
}
