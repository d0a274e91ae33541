/// The optimisers that one loss updates, stepped as one: learning-rate annealing from
/// their initial rates, zeroing, backward, gradient clipping (over all their parameters
/// jointly, or per optimiser) and the steps, always in the same order — the sequence
/// every plugin would otherwise repeat, and get subtly different.
///
///     let critics = OptimizerGroup([q1Optimizer, q2Optimizer], clipping: .joint(maxNorm: 0.5))
///     critics.anneal(progress: 0.3)      // lr = 0.7 × initial
///     critics.minimize(loss)
public final class OptimizerGroup {
    /// How gradients are clipped before the steps.
    public enum Clipping: Sendable, Equatable {
        case none
        /// One global norm over every parameter of the group (PPO).
        case joint(maxNorm: Float)
        /// Each optimiser's parameters clipped on their own, just before its step (A2C).
        case perOptimizer(maxNorm: Float)
    }

    public let optimizers: [any Optimizer]
    public let clipping: Clipping
    /// The learning rates at construction, which annealing scales.
    public let initialRates: [Float]
    /// Whether no parameter belongs to two of the optimisers (then they may step at once).
    private let separateParameters: Bool

    /// A group of `optimizers`; a clipping norm of 0 means no clipping.
    public init(_ optimizers: [any Optimizer], clipping: Clipping = .none) {
        self.optimizers = optimizers
        switch clipping {
        case .joint(let norm) where norm <= 0, .perOptimizer(let norm) where norm <= 0: self.clipping = .none
        default: self.clipping = clipping
        }
        initialRates = optimizers.map(\.learningRate)
        let all = optimizers.flatMap(\.parameters).map(ObjectIdentifier.init)
        separateParameters = Set(all).count == all.count
    }

    /// Every parameter of the group.
    public var parameters: [Parameter] { optimizers.flatMap(\.parameters) }

    /// Linear annealing: each learning rate becomes its initial value × (1 − `progress`),
    /// never below 0.
    public func anneal(progress: Double) {
        let remaining = Float(max(0, 1 - progress))
        for (optimizer, rate) in zip(optimizers, initialRates) { optimizer.learningRate = rate * remaining }
    }

    /// One step on `loss`: zero every gradient, backpropagate, clip, step each optimiser.
    /// Returns the gradient norms measured by the clipping (none without clipping).
    @discardableResult
    public func minimize(_ loss: Tensor) -> [Float] {
        PhaseProfile.measure(.optimizer) { for optimizer in optimizers { optimizer.zeroGradients() } }
        loss.backward()
        return PhaseProfile.measure(.optimizer) { clipAndStep() }
    }

    /// One step on a loss made of two independent parts (a separate actor's and critic's
    /// terms): zero, backpropagate both — side by side when `KernelThreads.count` ≥ 2 and
    /// their graphs share no node (`Tensor.backward(_:_:)`) — clip, step. The same bits as
    /// `minimize(first + second)` whenever each parameter's gradient comes from one part.
    @discardableResult
    public func minimize(_ first: Tensor, _ second: Tensor) -> [Float] {
        PhaseProfile.measure(.optimizer) { for optimizer in optimizers { optimizer.zeroGradients() } }
        Tensor.backward(first, second)
        return PhaseProfile.measure(.optimizer) { clipAndStep() }
    }

    private func clipAndStep() -> [Float] {
        switch clipping {
        case .none:
            _ = forEachOptimizer { $0.step() }
            return []
        case .joint(let maxNorm):
            let norm = clipGradientNorm(parameters, maxNorm: maxNorm)
            _ = forEachOptimizer { $0.step() }
            return [norm]
        case .perOptimizer(let maxNorm):
            return forEachOptimizer { optimizer in
                let norm = clipGradientNorm(optimizer.parameters, maxNorm: maxNorm)
                optimizer.step()
                return norm
            }
        }
    }

    /// `body` for each optimiser in order; an actor's and a critic's (two optimisers with
    /// no parameter in common) side by side on the kernel threads.
    private func forEachOptimizer<R>(_ body: (any Optimizer) -> R) -> [R] {
        guard optimizers.count == 2, separateParameters else { return optimizers.map(body) }
        let (first, second) = concurrently({ body(optimizers[0]) }, { body(optimizers[1]) })
        return [first, second]
    }
}
