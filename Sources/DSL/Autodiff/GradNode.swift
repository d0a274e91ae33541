/// One recorded operation in the computation graph: its inputs that need gradients and
/// how to turn the gradient of its output into gradients of those inputs.
///
/// Leaves (parameters) keep their accumulated gradient across `backward()` calls until
/// an optimiser clears it, as in PyTorch; interior nodes hold a gradient only while a
/// backward pass runs through them.
final class GradNode {
    /// Inputs that need gradients, in the order `backward` returns their gradients.
    let inputs: [GradNode]
    /// Given the output gradient, the gradient for each of `inputs` (nil: no contribution).
    let backward: ((Tensor) -> [Tensor?])?
    /// Output shape, for seeding and checking.
    let shape: [Int]
    /// Accumulated gradient.
    var grad: Tensor?
    /// Visit mark of the last topological sort that reached this node.
    var mark: UInt64 = 0

    var isLeaf: Bool { backward == nil }

    init(shape: [Int], inputs: [GradNode], backward: ((Tensor) -> [Tensor?])?) {
        self.shape = shape
        self.inputs = inputs
        self.backward = backward
    }

    /// Adds `g` into this node's gradient.
    func accumulate(_ g: Tensor) {
        if let existing = grad {
            if isLeaf {
                Kernels.addInPlace(existing.storage, g.storage)
            } else {
                grad = existing.adding(g)
            }
        } else if isLeaf {
            // Leaves own their gradient storage: an optimiser may scale it in place.
            let copy = TensorStorage(uninitializedCount: g.count)
            copy.pointer.update(from: g.storage.pointer, count: g.count)
            grad = Tensor(shape: shape, sharing: copy)
        } else {
            grad = g
        }
    }
}
