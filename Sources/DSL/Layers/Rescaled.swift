/// A layer applied to its input multiplied by a constant — `net(x / 255.0)` for pixels.
///
/// It exists so that byte-valued observations can be scaled inside the network without
/// shifting the positional parameter names of the wrapped layer: its parameters are the
/// wrapped layer's, unprefixed, so a `Rescaled(by: 1/255, Sequential.natureCNN(…))` trunk
/// has the same `state_dict` keys as the PyTorch `Sequential` it mirrors. When the wrapped
/// layer starts with a convolution the scaling happens inside it, with no scaled copy of
/// the input.
public final class Rescaled: Layer {
    public let scale: Float
    public let layer: any Layer

    public init(by scale: Float, _ layer: any Layer) {
        self.scale = scale
        self.layer = layer
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        if let fused = layer as? any InputScalingLayer { return fused(input, inputScale: scale) }
        return layer(scale == 1 ? input : input * Tensor(scale))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] { layer.namedParameters }
}

/// A layer that can scale its input for free (a convolution folds the factor into its
/// product), or passes the factor on to a layer that can.
///
/// It exists so that `Rescaled` costs nothing in front of image trunks.
public protocol InputScalingLayer: Layer {
    /// The layer applied to `input · inputScale`.
    func callAsFunction(_ input: Tensor, inputScale: Float) -> Tensor
}
