import Testing
@testable import Zoo

@Suite("Snapshots keep stepping allocation-free", .serialized)
struct SnapshotAllocationTests {
    /// Heap allocations of 30 steps of a wrapped 4-copy LunarLander vector environment and
    /// of a single LunarLander, after 40 warm-up steps and — with `restore` — after every
    /// copy and the single environment were restored from their own snapshots (same
    /// trajectory, so any difference is the restore's doing). `nil` without tracing.
    static func allocations(restore: Bool) throws -> Int? {
        let base = try VectorEnv(id: "LunarLander-v3", numEnvs: 4)
        let vec = try VectorRecordEpisodeStatistics(VectorNormalizeObservation(base))
        try vec.reset(seed: 4)
        for t in 0..<40 { try vec.step((0..<4).map { (t + $0) % 4 }) }
        var single = try make("LunarLander-v3")
        _ = try single.reset(seed: 4)
        for t in 0..<40 { _ = try single.step(t % 4) }
        if restore {
            for i in 0..<vec.numEnvs { try vec.restore(try vec.snapshot(copy: i), into: [i]) }
            try single.restore(single.snapshot())
        }
        var row = [Float](repeating: 0, count: 8)
        for k in 0..<vec.numEnvs { vec.actions.integers[k] = Int32(k) }
        var failure: EnvError?
        let count = AllocationTrace.count {
            row.withUnsafeMutableBufferPointer { buffer in
                do throws(EnvError) {
                    for t in 0..<30 {
                        try vec.step(mask: nil)
                        _ = try Self.stepInPlace(&single, t % 4, into: buffer)
                    }
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        return count
    }

    /// The in-place step of an environment held as `any Environment` (opened here).
    static func stepInPlace<E: Environment>(_ env: inout E, _ action: Int, into row: UnsafeMutableBufferPointer<Float>) throws(EnvError) -> StepOutcome {
        try row.withMemoryRebound(to: E.ObservationScalar.self) { (typed) throws(EnvError) -> StepOutcome in
            try env.step(.discrete(action), into: typed)
        }
    }

    /// Counted only where allocation tracing is active (`LD_PRELOAD=libc_malloc_debug.so.0
    /// MALLOC_TRACE=file`, as `zoo bench` runs its child); a debug build allocates on its
    /// own, so the check is that a restore adds nothing (in a release build both are 0).
    @Test("stepping after a restore allocates no more than stepping without one")
    func restoreAddsNoAllocations() throws {
        let without = try Self.allocations(restore: false)
        let with = try Self.allocations(restore: true)
        if let without, let with { #expect(with == without) }
    }
}
