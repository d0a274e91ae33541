/// Selecting and joining: gather along an axis, slices, concatenation and stacking.
extension Tensor {
    /// PyTorch's `gather`: `out[i][j][k] = self[i][index[i][j][k]][k]` for `axis` 1, etc.
    /// `indices` has self's rank and holds exact integers; sizes other than `axis` match.
    public func gather(axis: Int, indices: Tensor) -> Tensor {
        let ax = Shape.axis(axis, rank: rank)
        precondition(indices.rank == rank, "gather: indices rank \(indices.rank) ≠ \(rank)")
        let outer = shape[..<ax].reduce(1, *)
        let inner = shape[(ax + 1)...].reduce(1, *)
        precondition(indices.shape[..<ax].reduce(1, *) == outer && indices.shape[(ax + 1)...].reduce(1, *) == inner,
                     "gather: indices \(indices.shape) do not fit \(shape) outside axis \(ax)")
        let size = shape[ax], picks = indices.shape[ax]
        let positions = [Int](unsafeUninitializedCapacity: indices.count) { buf, n in
            let p = indices.storage.pointer
            for o in 0..<outer {
                for j in 0..<picks {
                    for i in 0..<inner {
                        let idx = Int(p[(o * picks + j) * inner + i])
                        precondition(idx >= 0 && idx < size, "gather: index \(idx) out of range 0..<\(size)")
                        buf[(o * picks + j) * inner + i] = (o * size + idx) * inner + i
                    }
                }
            }
            n = indices.count
        }
        let out = TensorStorage(uninitializedCount: positions.count)
        for (k, pos) in positions.enumerated() { out.pointer[k] = storage.pointer[pos] }
        let original = shape, total = count
        return Tensor.record(shape: indices.shape, storage: out, inputs: [self]) { g in
            let r = TensorStorage(repeating: 0, count: total)
            for (k, pos) in positions.enumerated() { r.pointer[pos] += g.storage.pointer[k] }
            return [Tensor(shape: original, sharing: r)]
        }
    }

    /// Elements `start..<end` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = Shape.axis(axis, rank: rank)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax],
                     "slice \(range) out of range for axis \(ax) of size \(shape[ax])")
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        var outShape = shape
        outShape[ax] = range.count
        let out = TensorStorage(uninitializedCount: Shape.count(outShape))
        let runIn = shape[ax] * inner, runOut = range.count * inner
        for o in 0..<outer {
            (out.pointer + o * runOut).update(from: storage.pointer + o * runIn + range.lowerBound * inner, count: runOut)
        }
        let original = shape
        return Tensor.record(shape: outShape, storage: out, inputs: [self]) { g in
            let r = TensorStorage(repeating: 0, count: Shape.count(original))
            for o in 0..<outer {
                (r.pointer + o * runIn + range.lowerBound * inner).update(from: g.storage.pointer + o * runOut, count: runOut)
            }
            return [Tensor(shape: original, sharing: r)]
        }
    }

    /// Tensors joined along an existing axis; other sizes must match.
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat needs at least one tensor")
        let first = tensors[0]
        let ax = Shape.axis(axis, rank: first.rank)
        var outShape = first.shape
        outShape[ax] = 0
        for t in tensors {
            var a = t.shape, b = first.shape
            a[ax] = 0
            b[ax] = 0
            precondition(a == b, "concat: shape \(t.shape) does not match \(first.shape) outside axis \(ax)")
            outShape[ax] += t.shape[ax]
        }
        let outer = first.shape[..<ax].reduce(1, *), inner = first.shape[(ax + 1)...].reduce(1, *)
        let out = TensorStorage(uninitializedCount: Shape.count(outShape))
        let rowOut = outShape[ax] * inner
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            let run = t.shape[ax] * inner
            for o in 0..<outer {
                (out.pointer + o * rowOut + offset).update(from: t.storage.pointer + o * run, count: run)
            }
            offsets.append(offset / inner)
            offset += run
        }
        return Tensor.record(shape: outShape, storage: out, inputs: tensors) { g in
            tensors.enumerated().map { i, t in
                t.requiresGradient ? g.slice(axis: ax, offsets[i]..<(offsets[i] + t.shape[ax])) : nil
            }
        }
    }

    /// Tensors of one shape stacked along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack needs at least one tensor")
        let a = axis < 0 ? axis + tensors[0].rank + 1 : axis
        return concat(tensors.map { $0.unsqueezed(a) }, axis: a)
    }
}
