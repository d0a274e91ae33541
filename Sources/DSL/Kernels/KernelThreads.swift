import CKernels

/// How many threads the large kernels — GEMMs of at least a few million flops and
/// convolutions — and `concurrently` may use. The default, 1, keeps all work on the calling
/// thread.
///
/// It exists because pixel networks are dominated by a few large products that two or more
/// cores finish sooner, and because small networks that learn independently (a separate
/// actor and critic) are two chains of work a second core can take. Work is split only into pieces that write separate outputs (rows or
/// columns of a product, tiles of a convolution's output positions, chunks of images with
/// their own partial sums) and that depend on the shapes, never on the count, so every
/// result is bitwise the same whatever the count. One caller uses the threads
/// at a time; a concurrent caller runs its kernels on its own thread. Raise it when that
/// many cores are otherwise idle: on busy cores a descheduled helper holds up the kernels it
/// shares, and the pool then falls back to the calling thread for a while (about one-thread
/// speed, never different results).
public enum KernelThreads {
    /// The number of threads (clamped to 1…64).
    public static var count: Int {
        get { Int(zoo_thread_count()) }
        set { zoo_set_thread_count(Int32(clamping: newValue)) }
    }
}
