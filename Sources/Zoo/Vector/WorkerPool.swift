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
/// handoff must cost far less than spawning anything. Workers are created once; each
/// `run()` publishes a new epoch number with an atomic store, the calling thread runs
/// chunk 0 itself, workers that see the new epoch run their chunk and increment a done
/// counter, and `run()` returns when all have finished. Workers spin briefly on the
/// epoch and then sleep on a condition variable, so an idle pool costs no CPU. Nothing is
/// allocated per `run()`.
final class WorkerPool: @unchecked Sendable {
    let participants: Int
    /// The job; unowned because the job (a vector environment) owns the pool and shuts it
    /// down in its `deinit`.
    unowned(unsafe) var job: (any ChunkedJob)?
    private let epoch = Atomic<UInt64>(0)
    private let finished = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    /// Spins on the epoch before sleeping; about a few tens of microseconds.
    private static let spinLimit = 20_000

    /// A pool of `participants` threads in total (the caller of `run()` plus
    /// `participants - 1` workers).
    init(participants: Int) {
        precondition(participants >= 1, "a pool needs at least one participant")
        self.participants = participants
        mutex.initialize(to: pthread_mutex_t())
        condition.initialize(to: pthread_cond_t())
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for k in 1..<participants {
            let context = Unmanaged.passRetained(WorkerContext(pool: self, chunk: k)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
                context.pool.workerLoop(chunk: context.chunk)
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
        finished.store(0, ordering: .relaxed)
        epoch.add(1, ordering: .sequentiallyConsistent)
        if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            pthread_mutex_lock(mutex)
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        job?.runChunk(0, of: participants)
        var spins = 0
        while finished.load(ordering: .acquiring) < participants - 1 {
            spins += 1
            if spins > 1_000 { sched_yield() }
        }
    }

    /// Stops and joins the workers. Called by the owner's `deinit`.
    func shutdown() {
        guard !threads.isEmpty else { return }
        stopping.store(true, ordering: .sequentiallyConsistent)
        epoch.add(1, ordering: .sequentiallyConsistent)
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

    private func workerLoop(chunk: Int) {
        var seen: UInt64 = 0
        while true {
            var spins = 0
            var current = epoch.load(ordering: .acquiring)
            while current == seen {
                spins += 1
                if spins < Self.spinLimit {
                    current = epoch.load(ordering: .acquiring)
                    continue
                }
                pthread_mutex_lock(mutex)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                current = epoch.load(ordering: .sequentiallyConsistent)
                while current == seen {
                    pthread_cond_wait(condition, mutex)
                    current = epoch.load(ordering: .sequentiallyConsistent)
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
            seen = current
            if stopping.load(ordering: .acquiring) { return }
            job?.runChunk(chunk, of: participants)
            finished.add(1, ordering: .releasing)
        }
    }
}

/// What a worker thread receives at start.
private final class WorkerContext {
    let pool: WorkerPool
    let chunk: Int
    init(pool: WorkerPool, chunk: Int) {
        self.pool = pool
        self.chunk = chunk
    }
}
