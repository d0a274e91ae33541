#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Work a `WorkerPool` runs in parallel: chunk `k` of `count` on each participant.
protocol ChunkedJob: AnyObject {
    func runChunk(_ chunk: Int, of count: Int)
}

/// A persistent pool of threads that run one job's chunks in lock step.
///
/// Why not tasks or threads per step: a CartPole step costs tens of nanoseconds, so the
/// handoff must cost far less than spawning anything. Workers are created once. Each
/// `run()` publishes a new epoch in one atomic word that also holds the next unclaimed
/// chunk; every participant (the calling thread included) claims chunks with a
/// compare-and-swap until none is left, and `run()` returns when all chunks are done.
/// Claiming is dynamic, so a worker the OS has not scheduled yet costs nothing: the
/// caller simply runs its chunk too (on a busy machine the pool degrades to `sync`
/// speed instead of waiting for a time slice). Which thread runs a chunk never changes
/// the result, since chunks are disjoint and each copy's arithmetic is independent.
/// Workers spin briefly on the epoch and then sleep on a condition variable, so an idle
/// pool costs no CPU. Nothing is allocated per `run()`.
final class WorkerPool: @unchecked Sendable {
    let participants: Int
    /// The number of contiguous chunks the job is split into.
    let chunkCount: Int
    /// The job; unowned because the job (a vector environment) owns the pool and shuts it
    /// down in its `deinit`.
    unowned(unsafe) var job: (any ChunkedJob)?
    /// `epoch << 32 | next unclaimed chunk`.
    private let state = Atomic<UInt64>(0)
    private let completed = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private var epoch: UInt64 = 0
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    /// A waiting worker first spins this many times on the epoch (the next step usually
    /// comes within microseconds)…
    private static let spinLimit = 2_000
    /// …then yields its core this many times (so that on a busy machine it does not take
    /// the time slice the calling thread needs), then sleeps on the condition variable.
    private static let yieldLimit = 2_000

    /// A pool of `participants` threads in total (the caller of `run()` plus
    /// `participants - 1` workers), splitting jobs into `participants` chunks.
    init(participants: Int) {
        precondition(participants >= 1, "a pool needs at least one participant")
        self.participants = participants
        chunkCount = participants
        mutex.initialize(to: pthread_mutex_t())
        condition.initialize(to: pthread_cond_t())
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for _ in 1..<participants {
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let pool = Unmanaged<WorkerPool>.fromOpaque(raw!).takeRetainedValue()
                pool.workerLoop()
                return nil
            }, context)
            precondition(status == 0, "could not start a worker thread (pthread_create returned \(status))")
            threads.append(thread)
        }
    }

    /// Runs every chunk of the job once and returns when all are done.
    func run() {
        guard participants > 1 else {
            job?.runChunk(0, of: 1)
            return
        }
        completed.store(0, ordering: .relaxed)
        epoch = (epoch + 1) & 0xFFFF_FFFF
        state.store(epoch << 32, ordering: .sequentiallyConsistent)
        if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            pthread_mutex_lock(mutex)
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        claimChunks(epoch: epoch)
        var spins = 0
        while completed.load(ordering: .acquiring) < chunkCount {
            spins += 1
            if spins > 200 { sched_yield() }
        }
    }

    /// Claims and runs chunks of `epoch` until none is left (or a newer epoch began).
    private func claimChunks(epoch: UInt64) {
        var current = state.load(ordering: .acquiring)
        while current >> 32 == epoch, Int(current & 0xFFFF_FFFF) < chunkCount {
            let (exchanged, original) = state.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged {
                job?.runChunk(Int(current & 0xFFFF_FFFF), of: chunkCount)
                completed.add(1, ordering: .releasing)
                current = state.load(ordering: .acquiring)
            } else {
                current = original
            }
        }
    }

    /// Stops and joins the workers. Called by the owner's `deinit`.
    func shutdown() {
        guard !threads.isEmpty else { return }
        stopping.store(true, ordering: .sequentiallyConsistent)
        epoch = (epoch + 1) & 0xFFFF_FFFF
        state.store(epoch << 32 | 0xFFFF_FFFF, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    deinit {
        shutdown()
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    private func workerLoop() {
        var seen: UInt64 = 0
        while true {
            var spins = 0
            var current = state.load(ordering: .acquiring) >> 32
            while current == seen {
                spins += 1
                if spins < Self.spinLimit + Self.yieldLimit {
                    if spins >= Self.spinLimit { sched_yield() }
                    current = state.load(ordering: .acquiring) >> 32
                    continue
                }
                pthread_mutex_lock(mutex)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                current = state.load(ordering: .sequentiallyConsistent) >> 32
                while current == seen {
                    pthread_cond_wait(condition, mutex)
                    current = state.load(ordering: .sequentiallyConsistent) >> 32
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
            seen = current
            if stopping.load(ordering: .acquiring) { return }
            claimChunks(epoch: seen)
        }
    }
}

