/// Builds the layer list of a `Sequential` from a block of layer expressions, with `if`,
/// `if … else` and `for` loops.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: any Layer) -> [any Layer] { [layer] }
    public static func buildExpression(_ layers: [any Layer]) -> [any Layer] { layers }
    public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Layer]?) -> [any Layer] { part ?? [] }
    public static func buildEither(first: [any Layer]) -> [any Layer] { first }
    public static func buildEither(second: [any Layer]) -> [any Layer] { second }
    public static func buildArray(_ parts: [[any Layer]]) -> [any Layer] { parts.flatMap { $0 } }
}

/// Layers applied in order, `torch.nn.Sequential`; parameters are named by position
/// (`"0.weight"`, `"2.bias"`), activations included in the count as in PyTorch.
///
///     var random = SeededRandom(seed: 0)
///     let actor = Sequential {
///         Linear(8, 32, random: &random)
///         ReLU()
///         Linear(32, 4, random: &random)
///     }
public final class Sequential: Layer {
    public let layers: [any Layer]

    public init(@LayerBuilder _ build: () -> [any Layer]) {
        layers = build()
    }

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    /// A multilayer perceptron: `sizes[0]` inputs, hidden layers with `activation`, and
    /// a final linear layer to `sizes.last` outputs with `outputInitializer`.
    public static func mlp(_ sizes: [Int], activation: Activation, random: inout SeededRandom,
                           hiddenInitializer: LinearInitializer = .pytorchDefault,
                           outputInitializer: LinearInitializer = .pytorchDefault) -> Sequential {
        precondition(sizes.count >= 2, "an MLP needs at least input and output sizes")
        var layers: [any Layer] = []
        for i in 0..<(sizes.count - 1) {
            let last = i == sizes.count - 2
            layers.append(Linear(sizes[i], sizes[i + 1], initializer: last ? outputInitializer : hiddenInitializer,
                                 random: &random))
            if !last { layers.append(activation.layer()) }
        }
        return Sequential(layers)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        evaluate(input, inputScale: 1)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.enumerated().flatMap { prefixed("\($0.offset)", $0.element) }
    }
}
