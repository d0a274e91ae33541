/// A layer applied to its input multiplied by a constant — `net(x / 255.0)` for pixels.
///
/// It exists so that byte-valued observations can be scaled inside the network without
/// shifting the positional parameter names of the wrapped layer: its parameters are the
/// wrapped layer's, unprefixed, so a `Rescaled(by: 1/255, Sequential.natureCNN(…))` trunk
/// has the same `state_dict` keys as the PyTorch `Sequential` it mirrors.
public final class Rescaled: Layer {
    public let scale: Float
    public let layer: any Layer

    public init(by scale: Float, _ layer: any Layer) {
        self.scale = scale
        self.layer = layer
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        layer(scale == 1 ? input : input * Tensor(scale))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] { layer.namedParameters }
}
