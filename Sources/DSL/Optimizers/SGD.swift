/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and
/// L2 weight decay — `torch.optim.SGD`.
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var momentumBuffers: ParameterBuffers

    public init(_ parameters: [Parameter], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
                nesterov: Bool = false, weightDecay: Float = 0) {
        precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum needs momentum > 0 and no dampening")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        momentumBuffers = ParameterBuffers(name: "momentum", count: parameters.count)
    }

    public func step() {
        for (i, p) in parameters.enumerated() {
            guard let grad = p.decayedGradient(weightDecay) else { continue }
            let n = p.value.count
            let w = p.value.storage.pointer, g = grad.pointer
            if momentum != 0 {
                let (buf, isNew) = momentumBuffers.buffer(i, count: n)
                let b = buf.pointer
                if isNew {
                    b.update(from: g, count: n)
                } else {
                    let keep = 1 - dampening
                    for j in 0..<n { b[j] = b[j] * momentum + keep * g[j] }
                }
                if nesterov {
                    for j in 0..<n { w[j] = w[j] + -learningRate * (g[j] + momentum * b[j]) }
                } else {
                    for j in 0..<n { w[j] = w[j] + -learningRate * b[j] }
                }
            } else {
                for j in 0..<n { w[j] = w[j] + -learningRate * g[j] }
            }
            withExtendedLifetime(grad) {}
        }
    }

    public func exportState() -> [String: [Float]] {
        var state: [String: [Float]] = [:]
        momentumBuffers.export(into: &state)
        return state
    }

    public func importState(_ state: [String: [Float]]) throws(OptimizerStateError) {
        try momentumBuffers.restore(from: state, parameters: parameters)
    }
}
