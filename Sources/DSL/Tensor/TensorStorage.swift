/// The flat block of `Float`s behind a tensor (64-byte aligned from 256 floats up).
///
/// Storage is shared, never copied, between a tensor and its reshapes, and it is what a
/// vector environment's observation buffer and an optimiser's in-place update write into.
/// It is a class so that many tensors can refer to one block; the block is mutated only by
/// code that owns it (kernels filling a fresh result, optimisers updating parameters).
public final class TensorStorage: @unchecked Sendable {
    /// Number of `Float`s.
    public let count: Int
    /// The first element.
    public let pointer: UnsafeMutablePointer<Float>

    /// Uninitialised storage for `count` floats (callers fill every element).
    public init(uninitializedCount count: Int) {
        self.count = count
        pointer = StoragePool.take(count: count).bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Storage filled with `value`.
    public convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    /// Storage holding a copy of `values`.
    public convenience init<C: Collection>(copying values: C) where C.Element == Float {
        self.init(uninitializedCount: values.count)
        var i = 0
        for v in values {
            pointer[i] = v
            i += 1
        }
    }

    deinit {
        StoragePool.give(UnsafeMutableRawPointer(pointer), count: count)
    }

    /// The elements as a buffer.
    @inlinable public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}
