import Foundation

/// Reductions over chosen axes: sum, mean, max, min, log-sum-exp, variance, standard
/// deviation, and the softmax family built on them.
extension Tensor {
    /// Normalised, sorted, de-duplicated axes (all axes when `axes` is nil).
    func reductionAxes(_ axes: [Int]?) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        // Axes written in range and in increasing order (the usual case, e.g. [0]) are
        // already normalised: no set, no sort, no new arrays.
        var normalized = true
        for (k, axis) in axes.enumerated() where axis < 0 || axis >= rank || (k > 0 && axis <= axes[k - 1]) {
            normalized = false
            break
        }
        if normalized { return axes }
        return Array(Set(axes.map { Shape.axis($0, rank: rank) })).sorted()
    }

    /// Shape after reducing `axes`, keeping them as size 1 or dropping them.
    func reducedShape(_ axes: [Int], keepDims: Bool) -> [Int] {
        var s: [Int] = []
        s.reserveCapacity(rank)
        for (i, d) in shape.enumerated() {
            if axes.contains(i) {
                if keepDims { s.append(1) }
            } else {
                s.append(d)
            }
        }
        return s
    }

    /// Raw reduction (no recording): reduces runs of adjacent axes from the last run to
    /// the first, so any axis set works without a transpose.
    func reduceRaw(_ axes: [Int], _ kind: Kernels.Reduction) -> TensorStorage {
        var current = storage
        var currentShape = shape
        var i = axes.count - 1
        while i >= 0 {
            var start = i
            while start > 0 && axes[start - 1] == axes[start] - 1 { start -= 1 }
            let lo = axes[start], hi = axes[i] + 1
            current = Kernels.reduceBlock(current, shape: currentShape, start: lo, end: hi, kind)
            i = start - 1
            // Only a further run needs the reduced shape (skipping it saves a copy).
            if i >= 0 { currentShape.removeSubrange(lo..<hi) }
        }
        return current
    }

    /// Sum over `axes` (all when nil).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let ax = reductionAxes(axes)
        if ax.isEmpty { return self }
        let outShape = reducedShape(ax, keepDims: keepDims)
        let kept = reducedShape(ax, keepDims: true)
        let original = shape
        return Tensor.record(shape: outShape, storage: reduceRaw(ax, .sum), inputs: [self]) { g in
            [g.reshaped(kept).broadcast(to: original)]
        }
    }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let ax = reductionAxes(axes)
        let n = ax.reduce(1) { $0 * shape[$1] }
        return sum(axes: ax, keepDims: keepDims) * (1 / Float(n))
    }

    private func extreme(_ axes: [Int]?, keepDims: Bool, _ kind: Kernels.Reduction) -> Tensor {
        let ax = reductionAxes(axes)
        if ax.isEmpty { return self }
        let outShape = reducedShape(ax, keepDims: keepDims)
        let kept = reducedShape(ax, keepDims: true)
        let result = reduceRaw(ax, kind)
        let x = self.detached
        return Tensor.record(shape: outShape, storage: result, inputs: [self]) { g in
            // The gradient goes to the extreme elements, split evenly among ties.
            let y = Tensor(shape: kept, sharing: result)
            let mask = x.equal(y)
            let ties = mask.sum(axes: ax, keepDims: true)
            return [mask * (g.reshaped(kept) / ties)]
        }
    }

    /// Largest element over `axes` (all when nil).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extreme(axes, keepDims: keepDims, .max)
    }

    /// Smallest element over `axes` (all when nil).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extreme(axes, keepDims: keepDims, .min)
    }

    /// log Σ exp over `axes`, computed stably by shifting with the (constant) maximum.
    public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let ax = reductionAxes(axes)
        let m = Tensor(shape: reducedShape(ax, keepDims: true), storage: reduceRaw(ax, .max), node: nil)
        let safe = Tensor(shape: m.shape, storage: Kernels.map(m.storage) { $0.isFinite ? $0 : 0 }, node: nil)
        let lse = (self - safe).exp().sum(axes: ax, keepDims: true).log() + safe
        return keepDims ? lse : lse.reshaped(reducedShape(ax, keepDims: false))
    }

    /// Variance over `axes` with `correction` subtracted from the count (0: population,
    /// as NumPy and einx; 1: sample, PyTorch's default).
    public func variance(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) -> Tensor {
        let ax = reductionAxes(axes)
        let n = ax.reduce(1) { $0 * shape[$1] }
        let centred = self - mean(axes: ax, keepDims: true)
        return centred.square().sum(axes: ax, keepDims: keepDims) * (1 / Float(n - correction))
    }

    /// Standard deviation: the square root of `variance`.
    public func standardDeviation(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) -> Tensor {
        variance(axes: axes, keepDims: keepDims, correction: correction).sqrt()
    }

    /// log softmax along `axis`. Over the last axis (the policy-head case) it is one
    /// fused kernel with its own backward, g − softmax·Σg; otherwise x − logsumexp(x).
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let ax = Shape.axis(axis, rank: rank)
        guard ax == rank - 1, let width = shape.last, width > 0 else {
            return self - logSumExp(axes: [axis], keepDims: true)
        }
        let rows = count / width
        let out = TensorStorage(uninitializedCount: count)
        let x = storage.pointer, y = out.pointer
        for r in 0..<rows {
            let row = x + r * width, dst = y + r * width
            var m = -Float.infinity
            for j in 0..<width where row[j] > m { m = row[j] }
            let shift = m.isFinite ? m : 0
            for j in 0..<width { dst[j] = row[j] - shift }
            var total: Float = 0
            for j in 0..<width { total += Foundation.exp(dst[j]) }
            let logTotal = Foundation.log(total)
            for j in 0..<width { dst[j] -= logTotal }
        }
        return Tensor.record(shape: shape, storage: out, inputs: [self]) { [shape] g in
            let grad = TensorStorage(uninitializedCount: rows * width)
            let pg = g.storage.pointer, py = out.pointer, pr = grad.pointer
            for r in 0..<rows {
                var sum: Float = 0
                for j in 0..<width { sum += pg[r * width + j] }
                for j in 0..<width { pr[r * width + j] = pg[r * width + j] - Foundation.exp(py[r * width + j]) * sum }
            }
            return [Tensor(shape: shape, sharing: grad)]
        }
    }

    /// softmax along `axis`.
    public func softmax(axis: Int = -1) -> Tensor {
        logSoftmax(axis: axis).exp()
    }
}
