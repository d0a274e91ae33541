import CKernels

extension Tensor {
    /// `tanh(x · Wᵀ + b)` recorded as one operation: the hidden layer of the 64-64 tanh
    /// networks of PPO and A2C.
    ///
    /// Why it exists: as a linear operation and a tanh, the layer costs two graph nodes
    /// and two result storages forward, and in backward a separate pass whose result only
    /// feeds the linear map's GEMMs. Fused, tanh runs in place on the affine result and the
    /// backward turns the output gradient into the pre-activation gradient with tanh's
    /// own derivative (`tanhGradient`) before the linear map's gradients: the values and
    /// gradients of `linear(…).tanh()`, bit for bit.
    public static func linearTanh(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        let y = affine(x, weight: weight, bias: bias)
        zoo_vtanh(y.count, y.pointer, y.pointer)
        let shape = [x.shape[0], weight.shape[0]]
        return Tensor.record(shape: shape, storage: y, inputs: linearInputs(x, weight, bias)) { g in
            linearGradients(Tensor(shape: shape, sharing: tanhGradient(g.storage, y)), x, weight, bias)
        }
    }
}
