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
            let keep = 1 - alpha
            let ga = centered ? gradientAverages.buffer(i, count: n).0.pointer : nil
            let b = momentum > 0 ? momentumBuffers.buffer(i, count: n).0.pointer : nil
            for j in 0..<n {
                let gj = g[j]
                sq[j] = sq[j] * alpha + keep * gj * gj
                var average: Float
                if let ga {
                    ga[j] = ga[j] + keep * (gj - ga[j])
                    average = (sq[j] + -1 * ga[j] * ga[j]).squareRoot()
                } else {
                    average = sq[j].squareRoot()
                }
                average += epsilon
                if let b {
                    b[j] = b[j] * momentum + gj / average
                    w[j] = w[j] + -learningRate * b[j]
                } else {
                    w[j] = w[j] + -learningRate * (gj / average)
                }
            }
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
