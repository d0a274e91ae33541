/// Rows picked by index, as minibatches are drawn from a rollout or a replay buffer.
extension Tensor {
    /// The rows `indices` along the first axis, in that order (repeats allowed): NumPy's
    /// `x[indices]`, PyTorch's `index_select(0, …)`. Data, not recorded for gradients:
    /// minibatches are inputs to a loss.
    public func rows(_ indices: [Int]) -> Tensor {
        precondition(rank >= 1, "rows(_:) needs a tensor of rank ≥ 1")
        let size = shape[0], width = shape.dropFirst().reduce(1, *)
        let out = TensorStorage(uninitializedCount: indices.count * width)
        let source = storage.pointer
        for (k, row) in indices.enumerated() {
            precondition(row >= 0 && row < size, "rows(_:): index \(row) out of range 0..<\(size)")
            if width == 1 {
                // One element per row (actions, log-probabilities, advantages): a plain
                // load and store, not a call to memmove per element.
                out.pointer[k] = source[row]
            } else {
                (out.pointer + k * width).update(from: source + row * width, count: width)
            }
        }
        return Tensor(shape: [indices.count] + shape.dropFirst(), sharing: out)
    }
}
