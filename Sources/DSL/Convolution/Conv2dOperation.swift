import CKernels

/// 2-D convolution as a differentiable tensor operation (`torch.nn.functional.conv2d`
/// with groups = 1): the pixel-input counterpart of `Tensor.linear`.
///
/// It exists so that image observations can feed a network; the work is done by the C
/// kernel (`zoo_conv2d_forward` / `zoo_conv2d_backward`), which runs the package's GEMM
/// micro-kernel on receptive fields read in place (implicit GEMM, no unrolled copy).
extension Tensor {
    /// Cross-correlation of `self` [batch, in, H, W] with `weight` [out, in, kh, kw], plus
    /// `bias` [out] per output channel; zero padding. Returns [batch, out, H′, W′].
    /// `inputScale` multiplies the input inside the kernel (`conv2d(x * s, …)` without
    /// materialising `x * s`: pixels scaled by 1/255); `relu` applies max(·, 0) to the
    /// result inside the kernel (`conv2d(…).relu()` in one pass, as `Sequential` does for a
    /// `Conv2d` followed by `ReLU`).
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1, padding: Size2D = 0,
                       dilation: Size2D = 1, inputScale: Float = 1, relu: Bool = false) -> Tensor {
        let geometry = ConvolutionGeometry.convolution(input: shape, weight: weight.shape, stride: stride,
                                                       padding: padding, dilation: dilation)
        let outChannels = weight.shape[0]
        if let bias {
            precondition(bias.shape == [outChannels], "conv2d: bias \(bias.shape) does not fit \(outChannels) outputs")
        }
        let outShape = [shape[0], outChannels, Int(geometry.out_h), Int(geometry.out_w)]
        let out = TensorStorage(uninitializedCount: Shape.count(outShape))
        var forward = geometry
        zoo_conv2d_forward(&forward, storage.pointer, inputScale, weight.storage.pointer, bias?.storage.pointer, relu,
                           out.pointer)
        let x = self
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.record(shape: outShape, storage: out, inputs: inputs) { g in
            let dx = x.requiresGradient ? TensorStorage(uninitializedCount: x.count) : nil
            let dw = weight.requiresGradient ? TensorStorage(uninitializedCount: weight.count) : nil
            let db = (bias?.requiresGradient ?? false) ? TensorStorage(uninitializedCount: outChannels) : nil
            var backward = geometry
            zoo_conv2d_backward(&backward, x.storage.pointer, inputScale, weight.storage.pointer, g.storage.pointer,
                                relu ? UnsafePointer(out.pointer) : nil, dx?.pointer, dw?.pointer, db?.pointer)
            var grads: [Tensor?] = [dx.map { Tensor(shape: x.shape, sharing: $0) },
                                    dw.map { Tensor(shape: weight.shape, sharing: $0) }]
            if bias != nil { grads.append(db.map { Tensor(shape: [outChannels], sharing: $0) }) }
            return grads
        }
    }
}
