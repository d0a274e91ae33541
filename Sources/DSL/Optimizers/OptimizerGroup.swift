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
        return step()
    }

    /// Zeroes every gradient, then builds and backpropagates a loss made of two parts:
    /// `first` and `second` each return what they computed and their part of the loss.
    /// With two optimisers over separate parameters (a separate actor and critic) and no
    /// trainable tensor in `inputs` (what both parts read), each part is built and
    /// backpropagated on its own kernel thread (`concurrently`); otherwise the parts are
    /// built side by side and their sum is backpropagated. The same bits for any thread
    /// count. Follow with `step()`, or skip it (an early stop): the next call zeroes again.
    public func backpropagate<A, B>(reading inputs: [Tensor] = [], _ first: () -> (A, loss: Tensor),
                                    _ second: () -> (B, loss: Tensor)) -> (A, B) {
        PhaseProfile.measure(.optimizer) { for optimizer in optimizers { optimizer.zeroGradients() } }
        if optimizers.count == 2 && separateParameters && !inputs.contains(where: \.requiresGradient) {
            let (a, b) = concurrently({ () -> (A, loss: Tensor) in
                let part = first()
                part.loss.backward()
                return part
            }, { () -> (B, loss: Tensor) in
                let part = second()
                part.loss.backward()
                return part
            })
            assert(!Tensor.sharesNodes(a.loss, b.loss), "the two parts of a loss share a graph node: name it in `reading:`")
            return (a.0, b.0)
        }
        let (a, b) = concurrently(first, second)
        (a.loss + b.loss).backward()
        return (a.0, b.0)
    }

    /// Clips and steps every optimiser after `backpropagate`; returns the gradient norms
    /// the clipping measured (none without clipping).
    @discardableResult
    public func step() -> [Float] {
        PhaseProfile.measure(.optimizer) { clipAndStep() }
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
