import DSL

/// A network as a recipe describes it: hidden layer sizes, activation, initialisation
/// and its optimiser —
///
///     actor: {hidden: [32, 32], activation: relu, init: default, optimizer: rmsprop, lr: 1e-3}
public struct NetworkSettings: Sendable, Equatable {
    /// `default` is PyTorch's; `orthogonal` uses gain √2 on hidden layers and the output
    /// gain the plugin chooses (0.01 for a policy head, 1 for a value head).
    public enum Initialization: String, Sendable, CaseIterable { case `default`, orthogonal }

    public var hidden: [Int]
    public var activation: Activation
    public var initialization: Initialization
    public var optimizer: OptimizerSettings

    public init(hidden: [Int], activation: Activation, initialization: Initialization = .default,
                optimizer: OptimizerSettings) {
        self.hidden = hidden
        self.activation = activation
        self.initialization = initialization
        self.optimizer = optimizer
    }

    /// Reads the network described at `node`, each key defaulting to `defaults`, and
    /// checks that a network of these sizes for `context`'s observations fits its memory
    /// limit before anything is built.
    public static func read(_ node: RecipeNode, defaults: NetworkSettings,
                            context: AlgorithmContext) throws(RecipeError) -> NetworkSettings {
        let m = try node.mapping()
        var s = defaults
        if let h = m.optional("hidden") {
            var sizes: [Int] = []
            for item in try h.list() {
                let size = try item.int()
                guard size > 0 else { throw item.error("layer sizes must be positive, got \(size)") }
                sizes.append(size)
            }
            s.hidden = sizes
            // Weights and biases, each with a gradient and up to two optimiser buffers.
            let widths = [Double(context.observationWidth)] + sizes.map(Double.init)
            let parameters = zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
            try context.limits.check(parameters * 4 * 4, for: "a network with hidden layers \(sizes)", at: h)
        }
        s.activation = Activation(rawValue: try m.choice("activation", Activation.allCases.map(\.rawValue),
                                                         default: defaults.activation.rawValue)) ?? defaults.activation
        s.initialization = Initialization(rawValue: try m.choice("init", Initialization.allCases.map(\.rawValue),
                                                                 default: defaults.initialization.rawValue)) ?? defaults.initialization
        s.optimizer = try OptimizerSettings.read(m, defaults: defaults.optimizer)
        try m.finish()
        return s
    }

    /// The network `key` of a plugin's `networks` section (absent, or without `key`:
    /// `defaults`).
    public static func read(_ key: String, in networks: RecipeMapping?, defaults: NetworkSettings,
                            context: AlgorithmContext) throws(RecipeError) -> NetworkSettings {
        guard let node = networks?.optional(key) else { return defaults }
        return try read(node, defaults: defaults, context: context)
    }

    /// The hidden layers alone, each followed by the activation: a shared trunk whose
    /// output width is `hidden.last` (or `inputs` when there are no hidden layers).
    public func makeTrunk(inputs: Int, random: inout SeededRandom) -> Sequential {
        var layers: [any Layer] = []
        var width = inputs
        for size in hidden {
            layers.append(Linear(width, size, initializer: initialization == .orthogonal ? .orthogonal(gain: Float(2).squareRoot()) : .pytorchDefault,
                                 random: &random))
            layers.append(activation.layer())
            width = size
        }
        return Sequential(layers)
    }

    /// An MLP from `inputs` through the hidden layers to `outputs`.
    public func makeMLP(inputs: Int, outputs: Int, outputGain: Float, random: inout SeededRandom) -> Sequential {
        let orthogonal = initialization == .orthogonal
        return Sequential.mlp([inputs] + hidden + [outputs], activation: activation, random: &random,
                              hiddenInitializer: orthogonal ? .orthogonal(gain: Float(2).squareRoot()) : .pytorchDefault,
                              outputInitializer: orthogonal ? .orthogonal(gain: outputGain) : .pytorchDefault)
    }
}
