import CKernels

/// Evaluates two independent computations side by side on the kernel threads
/// (`KernelThreads.count` ≥ 2), or one after the other on the calling thread.
///
/// Why it exists: the networks an algorithm trains are often independent — a separate
/// actor and critic, each with its own loss terms — and small enough that no single
/// product is worth splitting over threads, so their two chains of operations are where a
/// second core finds work. Each closure computes exactly what it would alone (the kernels
/// it calls run on its own thread, in their usual order), so the results are bitwise the
/// same whatever the thread count.
///
/// The closures must not write anything the other reads: creating tensors and recording
/// graph nodes is fine (each chain records its own nodes; inputs are only read), as is
/// reading the same parameters or inputs. Gradient recording is inherited from the caller;
/// the phase profile (`zoo bench train`) charges the whole call to the caller's phase.
///
///     let (policyLoss, valueLoss) = concurrently({ policyTerms(batch) }, { valueTerms(batch) })
public func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    guard KernelThreads.count >= 2 else { return (first(), second()) }
    let recording = GradientMode.isEnabled
    var a: A?
    var b: B?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            var pair = ConcurrentPair(run: { index in
                GradientMode.$isRecording.withValue(recording) {
                    PhaseProfile.$isMuted.withValue(true) {
                        if index == 0 { a = first() } else { b = second() }
                    }
                }
            })
            withUnsafeMutablePointer(to: &pair) { pointer in
                zoo_parallel_for(2, { context, index in
                    context!.assumingMemoryBound(to: ConcurrentPair.self).pointee.run(Int(index))
                }, pointer)
            }
        }
    }
    return (a!, b!)
}

/// The two tasks of `concurrently`, reached through the C pool's context pointer. Each
/// index is run exactly once, by whichever pool thread claims it, and each writes only its
/// own result.
private struct ConcurrentPair {
    let run: (Int) -> Void
}
