#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Work a `WorkerPool` runs in parallel: chunks `k` of `count`, spread over the participants.
protocol ChunkedJob: AnyObject {
    /// Runs chunk `chunk` of `count` for `participant` (0 is the thread that called `run()`).
    func runChunk(_ chunk: Int, of count: Int, participant: Int)
    /// Called by each participant of a run once it can claim no more chunks, before its
    /// chunks count as done: a job may leave part of its chunks' work to here, to do it
    /// for all of them at once (`VectorEnv` steps the worlds of the copies a participant
    /// claimed together).
    func finishChunks(participant: Int)
}

/// A persistent pool of threads that run one job's chunks in lock step.
///
/// Why not tasks or threads per step: a CartPole step costs tens of nanoseconds, so the
/// handoff must cost far less than spawning anything. Workers are created once. The
/// job's chunks are split into one contiguous region per participant (the calling
/// thread is participant 0). Each `run()` publishes a new epoch; every participant then
/// claims the chunks of its own region one at a time, front to back, and when its region
/// is exhausted claims the remaining chunks of the other regions back to front (work
/// stealing). A claim
/// is a compare-and-swap on the region's counter, which carries the epoch so that a late
/// worker cannot claim in a newer run; each region's counter has its own cache line.
///
/// Why regions and single chunks: a participant keeps the same copies from step to step
/// (their state stays in its core's caches), while copies whose step costs more (an
/// autoreset builds a new world, contacts add solver work) no longer leave the other
/// thread idle: whoever finishes first takes over what is left. A worker the OS has not
/// scheduled yet costs nothing: the others simply run its chunks too (on a busy machine
/// the pool degrades to `sync` speed instead of waiting for a time slice). Which thread
/// runs a chunk never changes the result, since chunks are disjoint and each copy's
/// arithmetic is independent. Workers spin briefly on the epoch and then sleep on a
/// condition variable, so an idle pool costs no CPU. Nothing is allocated per `run()`.
final class WorkerPool: @unchecked Sendable {
    let participants: Int
    /// The number of chunks the job is split into.
    let chunkCount: Int
    /// The job; unowned because the job (a vector environment) owns the pool and shuts it
    /// down in its `deinit`.
    unowned(unsafe) var job: (any ChunkedJob)?
    /// `epoch << 32` while a run is published (workers wait for it to change).
    private let state = Atomic<UInt64>(0)
    private let completed = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let nextWorkerIndex = Atomic<Int>(1)
    private var epoch: UInt64 = 0
    /// One counter per region, `epoch << 32 | chunks claimed from the back << 16 | chunks
    /// claimed from the front`, each on its own cache line.
    private let claims: UnsafeMutableRawPointer
    private static let claimStride = 128
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
    /// `participants - 1` workers), splitting jobs into `chunks` chunks (at least one per
    /// participant; by default one per participant).
    init(participants: Int, chunks: Int? = nil) {
        precondition(participants >= 1, "a pool needs at least one participant")
        self.participants = participants
        chunkCount = max(chunks ?? participants, participants)
        precondition(chunkCount < 1 << 16, "at most 65535 chunks")
        claims = .allocate(byteCount: participants * Self.claimStride, alignment: Self.claimStride)
        for region in 0..<participants {
            (claims + region * Self.claimStride).bindMemory(to: Atomic<UInt64>.self, capacity: 1).initialize(to: Atomic(0))
        }
        mutex.initialize(to: pthread_mutex_t())
        condition.initialize(to: pthread_cond_t())
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for _ in 1..<participants {
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let pool = Unmanaged<WorkerPool>.fromOpaque(raw!).takeRetainedValue()
                pool.workerLoop(participant: pool.nextWorkerIndex.add(1, ordering: .relaxed).oldValue)
                return nil
            }, context)
            precondition(status == 0, "could not start a worker thread (pthread_create returned \(status))")
            threads.append(thread)
        }
    }

    @inline(__always)
    private func claimCounter(_ region: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        (claims + region * Self.claimStride).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    /// The chunks of `region`: `lower..<upper`.
    @inline(__always)
    private func bounds(_ region: Int) -> (lower: Int, upper: Int) {
        (region * chunkCount / participants, (region + 1) * chunkCount / participants)
    }

    /// Runs every chunk of the job once and returns when all are done.
    func run() {
        guard participants > 1 else {
            for chunk in 0..<chunkCount { job?.runChunk(chunk, of: chunkCount, participant: 0) }
            job?.finishChunks(participant: 0)
            return
        }
        completed.store(0, ordering: .relaxed)
        epoch = (epoch + 1) & 0xFFFF_FFFF
        for region in 0..<participants { claimCounter(region).pointee.store(epoch << 32, ordering: .relaxed) }
        state.store(epoch << 32, ordering: .sequentiallyConsistent)
        if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            pthread_mutex_lock(mutex)
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        claimChunks(epoch: epoch, participant: 0)
        var spins = 0
        while completed.load(ordering: .acquiring) < chunkCount {
            spins += 1
            if spins > 200 { sched_yield() }
        }
    }

    /// Claims and runs chunks of `epoch`, own region first (from its front), then the
    /// others' leftovers (from their back, the chunks their owners would reach last),
    /// until none is left (or a newer epoch began); then lets the job finish them and
    /// counts them as done.
    private func claimChunks(epoch: UInt64, participant: Int) {
        var ran = 0
        regions: for k in 0..<participants {
            var region = participant + k
            if region >= participants { region -= participants }
            let own = k == 0
            let (lower, upper) = bounds(region)
            let counter = claimCounter(region)
            var current = counter.pointee.load(ordering: .acquiring)
            while true {
                if current >> 32 != epoch { break regions }
                let front = Int(current & 0xFFFF), back = Int((current >> 16) & 0xFFFF)
                if lower + front + back >= upper { break }
                let chunk = own ? lower + front : upper - 1 - back
                let (exchanged, original) = counter.pointee.compareExchange(
                    expected: current, desired: current + (own ? 1 : 1 << 16), ordering: .acquiringAndReleasing)
                if exchanged {
                    job?.runChunk(chunk, of: chunkCount, participant: participant)
                    ran += 1
                    current = counter.pointee.load(ordering: .acquiring)
                } else {
                    current = original
                }
            }
        }
        job?.finishChunks(participant: participant)
        if ran > 0 { completed.add(ran, ordering: .releasing) }
    }

    /// Stops and joins the workers. Called by the owner's `deinit`.
    func shutdown() {
        guard !threads.isEmpty else { return }
        stopping.store(true, ordering: .sequentiallyConsistent)
        epoch = (epoch + 1) & 0xFFFF_FFFF
        state.store(epoch << 32, ordering: .sequentiallyConsistent)
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
        claims.deallocate()
    }

    private func workerLoop(participant: Int) {
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
            claimChunks(epoch: seen, participant: participant)
        }
    }
}

