/// A trainable tensor: a leaf of the computation graph whose gradient accumulates across
/// backward passes until an optimiser consumes and clears it.
///
/// Networks own their parameters; optimisers update `value`'s storage in place, so every
/// tensor obtained from `tensor` sees the new values, as in PyTorch.
public final class Parameter {
    let node: GradNode
    /// The current values (storage updated in place by optimisers).
    public let value: Tensor

    /// A parameter with initial `value` (copied).
    public init(_ value: Tensor) {
        let storage = TensorStorage(uninitializedCount: value.count)
        storage.pointer.update(from: value.storage.pointer, count: value.count)
        node = GradNode(shape: value.shape, inputs: [], backward: nil)
        self.value = Tensor(shape: value.shape, storage: storage, node: nil)
    }

    /// The parameter as a tensor that records gradients.
    public var tensor: Tensor { Tensor(shape: value.shape, storage: value.storage, node: node) }

    /// Shape of the parameter.
    public var shape: [Int] { value.shape }

    /// The accumulated gradient, nil before any backward pass reached it or after
    /// `zeroGradient()`.
    public var gradient: Tensor? {
        get { node.grad }
        set {
            if let g = newValue { precondition(g.shape == shape, "gradient shape \(g.shape) ≠ \(shape)") }
            node.grad = newValue.map { g in
                let copy = TensorStorage(uninitializedCount: g.count)
                copy.pointer.update(from: g.storage.pointer, count: g.count)
                return Tensor(shape: shape, sharing: copy)
            }
        }
    }

    /// Clears the accumulated gradient (`zero_grad(set_to_none=True)`).
    public func zeroGradient() { node.grad = nil }

    /// Overwrites the values with `values` (row-major, same count).
    public func assign(_ values: [Float]) {
        precondition(values.count == value.count, "assign needs \(value.count) values, got \(values.count)")
        value.storage.pointer.update(from: values, count: values.count)
    }
}
