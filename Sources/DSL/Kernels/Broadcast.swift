/// Element-wise loops over operands broadcast to a common shape.
extension Kernels {
    /// Axis sizes and per-operand strides after merging axes that are contiguous for
    /// every operand, so the inner loop is as long as possible.
    struct BroadcastLayout {
        var shape: [Int]
        var strides: [[Int]]

        init(shape: [Int], operandShapes: [[Int]]) {
            var sizes = shape
            var strideSets = operandShapes.map { Shape.broadcastStrides($0, to: shape) }
            // Drop size-1 axes.
            var keep: [Int] = []
            for i in 0..<sizes.count where sizes[i] != 1 { keep.append(i) }
            sizes = keep.map { sizes[$0] }
            strideSets = strideSets.map { s in keep.map { s[$0] } }
            // Merge axis i into i+1 when every operand walks them as one.
            var i = sizes.count - 2
            while i >= 0 {
                let mergeable = strideSets.allSatisfy { $0[i] == $0[i + 1] * sizes[i + 1] }
                if mergeable {
                    sizes[i + 1] *= sizes[i]
                    sizes.remove(at: i)
                    for k in 0..<strideSets.count { strideSets[k].remove(at: i) }
                }
                i -= 1
            }
            if sizes.isEmpty {
                sizes = [1]
                strideSets = strideSets.map { _ in [0] }
            }
            self.shape = sizes
            self.strides = strideSets
        }

        /// Calls `body(offsets, innerCount)` for every run along the last merged axis,
        /// with the starting offset of each operand.
        @inline(__always)
        func forEachRun(_ body: ([Int], Int) -> Void) {
            let rank = shape.count
            let inner = shape[rank - 1]
            var outer = 1
            for d in 0..<(rank - 1) { outer *= shape[d] }
            var index = [Int](repeating: 0, count: max(rank - 1, 0))
            var offsets = [Int](repeating: 0, count: strides.count)
            for _ in 0..<outer {
                body(offsets, inner)
                // Advance the multi-index over the outer axes.
                var d = rank - 2
                while d >= 0 {
                    index[d] += 1
                    for k in 0..<strides.count { offsets[k] += strides[k][d] }
                    if index[d] < shape[d] { break }
                    for k in 0..<strides.count { offsets[k] -= strides[k][d] * shape[d] }
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }

    /// `f(a, b)` with broadcasting; returns the result shape and storage.
    @inline(__always)
    static func broadcastBinary(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> ([Int], TensorStorage) {
        guard let shape = Shape.broadcast(a.shape, b.shape) else {
            preconditionFailure("shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let n = Shape.count(shape)
        let out = TensorStorage(uninitializedCount: n)
        let pa = a.storage.pointer, pb = b.storage.pointer, po = out.pointer
        if a.count == n && b.count == n {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
        } else if b.count == 1 {
            let s = pb[0]
            if a.count == n {
                for i in 0..<n { po[i] = f(pa[i], s) }
            } else {
                fillBroadcast(a, shape, po)
                for i in 0..<n { po[i] = f(po[i], s) }
            }
        } else if a.count == 1 {
            let s = pa[0]
            if b.count == n {
                for i in 0..<n { po[i] = f(s, pb[i]) }
            } else {
                fillBroadcast(b, shape, po)
                for i in 0..<n { po[i] = f(s, po[i]) }
            }
        } else {
            let layout = BroadcastLayout(shape: shape, operandShapes: [a.shape, b.shape])
            let sa = layout.strides[0].last!, sb = layout.strides[1].last!
            var o = 0
            layout.forEachRun { offsets, inner in
                let xa = pa + offsets[0], xb = pb + offsets[1], xo = po + o
                if sa == 1 && sb == 1 {
                    for j in 0..<inner { xo[j] = f(xa[j], xb[j]) }
                } else if sa == 1 && sb == 0 {
                    let v = xb[0]
                    for j in 0..<inner { xo[j] = f(xa[j], v) }
                } else if sa == 0 && sb == 1 {
                    let v = xa[0]
                    for j in 0..<inner { xo[j] = f(v, xb[j]) }
                } else {
                    for j in 0..<inner { xo[j] = f(xa[j * sa], xb[j * sb]) }
                }
                o += inner
            }
        }
        return (shape, out)
    }

    /// Writes `x` broadcast to `shape` into `dst` (row-major).
    static func fillBroadcast(_ x: Tensor, _ shape: [Int], _ dst: UnsafeMutablePointer<Float>) {
        let n = Shape.count(shape)
        if x.count == n {
            dst.update(from: x.storage.pointer, count: n)
            return
        }
        if x.count == 1 {
            dst.update(repeating: x.storage.pointer[0], count: n)
            return
        }
        let layout = BroadcastLayout(shape: shape, operandShapes: [x.shape])
        let s = layout.strides[0].last!
        let px = x.storage.pointer
        var o = 0
        layout.forEachRun { offsets, inner in
            let src = px + offsets[0]
            if s == 0 {
                (dst + o).update(repeating: src[0], count: inner)
            } else if s == 1 {
                (dst + o).update(from: src, count: inner)
            } else {
                for j in 0..<inner { dst[o + j] = src[j * s] }
            }
            o += inner
        }
    }
}
