/// Comparisons giving 0/1 masks. Masks carry no gradient; use them with `where` or as
/// multipliers.
extension Tensor {
    private func compare(_ other: Tensor, _ f: (Float, Float) -> Bool) -> Tensor {
        let (shape, out) = Kernels.broadcastBinary(self, other) { f($0, $1) ? 1 : 0 }
        return Tensor(shape: shape, storage: out, node: nil)
    }

    /// 1 where self > other.
    public func greater(_ other: Tensor) -> Tensor { compare(other, >) }
    /// 1 where self ≥ other.
    public func greaterEqual(_ other: Tensor) -> Tensor { compare(other, >=) }
    /// 1 where self < other.
    public func less(_ other: Tensor) -> Tensor { compare(other, <) }
    /// 1 where self ≤ other.
    public func lessEqual(_ other: Tensor) -> Tensor { compare(other, <=) }
    /// 1 where self == other.
    public func equal(_ other: Tensor) -> Tensor { compare(other, ==) }
    /// 1 where self ≠ other.
    public func notEqual(_ other: Tensor) -> Tensor { compare(other, !=) }
    /// 1 where the element is zero (logical not of a mask).
    public func logicalNot() -> Tensor {
        Tensor(shape: shape, storage: Kernels.map(storage) { $0 == 0 ? 1 : 0 }, node: nil)
    }
}
