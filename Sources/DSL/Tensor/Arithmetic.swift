import Foundation

/// Element-wise functions of two tensors with NumPy broadcasting, each with its
/// derivatives; gradients of broadcast operands are summed back to their shapes.
extension Tensor {
    /// Applies `f` with broadcasting. `da`/`db` give each operand's gradient element
    /// from (g, a, b, y) at one output position.
    func binary(_ other: Tensor, _ f: (Float, Float) -> Float,
                da: @escaping (Float, Float, Float, Float) -> Float,
                db: @escaping (Float, Float, Float, Float) -> Float) -> Tensor {
        let (shape, out) = Kernels.broadcastBinary(self, other, f)
        let a = self, b = other
        let needA = a.requiresGradient, needB = b.requiresGradient
        return Tensor.record(shape: shape, storage: out, inputs: [a, b]) { g in
            let n = g.count
            let ea = Tensor.expanded(a, to: shape), eb = Tensor.expanded(b, to: shape)
            func gradient(_ d: (Float, Float, Float, Float) -> Float) -> Tensor {
                let r = TensorStorage(uninitializedCount: n)
                withExtendedLifetime((ea, eb, g)) {
                    let pr = r.pointer, xa = ea.pointer, xb = eb.pointer
                    let pg = g.storage.pointer, py = out.pointer
                    for i in 0..<n { pr[i] = d(pg[i], xa[i], xb[i], py[i]) }
                }
                return Tensor(shape: shape, sharing: r)
            }
            return [needA ? gradient(da).summed(toShape: a.shape) : nil,
                    needB ? gradient(db).summed(toShape: b.shape) : nil]
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
        a.binary(b, *, da: { g, _, b, _ in g * b }, db: { g, a, _, _ in g * a })
    }

    /// a / b element-wise.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        a.binary(b, /, da: { g, _, b, _ in g / b }, db: { g, a, b, _ in -g * a / (b * b) })
    }

    /// The element-wise smaller; ties split the gradient evenly, as in PyTorch.
    public func minimum(_ other: Tensor) -> Tensor {
        binary(other, { $0 < $1 || $0.isNaN ? $0 : $1 },
               da: { g, a, b, _ in a < b ? g : (a == b ? g / 2 : 0) },
               db: { g, a, b, _ in b < a ? g : (a == b ? g / 2 : 0) })
    }

    /// The element-wise larger; ties split the gradient evenly, as in PyTorch.
    public func maximum(_ other: Tensor) -> Tensor {
        binary(other, { $0 > $1 || $0.isNaN ? $0 : $1 },
               da: { g, a, b, _ in a > b ? g : (a == b ? g / 2 : 0) },
               db: { g, a, b, _ in b > a ? g : (a == b ? g / 2 : 0) })
    }

    /// aᵇ element-wise.
    public func pow(_ exponent: Tensor) -> Tensor {
        binary(exponent, { Foundation.pow($0, $1) },
               da: { g, a, b, _ in g * b * Foundation.pow(a, b - 1) },
               db: { g, a, _, y in a > 0 ? g * y * Foundation.log(a) : 0 })
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
