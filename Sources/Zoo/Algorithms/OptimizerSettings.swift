import DSL

/// An optimiser as a recipe names it: `optimizer: rmsprop`, `lr: 1e-3`, and the
/// optimiser's own knobs (`eps`, `alpha`, `beta1`, `beta2`, `momentum`), with PyTorch's
/// defaults unless the plugin gives its own.
public struct OptimizerSettings: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case sgd, adam, rmsprop }

    public var kind: Kind
    public var learningRate: Double
    public var epsilon: Double
    public var alpha: Double
    public var beta1: Double
    public var beta2: Double
    public var momentum: Double

    public init(_ kind: Kind, learningRate: Double, epsilon: Double? = nil, alpha: Double = 0.99,
                beta1: Double = 0.9, beta2: Double = 0.999, momentum: Double = 0) {
        self.kind = kind
        self.learningRate = learningRate
        self.epsilon = epsilon ?? 1e-8
        self.alpha = alpha
        self.beta1 = beta1
        self.beta2 = beta2
        self.momentum = momentum
    }

    /// Reads `optimizer`, `lr`, `eps`, `alpha`, `beta1`, `beta2`, `momentum` from `m`,
    /// each defaulting to `defaults`.
    public static func read(_ m: RecipeMapping, defaults: OptimizerSettings) throws(RecipeError) -> OptimizerSettings {
        let kindName = try m.choice("optimizer", Kind.allCases.map(\.rawValue), default: defaults.kind.rawValue)
        var s = defaults
        s.kind = Kind(rawValue: kindName) ?? defaults.kind
        s.learningRate = try m.double("lr", default: defaults.learningRate, in: 0...10)
        s.epsilon = try m.double("eps", default: defaults.epsilon, in: 0...1)
        s.alpha = try m.double("alpha", default: defaults.alpha, in: 0...1)
        s.beta1 = try m.double("beta1", default: defaults.beta1, in: 0...1)
        s.beta2 = try m.double("beta2", default: defaults.beta2, in: 0...1)
        s.momentum = try m.double("momentum", default: defaults.momentum, in: 0...1)
        return s
    }

    /// The optimiser over `parameters`.
    public func make(_ parameters: [Parameter]) -> any Optimizer {
        let lr = Float(learningRate)
        switch kind {
        case .sgd: return SGD(parameters, learningRate: lr, momentum: Float(momentum))
        case .adam: return Adam(parameters, learningRate: lr, beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon))
        case .rmsprop:
            return RMSprop(parameters, learningRate: lr, alpha: Float(alpha), epsilon: Float(epsilon), momentum: Float(momentum))
        }
    }
}
