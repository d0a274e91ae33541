import Foundation

/// Element-wise functions of one tensor, each with its derivative.
extension Tensor {
    /// Applies `f` element-wise; `derivative(g, x, y)` gives the input gradient element
    /// from the output gradient `g`, input `x` and output `y`.
    @inline(__always)
    func unary(_ f: (Float) -> Float,
               derivative: @escaping (_ g: Float, _ x: Float, _ y: Float) -> Float) -> Tensor {
        let out = Kernels.map(storage, f)
        return unaryResult(out, derivative: derivative)
    }

    func unaryResult(_ out: TensorStorage,
                     derivative: @escaping (_ g: Float, _ x: Float, _ y: Float) -> Float) -> Tensor {
        let x = storage
        return Tensor.record(shape: shape, storage: out, inputs: [self]) { [shape] g in
            let result = TensorStorage(uninitializedCount: x.count)
            let pg = g.storage.pointer, px = x.pointer, py = out.pointer, pr = result.pointer
            for i in 0..<x.count { pr[i] = derivative(pg[i], px[i], py[i]) }
            return [Tensor(shape: shape, sharing: result)]
        }
    }

    /// −x.
    public static prefix func - (x: Tensor) -> Tensor {
        x.unary({ -$0 }, derivative: { g, _, _ in -g })
    }

    /// eˣ.
    public func exp() -> Tensor {
        unaryResult(Kernels.exp(storage), derivative: { g, _, y in g * y })
    }

    /// Natural logarithm.
    public func log() -> Tensor {
        unary({ Foundation.log($0) }, derivative: { g, x, _ in g / x })
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor {
        unaryResult(Kernels.tanh(storage), derivative: { g, _, y in g * (1 - y * y) })
    }

    /// max(x, 0).
    public func relu() -> Tensor {
        unary({ $0 > 0 ? $0 : 0 }, derivative: { g, x, _ in x > 0 ? g : 0 })
    }

    /// 1 / (1 + e⁻ˣ).
    public func sigmoid() -> Tensor {
        unary({ 1 / (1 + Foundation.exp(-$0)) }, derivative: { g, _, y in g * y * (1 - y) })
    }

    /// log(1 + eˣ), linear above 20 as in PyTorch.
    public func softplus() -> Tensor {
        unary({ $0 > 20 ? $0 : Foundation.log1p(Foundation.exp($0)) },
              derivative: { g, x, _ in x > 20 ? g : g / (1 + Foundation.exp(-x)) })
    }

    /// x².
    public func square() -> Tensor {
        unary({ $0 * $0 }, derivative: { g, x, _ in g * 2 * x })
    }

    /// √x.
    public func sqrt() -> Tensor {
        unary({ $0.squareRoot() }, derivative: { g, _, y in g / (2 * y) })
    }

    /// |x|.
    public func abs() -> Tensor {
        unary({ Swift.abs($0) }, derivative: { g, x, _ in x > 0 ? g : (x < 0 ? -g : 0) })
    }

    /// xᵖ for a constant exponent.
    public func pow(_ p: Float) -> Tensor {
        unary({ Foundation.pow($0, p) }, derivative: { g, x, _ in g * p * Foundation.pow(x, p - 1) })
    }

    /// x limited to [low, high]; the gradient passes where low ≤ x ≤ high.
    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        unary({ Swift.min(Swift.max($0, low), high) },
              derivative: { g, x, _ in x >= low && x <= high ? g : 0 })
    }
}
