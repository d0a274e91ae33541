/// ReLU as a layer.
public final class ReLU: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}

/// tanh as a layer.
public final class Tanh: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}

/// The logistic sigmoid as a layer.
public final class Sigmoid: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}

/// The hidden-layer activations a recipe can name.
public enum Activation: String, Sendable, CaseIterable, Codable {
    case relu, tanh, sigmoid

    /// A fresh layer applying this activation.
    public func layer() -> any Layer {
        switch self {
        case .relu: ReLU()
        case .tanh: Tanh()
        case .sigmoid: Sigmoid()
        }
    }
}
