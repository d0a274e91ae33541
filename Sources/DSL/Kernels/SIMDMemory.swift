/// Loading and storing eight floats at a time, for optimiser loops that process whole
/// vectors of parameters.
extension SIMD8 where Scalar == Float {
    /// Eight consecutive floats starting at `pointer`.
    @inline(__always)
    init(load pointer: UnsafeMutablePointer<Float>) {
        self = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Writes the eight lanes to consecutive floats starting at `pointer`.
    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD8<Float>.self)
    }
}
