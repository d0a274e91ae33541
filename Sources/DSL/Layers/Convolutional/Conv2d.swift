/// A 2-D convolution layer, `torch.nn.Conv2d` with groups = 1: weight [out, in, kh, kw]
/// and an optional bias [out], named `weight` and `bias` as in PyTorch's `state_dict`.
///
/// It exists so that pixel observations (Atari frames, rendered images) can be the input
/// of a `Sequential` trunk. Initialisation reuses `LinearInitializer` with the fan-in
/// in·kh·kw: `.pytorchDefault` is PyTorch's kaiming_uniform(a=√5), i.e. weight and bias
/// uniform in ±1/√fan_in, and `.orthogonal` orthogonalises the weight viewed as
/// [out, in·kh·kw], like `torch.nn.init.orthogonal_`.
public final class Conv2d: InputScalingLayer {
    public let weight: Parameter
    public let bias: Parameter?
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernel: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public let dilation: Size2D

    /// A layer from `inputChannels` to `outputChannels` with a `kernel` window, initialised
    /// by `initializer` with draws from `random`.
    public init(_ inputChannels: Int, _ outputChannels: Int, kernel: Size2D, stride: Size2D = 1,
                padding: Size2D = 0, dilation: Size2D = 1, bias: Bool = true,
                initializer: LinearInitializer = .pytorchDefault, random: inout SeededRandom) {
        precondition(inputChannels > 0 && outputChannels > 0,
                     "Conv2d needs positive channel counts, got \(inputChannels)→\(outputChannels)")
        ConvolutionGeometry.checkWindow("Conv2d", kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        let fanIn = inputChannels * kernel.height * kernel.width
        let (w, b) = initializer.values(inputs: fanIn, outputs: outputChannels, random: &random)
        weight = Parameter(Tensor(shape: [outputChannels, inputChannels, kernel.height, kernel.width], scalars: w))
        self.bias = bias ? Parameter(Tensor(shape: [outputChannels], scalars: b)) : nil
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { callAsFunction(input, inputScale: 1) }

    /// The layer applied to `input · inputScale`, the scaling done inside the kernel.
    public func callAsFunction(_ input: Tensor, inputScale: Float) -> Tensor {
        callAsFunction(input, inputScale: inputScale, relu: false)
    }

    /// The layer applied to `input · inputScale`, followed by ReLU when `relu`, in one kernel.
    public func callAsFunction(_ input: Tensor, inputScale: Float, relu: Bool) -> Tensor {
        input.conv2d(weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding, dilation: dilation,
                     inputScale: inputScale, relu: relu)
    }

    /// Output height and width for an input of `size`.
    public func outputSize(for size: Size2D) -> Size2D {
        ConvolutionGeometry.outputSize(input: size, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
