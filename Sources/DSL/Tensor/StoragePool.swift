import Synchronization

/// Keeps the element blocks of released tensor storages for the next storage of the same
/// size, instead of returning them to `malloc`.
///
/// Why it exists: a training step creates and drops the same few result sizes hundreds of
/// times (a [64, 64] activation or gradient is 16 KiB); glibc serves blocks that size from
/// its shared bins and consolidates them on `free`, which costs more than the small kernels
/// that fill them. Blocks under `minimumCount` floats stay with malloc's fast per-thread
/// cache; above, at most `bytesKept` bytes wait in free lists of at most `sizesKept` sizes. A reused block's
/// contents are arbitrary, as a fresh one's are: storages promise nothing before filling.
enum StoragePool {
    /// Smallest block (in floats) worth pooling.
    static let minimumCount = 256
    /// Most bytes the pool holds back from `free`.
    static let bytesKept = 32 << 20

    /// Most distinct sizes pooled (a training step uses a handful).
    static let sizesKept = 32

    /// Free blocks as addresses (plain integers are `Sendable`; pointers are not), one list
    /// per size in `sizes`: arrays searched linearly, because a dictionary's in-place
    /// update allocates.
    private struct Blocks {
        var sizes: [Int] = []
        var free: [[UInt]] = []
        var bytes = 0
    }

    private static let blocks = Mutex(Blocks())

    /// A block for `count` floats (64-byte aligned from `minimumCount` floats up).
    static func take(count: Int) -> UnsafeMutableRawPointer {
        if count >= minimumCount, let address = blocks.withLock({ pool -> UInt? in
            guard let i = pool.sizes.firstIndex(of: count), let address = pool.free[i].popLast() else { return nil }
            pool.bytes -= count * MemoryLayout<Float>.stride
            return address
        }), let block = UnsafeMutableRawPointer(bitPattern: address) {
            return block
        }
        // Small blocks with malloc's own alignment: a 64-byte alignment sends every request
        // through glibc's memalign path, which bypasses the per-thread cache. The kernels
        // load and store unaligned, so alignment is only for the large blocks' cache lines.
        return UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1) * MemoryLayout<Float>.stride,
                                                alignment: count >= minimumCount ? 64 : 16)
    }

    /// Takes back a block from `take(count:)`, keeping it while the pool has room.
    static func give(_ block: UnsafeMutableRawPointer, count: Int) {
        let bytes = count * MemoryLayout<Float>.stride
        let address = UInt(bitPattern: block)
        let kept = count >= minimumCount && blocks.withLock { pool in
            guard pool.bytes + bytes <= bytesKept else { return false }
            if let i = pool.sizes.firstIndex(of: count) {
                pool.free[i].append(address)
            } else if pool.sizes.count < sizesKept {
                pool.sizes.append(count)
                pool.free.append([address])
            } else {
                return false
            }
            pool.bytes += bytes
            return true
        }
        if !kept { block.deallocate() }
    }
}
