import Foundation

/// Element-wise functions of two tensors with NumPy broadcasting, each with its
/// derivatives; gradients of broadcast operands are summed back to their shapes.
extension Tensor {
    /// Applies `f` with broadcasting. `gradients(g, a, b)` maps the output gradient and
    /// the operands (each expanded to the output shape) to the two operand gradients at
    /// the output shape; they are summed back to the operands' shapes.
    func binary(_ other: Tensor, _ f: (Float, Float) -> Float,
                gradients: @escaping (_ g: TensorStorage, _ a: TensorStorage, _ b: TensorStorage,
                                      _ needA: Bool, _ needB: Bool) -> (TensorStorage?, TensorStorage?)) -> Tensor {
        let (shape, out) = Kernels.broadcastBinary(self, other, f)
        let a = self, b = other
        return Tensor.record(shape: shape, storage: out, inputs: [a, b]) { g in
            let ea = Tensor.expanded(a, to: shape), eb = Tensor.expanded(b, to: shape)
            let (ga, gb) = gradients(g.storage, ea, eb, a.requiresGradient, b.requiresGradient)
            return [ga.map { Tensor(shape: shape, sharing: $0).summed(toShape: a.shape) },
                    gb.map { Tensor(shape: shape, sharing: $0).summed(toShape: b.shape) }]
        }
    }

    /// The storage of `x` broadcast to `shape` (shared when no broadcast is needed).
    static func expanded(_ x: Tensor, to shape: [Int]) -> TensorStorage {
        if x.shape == shape { return x.storage }
        let out = TensorStorage(uninitializedCount: Shape.count(shape))
        Kernels.fillBroadcast(x, shape, out.pointer)
        return out
    }

    /// a + b.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = Kernels.broadcastBinary(a, b, +)
        return Tensor.record(shape: shape, storage: out, inputs: [a, b]) { g in
            [a.requiresGradient ? g.summed(toShape: a.shape) : nil,
             b.requiresGradient ? g.summed(toShape: b.shape) : nil]
        }
    }

    /// a − b.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = Kernels.broadcastBinary(a, b, -)
        return Tensor.record(shape: shape, storage: out, inputs: [a, b]) { g in
            [a.requiresGradient ? g.summed(toShape: a.shape) : nil,
             b.requiresGradient ? (-g).summed(toShape: b.shape) : nil]
        }
    }

    /// a · b element-wise.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        a.binary(b, *) { g, a, b, needA, needB in
            (needA ? Kernels.zip(g, b) { $0 * $1 } : nil, needB ? Kernels.zip(g, a) { $0 * $1 } : nil)
        }
    }

    /// a / b element-wise.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        a.binary(b, /) { g, a, b, needA, needB in
            (needA ? Kernels.zip(g, b) { $0 / $1 } : nil,
             needB ? Kernels.zip3(g, a, b) { g, a, b in -g * a / (b * b) } : nil)
        }
    }

    /// The element-wise smaller; ties split the gradient evenly, as in PyTorch.
    public func minimum(_ other: Tensor) -> Tensor {
        binary(other, { $0 < $1 || $0.isNaN ? $0 : $1 }) { g, a, b, needA, needB in
            (needA ? Kernels.zip3(g, a, b) { g, a, b in a < b ? g : (a == b ? g / 2 : 0) } : nil,
             needB ? Kernels.zip3(g, a, b) { g, a, b in b < a ? g : (a == b ? g / 2 : 0) } : nil)
        }
    }

    /// The element-wise larger; ties split the gradient evenly, as in PyTorch.
    public func maximum(_ other: Tensor) -> Tensor {
        binary(other, { $0 > $1 || $0.isNaN ? $0 : $1 }) { g, a, b, needA, needB in
            (needA ? Kernels.zip3(g, a, b) { g, a, b in a > b ? g : (a == b ? g / 2 : 0) } : nil,
             needB ? Kernels.zip3(g, a, b) { g, a, b in b > a ? g : (a == b ? g / 2 : 0) } : nil)
        }
    }

    /// aᵇ element-wise.
    public func pow(_ exponent: Tensor) -> Tensor {
        binary(exponent, { Foundation.pow($0, $1) }) { g, a, b, needA, needB in
            (needA ? Kernels.zip3(g, a, b) { g, a, b in g * b * Foundation.pow(a, b - 1) } : nil,
             needB ? Kernels.zip3(g, a, b) { g, a, b in a > 0 ? g * Foundation.pow(a, b) * Foundation.log(a) : 0 } : nil)
        }
    }

    /// Chooses `a` where `condition` is non-zero and `b` elsewhere, with broadcasting of
    /// all three.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        guard let ab = Shape.broadcast(a.shape, b.shape), let shape = Shape.broadcast(condition.shape, ab) else {
            preconditionFailure("where: shapes \(condition.shape), \(a.shape), \(b.shape) do not broadcast")
        }
        let n = Shape.count(shape)
        let c = expanded(condition, to: shape), xa = expanded(a, to: shape), xb = expanded(b, to: shape)
        let out = TensorStorage(uninitializedCount: n)
        for i in 0..<n { out.pointer[i] = c.pointer[i] != 0 ? xa.pointer[i] : xb.pointer[i] }
        return Tensor.record(shape: shape, storage: out, inputs: [a, b]) { g in
            let ga = TensorStorage(uninitializedCount: n), gb = TensorStorage(uninitializedCount: n)
            for i in 0..<n {
                let take = c.pointer[i] != 0
                ga.pointer[i] = take ? g.storage.pointer[i] : 0
                gb.pointer[i] = take ? 0 : g.storage.pointer[i]
            }
            return [Tensor(shape: shape, sharing: ga).summed(toShape: a.shape),
                    Tensor(shape: shape, sharing: gb).summed(toShape: b.shape)]
        }
    }

    /// Element-wise sum without recording (used to accumulate gradients).
    func adding(_ other: Tensor) -> Tensor {
        let (shape, out) = Kernels.broadcastBinary(self, other, +)
        return Tensor(shape: shape, storage: out, node: nil)
    }
}

/// Scalar operands: `x * 2`, `1 - x`, …
extension Tensor {
    public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(b) }
    public static func + (a: Float, b: Tensor) -> Tensor { Tensor(a) + b }
    public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(b) }
    public static func - (a: Float, b: Tensor) -> Tensor { Tensor(a) - b }
    public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(b) }
    public static func * (a: Float, b: Tensor) -> Tensor { Tensor(a) * b }
    public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(b) }
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }
}
