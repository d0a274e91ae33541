import CKernels

/// 2-D max pooling as a differentiable tensor operation (`torch.nn.functional.max_pool2d`,
/// floor mode, no dilation).
///
/// It exists for image trunks that downsample by pooling. The gradient goes to the first
/// maximum of each window in scan order, PyTorch's tie rule, so fixtures with repeated
/// pixel values (common in Atari frames) agree exactly.
extension Tensor {
    /// The maximum of each `kernel` window of `self` [batch, channels, H, W], moved by
    /// `stride` (default: the kernel) over the input padded by `padding` (never the maximum).
    public func maxPool2d(kernel: Size2D, stride: Size2D? = nil, padding: Size2D = 0) -> Tensor {
        let geometry = ConvolutionGeometry.pooling(input: shape, kernel: kernel, stride: stride ?? kernel,
                                                   padding: padding)
        let outShape = [shape[0], shape[1], Int(geometry.out_h), Int(geometry.out_w)]
        let out = TensorStorage(uninitializedCount: Shape.count(outShape))
        var forward = geometry
        zoo_maxpool2d_forward(&forward, storage.pointer, out.pointer)
        let x = self
        return Tensor.record(shape: outShape, storage: out, inputs: [x]) { g in
            let dx = TensorStorage(uninitializedCount: x.count)
            var backward = geometry
            zoo_maxpool2d_backward(&backward, x.storage.pointer, g.storage.pointer, dx.pointer)
            return [Tensor(shape: x.shape, sharing: dx)]
        }
    }
}
