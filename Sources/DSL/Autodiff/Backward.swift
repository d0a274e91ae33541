import Synchronization

/// The reverse pass: orders the graph below a scalar and propagates gradients to the
/// leaves (`loss.backward()` in PyTorch).
private let visitCounter = Atomic<UInt64>(0)

extension Tensor {
    /// Accumulates d(self)/d(leaf) into every parameter this scalar depends on.
    /// `self` must have exactly one element.
    public func backward() {
        precondition(count == 1, "backward() needs a one-element tensor, shape is \(shape)")
        backward(seed: Tensor(repeating: 1, shape: shape))
    }

    /// Accumulates the vector–Jacobian product of `seed` (same shape as `self`) into the
    /// leaves.
    public func backward(seed: Tensor) {
        PhaseProfile.measure(.backward) { accumulate(seed: seed) }
    }

    /// Whether the graphs below `a` and `b` have a node in common.
    static func sharesNodes(_ a: Tensor, _ b: Tensor) -> Bool {
        guard let a = a.node, let b = b.node else { return false }
        return sharesNodes(a, b)
    }

    private static func sharesNodes(_ a: GradNode, _ b: GradNode) -> Bool {
        let markA = visitCounter.add(1, ordering: .relaxed).newValue
        visit(from: a, mark: markA) { _ in true }
        let markB = visitCounter.add(1, ordering: .relaxed).newValue
        var shared = false
        visit(from: b, mark: markB) { node in
            if node.mark == markA { shared = true }
            return !shared
        }
        return shared
    }

    /// Marks every node below `root` with `mark` (depth first); `enter` sees each node
    /// before it is marked and stops the walk by returning false.
    private static func visit(from root: GradNode, mark: UInt64, enter: (GradNode) -> Bool) {
        guard enter(root) else { return }
        root.mark = mark
        var stack = [root]
        while let node = stack.popLast() {
            for child in node.inputs where child.mark != mark {
                guard enter(child) else { return }
                child.mark = mark
                stack.append(child)
            }
        }
    }

    private func accumulate(seed: Tensor) {
        precondition(seed.shape == shape, "backward seed shape \(seed.shape) ≠ \(shape)")
        guard let root = node else { return }
        let order = topologicalOrder(from: root)
        root.grad = seed.detached
        withoutGradient {
            for node in order.reversed() {
                guard let backward = node.backward, let g = node.grad else { continue }
                let grads = backward(g)
                for (input, ig) in zip(node.inputs, grads) {
                    if let ig { input.accumulate(ig) }
                }
                node.grad = nil
            }
        }
    }

    /// Nodes in an order where every node comes after all of its inputs.
    private func topologicalOrder(from root: GradNode) -> [GradNode] {
        let mark = visitCounter.add(1, ordering: .relaxed).newValue
        var order: [GradNode] = []
        var stack: [(GradNode, Int)] = [(root, 0)]
        root.mark = mark
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                let child = node.inputs[next]
                stack.append((node, next + 1))
                if child.mark != mark {
                    child.mark = mark
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}

extension Tensor {
    /// Builds the result of an operation: records a graph node when gradients are on and
    /// any input needs one. `backward` maps the output gradient to one gradient per input
    /// (nil for inputs that do not need it or get none).
    static func record(shape: [Int], storage: TensorStorage, inputs: [Tensor],
                       backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        var untracked = 0
        for input in inputs where input.node == nil { untracked += 1 }
        guard untracked < inputs.count, GradientMode.isEnabled else {
            return Tensor(shape: shape, storage: storage, node: nil)
        }
        // Built with exact capacities: growing arrays by appends reallocated them, once
        // or twice per recorded operation.
        let node: GradNode
        if untracked == 0 {
            node = GradNode(shape: shape, inputs: inputs.map { $0.node! }, backward: backward)
        } else {
            var nodes: [GradNode] = [], positions: [Int] = []
            nodes.reserveCapacity(inputs.count - untracked)
            positions.reserveCapacity(inputs.count - untracked)
            for (i, input) in inputs.enumerated() {
                if let n = input.node {
                    nodes.append(n)
                    positions.append(i)
                }
            }
            node = GradNode(shape: shape, inputs: nodes) { g in
                let all = backward(g)
                return positions.map { all[$0] }
            }
        }
        return Tensor(shape: shape, storage: storage, node: node)
    }
}
