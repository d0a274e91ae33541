import DSL

/// A network as a recipe describes it: an optional image trunk, hidden layer sizes,
/// activation, initialisation and its optimiser —
///
///     actor: {hidden: [32, 32], activation: relu, init: default, optimizer: rmsprop, lr: 1e-3}
///     actor: {trunk: nature_cnn, hidden: [], scale: 0.00392156862745098}
public struct NetworkSettings: Sendable, Equatable {
    /// `default` is PyTorch's; `orthogonal` uses gain √2 on hidden layers and the output
    /// gain the plugin chooses (0.01 for a policy head, 1 for a value head).
    public enum Initialization: String, Sendable, CaseIterable { case `default`, orthogonal }

    public var hidden: [Int]
    /// Convolutions in front of the hidden layers, for image observations (`trunk:`).
    public var trunk: ImageTrunk?
    /// The observation shape the trunk reads (set with `trunk`).
    public var observationShape: [Int] = []
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
        try read(node.mapping(), defaults: defaults, context: context)
    }

    /// Reads the network described by the mapping `m` (see `read(_:defaults:context:)`).
    public static func read(_ m: RecipeMapping, defaults: NetworkSettings,
                            context: AlgorithmContext) throws(RecipeError) -> NetworkSettings {
        var s = defaults
        let scale = m.optional("scale")
        if let t = m.optional("trunk") {
            s.trunk = try ImageTrunk.read(t, scale: scale, context: context)
            s.observationShape = context.observationShape
        } else if let scale {
            throw scale.error("scale applies to an image trunk: add trunk: nature_cnn (or a conv list)")
        }
        if let h = m.optional("hidden") {
            var sizes: [Int] = []
            for item in try h.list() {
                let size = try item.int()
                guard size > 0 else { throw item.error("layer sizes must be positive, got \(size)") }
                sizes.append(size)
            }
            s.hidden = sizes
            // Weights and biases, each with a gradient and up to two optimiser buffers.
            let widths = [Double(s.trunk?.features ?? context.observationWidth)] + sizes.map(Double.init)
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

    /// The width of `makeTrunk`'s output for `inputs` values in.
    public func trunkWidth(inputs: Int) -> Int { hidden.last ?? trunk?.features ?? inputs }

    /// The image trunk's layers and its output width (none and `inputs` without a trunk).
    /// With a trunk, `inputs` must be the observation's width: trunks read observations.
    private func imageLayers(inputs: Int, random: inout SeededRandom) -> (layers: [any Layer], width: Int) {
        guard let trunk else { return ([], inputs) }
        precondition(inputs == observationShape.reduce(1, *),
                     "an image trunk reads observations of shape \(observationShape), not \(inputs) values")
        return (trunk.makeLayers(shape: observationShape, orthogonal: initialization == .orthogonal, random: &random), trunk.features)
    }

    /// The image trunk (if any) and the hidden layers, each followed by the activation: a
    /// shared trunk whose output width is `trunkWidth(inputs:)`.
    public func makeTrunk(inputs: Int, random: inout SeededRandom) -> Sequential {
        var (layers, width) = imageLayers(inputs: inputs, random: &random)
        for size in hidden {
            layers.append(Linear(width, size, initializer: initialization == .orthogonal ? .orthogonal(gain: Float(2).squareRoot()) : .pytorchDefault,
                                 random: &random))
            layers.append(activation.layer())
            width = size
        }
        return Sequential(layers)
    }

    /// An MLP from `inputs` (through the image trunk, if any) through the hidden layers to
    /// `outputs`.
    public func makeMLP(inputs: Int, outputs: Int, outputGain: Float, random: inout SeededRandom) -> Sequential {
        let orthogonal = initialization == .orthogonal
        let (image, width) = imageLayers(inputs: inputs, random: &random)
        let mlp = Sequential.mlp([width] + hidden + [outputs], activation: activation, random: &random,
                                 hiddenInitializer: orthogonal ? .orthogonal(gain: Float(2).squareRoot()) : .pytorchDefault,
                                 outputInitializer: orthogonal ? .orthogonal(gain: outputGain) : .pytorchDefault)
        return image.isEmpty ? mlp : Sequential(image + [mlp])
    }
}
