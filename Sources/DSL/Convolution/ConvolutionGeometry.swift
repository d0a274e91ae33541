import CKernels

/// Output sizes of sliding windows, and the C descriptions of a convolution or pooling.
///
/// It exists so that the shape rule (PyTorch's `floor((in + 2·pad − dil·(k−1) − 1)/stride) + 1`)
/// and its preconditions live in one place, shared by the tensor operations and the layers
/// that need to know their output size before seeing any input.
public enum ConvolutionGeometry {
    /// The number of window positions along one axis, or a value ≤ 0 when the window does
    /// not fit.
    public static func outputLength(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int = 1) -> Int {
        (input + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
    }

    /// Output height and width of a window sliding over `input`.
    public static func outputSize(input: Size2D, kernel: Size2D, stride: Size2D, padding: Size2D,
                                  dilation: Size2D = 1) -> Size2D {
        Size2D(outputLength(input: input.height, kernel: kernel.height, stride: stride.height,
                            padding: padding.height, dilation: dilation.height),
               outputLength(input: input.width, kernel: kernel.width, stride: stride.width,
                            padding: padding.width, dilation: dilation.width))
    }

    static func checkWindow(_ op: String, kernel: Size2D, stride: Size2D, padding: Size2D, dilation: Size2D) {
        precondition(kernel.height > 0 && kernel.width > 0, "\(op): kernel \(kernel) must be positive")
        precondition(stride.height > 0 && stride.width > 0, "\(op): stride \(stride) must be positive")
        precondition(padding.height >= 0 && padding.width >= 0, "\(op): padding \(padding) must be ≥ 0")
        precondition(dilation.height > 0 && dilation.width > 0, "\(op): dilation \(dilation) must be positive")
    }

    /// The C description of `x ⋆ weight` (x [N, C, H, W], weight [O, C, kh, kw]).
    static func convolution(input: [Int], weight: [Int], stride: Size2D, padding: Size2D,
                            dilation: Size2D) -> zoo_conv2d_geometry {
        precondition(input.count == 4, "conv2d needs input [batch, channels, height, width], got \(input)")
        precondition(weight.count == 4, "conv2d needs weight [out, in, kernel height, kernel width], got \(weight)")
        precondition(input[1] == weight[1], "conv2d: input has \(input[1]) channels, weight expects \(weight[1])")
        let kernel = Size2D(weight[2], weight[3])
        checkWindow("conv2d", kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        let out = outputSize(input: Size2D(input[2], input[3]), kernel: kernel, stride: stride,
                             padding: padding, dilation: dilation)
        precondition(out.height > 0 && out.width > 0,
                     "conv2d: kernel \(kernel) (dilation \(dilation)) does not fit input \(input[2])×\(input[3]) padded by \(padding)")
        precondition((input + weight).allSatisfy { $0 < Int(Int32.max) } && Shape.count(input) < Int(Int32.max),
                     "conv2d: sizes too large")
        return zoo_conv2d_geometry(
            batch: Int32(input[0]), in_channels: Int32(input[1]), in_h: Int32(input[2]), in_w: Int32(input[3]),
            out_channels: Int32(weight[0]), kernel_h: Int32(kernel.height), kernel_w: Int32(kernel.width),
            stride_h: Int32(stride.height), stride_w: Int32(stride.width),
            pad_h: Int32(padding.height), pad_w: Int32(padding.width),
            dilation_h: Int32(dilation.height), dilation_w: Int32(dilation.width),
            out_h: Int32(out.height), out_w: Int32(out.width))
    }

    /// The C description of max pooling over `input` [N, C, H, W].
    static func pooling(input: [Int], kernel: Size2D, stride: Size2D, padding: Size2D) -> zoo_pool2d_geometry {
        precondition(input.count == 4, "maxPool2d needs input [batch, channels, height, width], got \(input)")
        checkWindow("maxPool2d", kernel: kernel, stride: stride, padding: padding, dilation: 1)
        precondition(2 * padding.height <= kernel.height && 2 * padding.width <= kernel.width,
                     "maxPool2d: padding \(padding) must be at most half the kernel \(kernel)")
        let out = outputSize(input: Size2D(input[2], input[3]), kernel: kernel, stride: stride, padding: padding)
        precondition(out.height > 0 && out.width > 0,
                     "maxPool2d: kernel \(kernel) does not fit input \(input[2])×\(input[3]) padded by \(padding)")
        precondition(Shape.count(input) < Int(Int32.max), "maxPool2d: input too large")
        return zoo_pool2d_geometry(
            batch: Int32(input[0]), channels: Int32(input[1]), in_h: Int32(input[2]), in_w: Int32(input[3]),
            kernel_h: Int32(kernel.height), kernel_w: Int32(kernel.width),
            stride_h: Int32(stride.height), stride_w: Int32(stride.width),
            pad_h: Int32(padding.height), pad_w: Int32(padding.width),
            out_h: Int32(out.height), out_w: Int32(out.width))
    }
}
