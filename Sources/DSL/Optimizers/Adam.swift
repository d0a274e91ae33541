import CKernels
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
            // One C loop (AVX where the CPU has it): the same operations per element as the
            // scalar update, so the results are bit for bit those of torch's order.
            var constants = zoo_adam_constants(
                lerp_weight: 1 - beta1, beta2: beta2, square_weight: 1 - beta2,
                correction2_root: correction2Root, epsilon: epsilon, negative_step_size: -stepSize)
            zoo_adam_step(n, w, g, m, v, &constants)
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
