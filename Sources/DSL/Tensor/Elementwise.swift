import Foundation

/// Element-wise functions of one tensor, each with its derivative. Every backward pass is
/// a single inlined loop over the output gradient and the saved input or output.
extension Tensor {
    /// Records a shape-preserving result whose input gradient is `gradient(g)`.
    private func elementwise(_ out: TensorStorage, _ gradient: @escaping (TensorStorage) -> TensorStorage) -> Tensor {
        Tensor.record(shape: shape, storage: out, inputs: [self]) { [shape] g in
            [Tensor(shape: shape, sharing: gradient(g.storage))]
        }
    }

    /// −x.
    public static prefix func - (x: Tensor) -> Tensor {
        x.elementwise(Kernels.map(x.storage) { -$0 }) { g in Kernels.map(g) { -$0 } }
    }

    /// eˣ.
    public func exp() -> Tensor {
        let y = Kernels.exp(storage)
        return elementwise(y) { g in Kernels.zip(g, y) { $0 * $1 } }
    }

    /// Natural logarithm.
    public func log() -> Tensor {
        let x = storage
        return elementwise(Kernels.map(x) { Foundation.log($0) }) { g in Kernels.zip(g, x) { $0 / $1 } }
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor {
        let y = Kernels.tanh(storage)
        return elementwise(y) { g in Tensor.tanhGradient(g, y) }
    }

    /// The gradient through tanh: `g · (1 − y²)` for output gradient `g` and output `y`.
    static func tanhGradient(_ g: TensorStorage, _ y: TensorStorage) -> TensorStorage {
        Kernels.zip(g, y) { g, y in g * (1 - y * y) }
    }

    /// max(x, 0).
    public func relu() -> Tensor {
        let x = storage
        return elementwise(Kernels.map(x) { $0 > 0 ? $0 : 0 }) { g in Kernels.zip(g, x) { g, x in x > 0 ? g : 0 } }
    }

    /// 1 / (1 + e⁻ˣ).
    public func sigmoid() -> Tensor {
        let y = Kernels.map(storage) { 1 / (1 + Foundation.exp(-$0)) }
        return elementwise(y) { g in Kernels.zip(g, y) { g, y in g * y * (1 - y) } }
    }

    /// log(1 + eˣ), linear above 20 as in PyTorch.
    public func softplus() -> Tensor {
        let x = storage
        let y = Kernels.map(x) { $0 > 20 ? $0 : Foundation.log1p(Foundation.exp($0)) }
        return elementwise(y) { g in Kernels.zip(g, x) { g, x in x > 20 ? g : g / (1 + Foundation.exp(-x)) } }
    }

    /// x².
    public func square() -> Tensor {
        let x = storage
        return elementwise(Kernels.map(x) { $0 * $0 }) { g in Kernels.zip(g, x) { g, x in g * 2 * x } }
    }

    /// √x.
    public func sqrt() -> Tensor {
        let y = Kernels.map(storage) { $0.squareRoot() }
        return elementwise(y) { g in Kernels.zip(g, y) { g, y in g / (2 * y) } }
    }

    /// |x|.
    public func abs() -> Tensor {
        let x = storage
        return elementwise(Kernels.map(x) { Swift.abs($0) }) { g in
            Kernels.zip(g, x) { g, x in x > 0 ? g : (x < 0 ? -g : 0) }
        }
    }

    /// xᵖ for a constant exponent.
    public func pow(_ p: Float) -> Tensor {
        let x = storage
        return elementwise(Kernels.map(x) { Foundation.pow($0, p) }) { g in
            Kernels.zip(g, x) { g, x in g * p * Foundation.pow(x, p - 1) }
        }
    }

    /// x limited to [low, high]; the gradient passes where low ≤ x ≤ high.
    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        let x = storage
        return elementwise(Kernels.map(x) { Swift.min(Swift.max($0, low), high) }) { g in
            Kernels.zip(g, x) { g, x in x >= low && x <= high ? g : 0 }
        }
    }
}
