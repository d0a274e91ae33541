/// The discounted reverse scan: the recurrence behind returns-to-go, GAE and n-step targets,
/// as one differentiable operation so that algorithms need no per-step loop of tensor ops.
extension Tensor {
    /// y_t = x_t + g_t·y_{t+1} backwards over the first (time) axis, starting from the
    /// `bootstrap` b (0 when nil): y_{T−1} = x_{T−1} + g_{T−1}·b.
    ///
    /// `self` is x, time-major [T, N, …] with T ≥ 1; `discounts` is g with the same shape,
    /// e.g. γ·(1 − done) for discounted returns or γλ·(1 − done) for GAE over TD errors;
    /// `bootstrap` has the shape of one step, [N, …], e.g. V of the observation after the
    /// last step. Every element is computed in `Float` as x_t + (g_t · y_{t+1}), the order of
    /// a plain float32 loop, so results match one bit for bit.
    ///
    /// Gradients flow to all three inputs. With ā_t = ∂L/∂y_t + g_{t−1}·ā_{t−1} (a forward
    /// scan of the output gradient): ∂L/∂x_t = ā_t, ∂L/∂g_t = ā_t·y_{t+1}, ∂L/∂b = g_{T−1}·ā_{T−1}.
    public func discountedReverseScan(discounts: Tensor, bootstrap: Tensor? = nil) -> Tensor {
        precondition(rank >= 1 && shape[0] >= 1, "discountedReverseScan needs a time axis with a step, shape is \(shape)")
        precondition(discounts.shape == shape, "discounts \(discounts.shape) must have the shape \(shape)")
        let stepShape = Array(shape.dropFirst())
        if let bootstrap {
            precondition(bootstrap.shape == stepShape, "bootstrap \(bootstrap.shape) must have one step's shape \(stepShape)")
        }
        let steps = shape[0], columns = Shape.count(stepShape), total = count, last = (steps - 1) * columns
        let start = bootstrap?.storage ?? TensorStorage(repeating: 0, count: columns)
        let out = TensorStorage(uninitializedCount: total)
        let x = storage.pointer, g = discounts.storage.pointer, y = out.pointer
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let next = t == steps - 1 ? start.pointer : y + (t + 1) * columns
            for c in 0..<columns {
                let k = t * columns + c
                y[k] = x[k] + g[k] * next[c]
            }
        }
        let inputs = [self, discounts] + (bootstrap.map { [$0] } ?? [])
        return Tensor.record(shape: shape, storage: out, inputs: inputs) { [shape] upstream in
            let g = discounts.storage.pointer, y = out.pointer, u = upstream.storage.pointer
            let adjoint = TensorStorage(uninitializedCount: total)
            let a = adjoint.pointer
            for c in 0..<columns { a[c] = u[c] }
            for k in columns..<total { a[k] = u[k] + g[k - columns] * a[k - columns] }
            var gradients: [Tensor?] = [Tensor(shape: shape, sharing: adjoint), nil]
            if discounts.requiresGradient {
                let dg = TensorStorage(uninitializedCount: total)
                for k in 0..<last { dg.pointer[k] = a[k] * y[k + columns] }
                for c in 0..<columns { dg.pointer[last + c] = a[last + c] * start.pointer[c] }
                gradients[1] = Tensor(shape: shape, sharing: dg)
            }
            if bootstrap != nil {
                let db = TensorStorage(uninitializedCount: columns)
                for c in 0..<columns { db.pointer[c] = g[last + c] * a[last + c] }
                gradients.append(Tensor(shape: stepShape, sharing: db))
            }
            return gradients
        }
    }
}
