import CKernels

/// The loops behind tensor operations, over raw storage.
///
/// Everything here is deterministic: the order of floating-point operations depends
/// only on shapes, never on threads or timing, which is what makes training runs
/// reproducible to the bit.
enum Kernels {
    /// dst += src, element by element (equal counts).
    static func addInPlace(_ dst: TensorStorage, _ src: TensorStorage) {
        precondition(dst.count == src.count, "addInPlace count mismatch")
        let d = dst.pointer, s = src.pointer
        for i in 0..<dst.count { d[i] += s[i] }
    }

    /// A new storage with `f` applied to every element.
    @inline(__always)
    static func map(_ x: TensorStorage, _ f: (Float) -> Float) -> TensorStorage {
        let out = TensorStorage(uninitializedCount: x.count)
        let src = x.pointer, dst = out.pointer
        for i in 0..<x.count { dst[i] = f(src[i]) }
        return out
    }

    /// A new storage with `f` applied pairwise to two equally sized storages.
    @inline(__always)
    static func zip(_ a: TensorStorage, _ b: TensorStorage, _ f: (Float, Float) -> Float) -> TensorStorage {
        precondition(a.count == b.count, "zip count mismatch")
        let out = TensorStorage(uninitializedCount: a.count)
        let pa = a.pointer, pb = b.pointer, dst = out.pointer
        for i in 0..<a.count { dst[i] = f(pa[i], pb[i]) }
        return out
    }

    /// A new storage with `f` applied to three equally sized storages.
    @inline(__always)
    static func zip3(_ a: TensorStorage, _ b: TensorStorage, _ c: TensorStorage,
                     _ f: (Float, Float, Float) -> Float) -> TensorStorage {
        precondition(a.count == b.count && b.count == c.count, "zip3 count mismatch")
        let out = TensorStorage(uninitializedCount: a.count)
        let pa = a.pointer, pb = b.pointer, pc = c.pointer, dst = out.pointer
        for i in 0..<a.count { dst[i] = f(pa[i], pb[i], pc[i]) }
        return out
    }

    /// exp of every element (vectorised).
    static func exp(_ x: TensorStorage) -> TensorStorage {
        let out = TensorStorage(uninitializedCount: x.count)
        zoo_vexp(x.count, x.pointer, out.pointer)
        return out
    }

    /// tanh of every element (vectorised).
    static func tanh(_ x: TensorStorage) -> TensorStorage {
        let out = TensorStorage(uninitializedCount: x.count)
        zoo_vtanh(x.count, x.pointer, out.pointer)
        return out
    }
}
