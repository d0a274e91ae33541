/// The Huber loss of `prediction` against `target`, averaged over all elements: with
/// x = prediction − target, ½x² where |x| < δ and δ·(|x| − ½δ) elsewhere (PyTorch's
/// `huber_loss`; with δ = 1 also `smooth_l1_loss`, the loss of Stable-Baselines3's DQN).
///
/// Quadratic near zero and linear for large errors, so a rare huge TD error does not
/// dominate a value update. The two tensors must have the same shape: a silent broadcast
/// of [batch, 1] against [batch] would compare every prediction with every target.
/// Gradients flow to both; ∂/∂x is x inside ±δ and δ·sign(x) outside.
public func huberLoss(_ prediction: Tensor, _ target: Tensor, delta: Float = 1) -> Tensor {
    precondition(prediction.shape == target.shape,
                 "huberLoss needs equal shapes, got \(prediction.shape) and \(target.shape)")
    precondition(delta > 0, "the Huber δ must be > 0, got \(delta)")
    let residual = prediction - target
    let x = residual.storage
    let values = Kernels.map(x) { x in
        let z = Swift.abs(x)
        return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta)
    }
    let perElement = Tensor.record(shape: residual.shape, storage: values, inputs: [residual]) { [shape = residual.shape] g in
        [Tensor(shape: shape, sharing: Kernels.zip(g.storage, x) { g, x in g * Swift.min(Swift.max(x, -delta), delta) })]
    }
    return perElement.mean()
}
