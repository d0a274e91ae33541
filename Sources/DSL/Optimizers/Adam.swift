import Foundation

/// Adam (Kingma & Ba) with bias correction and optional L2 weight decay —
/// `torch.optim.Adam`, including its order of floating-point operations.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    private var firstMoments: ParameterBuffers
    private var secondMoments: ParameterBuffers
    private var steps: [Int]

    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoments = ParameterBuffers(name: "exp_avg", count: parameters.count)
        secondMoments = ParameterBuffers(name: "exp_avg_sq", count: parameters.count)
        steps = Array(repeating: 0, count: parameters.count)
    }

    public func step() {
        for (i, p) in parameters.enumerated() {
            guard let grad = p.decayedGradient(weightDecay) else { continue }
            let n = p.value.count
            steps[i] += 1
            let w = p.value.storage.pointer, g = grad.pointer
            let m = firstMoments.buffer(i, count: n).0.pointer
            let v = secondMoments.buffer(i, count: n).0.pointer
            // Bias corrections in double precision, as Python computes them.
            let t = Double(steps[i])
            let correction1 = 1 - Foundation.pow(Double(beta1), t)
            let correction2 = 1 - Foundation.pow(Double(beta2), t)
            let stepSize = Float(Double(learningRate) / correction1)
            let correction2Root = Float(correction2.squareRoot())
            let lerpWeight = 1 - beta1, squareWeight = 1 - beta2
            // Eight lanes at a time, then the tail: the same operations per element, so
            // the results are those of the scalar loop, bit for bit.
            var j = 0
            while j + 8 <= n {
                let gj = SIMD8<Float>(load: g + j)
                var mj = SIMD8<Float>(load: m + j), vj = SIMD8<Float>(load: v + j)
                mj = mj + lerpWeight * (gj - mj)
                vj = vj * beta2 + squareWeight * gj * gj
                let denom = vj.squareRoot() / correction2Root + epsilon
                let wj = SIMD8<Float>(load: w + j) + -stepSize * (mj / denom)
                mj.store(to: m + j)
                vj.store(to: v + j)
                wj.store(to: w + j)
                j += 8
            }
            while j < n {
                let gj = g[j]
                m[j] = m[j] + lerpWeight * (gj - m[j])
                v[j] = v[j] * beta2 + squareWeight * gj * gj
                let denom = v[j].squareRoot() / correction2Root + epsilon
                w[j] = w[j] + -stepSize * (m[j] / denom)
                j += 1
            }
            withExtendedLifetime(grad) {}
        }
    }

    public func exportState() -> [String: [Float]] {
        var state: [String: [Float]] = ["step": steps.map(Float.init)]
        firstMoments.export(into: &state)
        secondMoments.export(into: &state)
        return state
    }

    public func importState(_ state: [String: [Float]]) throws(OptimizerStateError) {
        guard let s = state["step"], s.count == parameters.count else {
            throw OptimizerStateError("Adam state needs 'step' with one count per parameter (\(parameters.count))")
        }
        // A step count must be a whole number that converts to Int exactly.
        guard let bad = s.firstIndex(where: { !($0 >= 0 && $0 <= 9_007_199_254_740_992 && $0.rounded() == $0) }) else {
            try firstMoments.restore(from: state, parameters: parameters)
            try secondMoments.restore(from: state, parameters: parameters)
            steps = s.map { Int($0) }
            return
        }
        throw OptimizerStateError("Adam 'step' of parameter \(bad) is \(s[bad]), not a whole number of steps")
    }
}
