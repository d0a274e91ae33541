import CKernels
/// RMSprop with optional centring, momentum and L2 weight decay — `torch.optim.RMSprop`
/// (ε added outside the square root, as PyTorch does; TensorFlow adds it inside).
public final class RMSprop: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    public let momentum: Float
    public let centered: Bool
    public let weightDecay: Float
    private var squareAverages: ParameterBuffers
    private var gradientAverages: ParameterBuffers
    private var momentumBuffers: ParameterBuffers

    public init(_ parameters: [Parameter], learningRate: Float = 1e-2, alpha: Float = 0.99, epsilon: Float = 1e-8,
                momentum: Float = 0, centered: Bool = false, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
        squareAverages = ParameterBuffers(name: "square_avg", count: parameters.count)
        gradientAverages = ParameterBuffers(name: "grad_avg", count: parameters.count)
        momentumBuffers = ParameterBuffers(name: "momentum_buffer", count: parameters.count)
    }

    public func step() {
        for (i, p) in parameters.enumerated() {
            guard let grad = p.decayedGradient(weightDecay) else { continue }
            let n = p.value.count
            let w = p.value.storage.pointer, g = grad.pointer
            let sq = squareAverages.buffer(i, count: n).0.pointer
            // One C loop (AVX where the CPU has it): the same operations per element as
            // torch's update, so the results are bit for bit those of its order.
            var constants = zoo_rmsprop_constants(alpha: alpha, keep: 1 - alpha, epsilon: epsilon,
                                                  negative_rate: -learningRate, momentum: momentum)
            zoo_rmsprop_step(n, w, g, sq, centered ? gradientAverages.buffer(i, count: n).0.pointer : nil,
                             momentum > 0 ? momentumBuffers.buffer(i, count: n).0.pointer : nil, &constants)
            withExtendedLifetime(grad) {}
        }
    }

    public func exportState() -> [String: [Float]] {
        var state: [String: [Float]] = [:]
        squareAverages.export(into: &state)
        gradientAverages.export(into: &state)
        momentumBuffers.export(into: &state)
        return state
    }

    public func importState(_ state: [String: [Float]]) throws(OptimizerStateError) {
        try squareAverages.restore(from: state, parameters: parameters)
        try gradientAverages.restore(from: state, parameters: parameters)
        try momentumBuffers.restore(from: state, parameters: parameters)
    }
}
