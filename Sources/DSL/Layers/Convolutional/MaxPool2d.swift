/// 2-D max pooling as a layer, `torch.nn.MaxPool2d` (floor mode, no dilation); it has no
/// parameters but counts as a position in a `Sequential`, as in PyTorch.
///
/// It exists so that image trunks that downsample by pooling can be written in a
/// `Sequential { … }` block.
public final class MaxPool2d: Layer {
    public let kernel: Size2D
    public let stride: Size2D
    public let padding: Size2D

    /// Pooling over `kernel` windows moved by `stride` (default: the kernel).
    public init(kernel: Size2D, stride: Size2D? = nil, padding: Size2D = 0) {
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
        ConvolutionGeometry.checkWindow("MaxPool2d", kernel: kernel, stride: self.stride, padding: padding, dilation: 1)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.maxPool2d(kernel: kernel, stride: stride, padding: padding)
    }

    /// Output height and width for an input of `size`.
    public func outputSize(for size: Size2D) -> Size2D {
        ConvolutionGeometry.outputSize(input: size, kernel: kernel, stride: stride, padding: padding)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}
