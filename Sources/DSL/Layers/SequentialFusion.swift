/// How a `Sequential` runs its layers: in order, except that a `Conv2d` followed by `ReLU`
/// runs as one fused kernel, a `Linear` followed by `Tanh` as one fused operation
/// (`Tensor.linearTanh`), and an input scale (from `Rescaled`) goes into a leading layer
/// that can absorb it.
///
/// It exists so that image trunks written layer by layer, as in PyTorch, get the fused
/// kernels without the user asking: values and gradients are those of the layers one after
/// another, parameter names are unchanged.
extension Sequential: InputScalingLayer {
    /// The layers applied to `input · inputScale`.
    public func callAsFunction(_ input: Tensor, inputScale: Float) -> Tensor {
        evaluate(input, inputScale: inputScale)
    }

    func evaluate(_ input: Tensor, inputScale: Float) -> Tensor {
        var x = input
        var scale = inputScale
        var i = 0
        while i < layers.count {
            let layer = layers[i]
            if let conv = layer as? Conv2d {
                let relu = i + 1 < layers.count && layers[i + 1] is ReLU
                x = conv(x, inputScale: scale, relu: relu)
                i += relu ? 2 : 1
            } else if scale == 1, let linear = layer as? Linear, i + 1 < layers.count, layers[i + 1] is Tanh {
                x = Tensor.linearTanh(x, weight: linear.weight.tensor, bias: linear.bias?.tensor)
                i += 2
            } else if scale != 1, let scaling = layer as? any InputScalingLayer {
                x = scaling(x, inputScale: scale)
                i += 1
            } else {
                x = layer(scale == 1 ? x : x * Tensor(scale))
                i += 1
            }
            scale = 1
        }
        return scale == 1 ? x : x * Tensor(scale)
    }
}
