/// Updates parameters from their accumulated gradients.
///
/// Every optimiser follows PyTorch's update rule for the same hyperparameters exactly
/// (checked against `torch.optim` trajectories), so published settings carry over. A
/// parameter with no gradient is skipped, as in PyTorch. State (moment estimates, step
/// counts) can be exported and restored, which is what makes a resumed run continue
/// exactly.
public protocol Optimizer: AnyObject {
    /// The parameters this optimiser updates, in a fixed order.
    var parameters: [Parameter] { get }
    /// The current learning rate (schedules change it between steps).
    var learningRate: Float { get set }
    /// One update of every parameter that has a gradient.
    func step()
    /// The optimiser's internal state as named flat arrays.
    func exportState() -> [String: [Float]]
    /// Restores state produced by `exportState()` of an optimiser over the same
    /// parameters.
    func importState(_ state: [String: [Float]]) throws(OptimizerStateError)
}

extension Optimizer {
    /// Clears every parameter's gradient (`zero_grad(set_to_none=True)`).
    public func zeroGradients() {
        for p in parameters { p.zeroGradient() }
    }
}

/// Optimiser state that does not fit the optimiser it is restored into (a checkpoint from
/// another network or another optimiser).
public struct OptimizerStateError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Parameter {
    /// The gradient plus L2 weight decay `decay · value`, as a new buffer when decay is
    /// non-zero (the stored gradient is left as it is, as in PyTorch).
    func decayedGradient(_ decay: Float) -> TensorStorage? {
        guard let g = gradient else { return nil }
        guard decay != 0 else { return g.storage }
        let out = TensorStorage(uninitializedCount: g.count)
        let w = value.storage.pointer, src = g.storage.pointer
        for j in 0..<g.count { out.pointer[j] = src[j] + decay * w[j] }
        return out
    }
}

/// Per-parameter buffers of one kind (a moment estimate, a momentum buffer), allocated on
/// first use and exported under `name.index`.
struct ParameterBuffers {
    let name: String
    private(set) var buffers: [TensorStorage?]

    init(name: String, count: Int) {
        self.name = name
        buffers = Array(repeating: nil, count: count)
    }

    /// The buffer for parameter `i`, created filled with `initial` when absent.
    mutating func buffer(_ i: Int, count: Int, initial: Float = 0) -> (TensorStorage, isNew: Bool) {
        if let b = buffers[i] { return (b, false) }
        let b = TensorStorage(repeating: initial, count: count)
        buffers[i] = b
        return (b, true)
    }

    func export(into state: inout [String: [Float]]) {
        for (i, b) in buffers.enumerated() {
            if let b { state["\(name).\(i)"] = Array(b.buffer) }
        }
    }

    mutating func restore(from state: [String: [Float]], parameters: [Parameter]) throws(OptimizerStateError) {
        for (i, p) in parameters.enumerated() {
            guard let values = state["\(name).\(i)"] else {
                buffers[i] = nil
                continue
            }
            guard values.count == p.value.count else {
                throw OptimizerStateError("optimizer state '\(name).\(i)' has \(values.count) values; parameter \(i) has \(p.value.count)")
            }
            buffers[i] = TensorStorage(copying: values)
        }
    }
}
