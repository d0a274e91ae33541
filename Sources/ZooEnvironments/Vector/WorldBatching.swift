import Physics2D

/// How `VectorEnv` steps a chunk of copies whose steps are each one Physics2D world step
/// (`WorldSteppingEnvironment`, LunarLander): the copies' own work one by one, their
/// worlds together in one `WorldBatch`, which gives every copy the bits it would get
/// alone, faster.
///
/// Why a type of its own: `VectorEnv` keeps its copies as `any Environment`. The split
/// step belongs to the copies' concrete type, which is found once, here, when every copy
/// has the same type and that type splits its step; a chunk then reaches each copy in
/// place as that type. A copy found to have another type later (a rebuilt copy) is
/// stepped alone, as `VectorEnv` steps any copy.
struct WorldBatching {
    /// One batch per chunk of copies: chunks run on different threads.
    let batches: [WorldBatch]
    private let stepChunk: (VectorEnv, Range<Int>, WorldBatch) -> Void

    /// How many chunks the copies are split into: one in the calling thread; on threads,
    /// as many as fill `WorldBatch.laneCount` lanes each, and at least one per thread.
    var chunkCount: Int { batches.count }

    /// Batching for `copies` stepped by `participants` threads, or nil when the copies'
    /// steps cannot be batched.
    init?(_ copies: [any Environment], participants: Int) {
        guard let first = copies.first as? any WorldSteppingEnvironment else { return nil }
        let type = ObjectIdentifier(Swift.type(of: first))
        guard copies.allSatisfy({ ObjectIdentifier(Swift.type(of: $0)) == type }) else { return nil }
        let lanes = WorldBatch.laneCount
        let chunks = participants > 1 ? max(participants, min((copies.count + lanes - 1) / lanes, 1 << 15)) : 1
        batches = (0..<chunks).map { _ in WorldBatch() }
        stepChunk = Self.stepper(for: first)
    }

    private static func stepper<E: WorldSteppingEnvironment>(for _: E) -> (VectorEnv, Range<Int>, WorldBatch) -> Void {
        { vector, copies, batch in vector.stepChunk(copies, as: E.self, in: batch) }
    }

    /// Steps copies `copies` of `vector` (chunk `chunk`).
    func step(_ vector: VectorEnv, _ copies: Range<Int>, chunk: Int) {
        stepChunk(vector, copies, batches[chunk])
    }
}

extension VectorEnv {
    /// A vector step of `copies`, whose type is `E`: each copy's `beginStep`, the batch's
    /// world steps, each copy's `finishStep`, with what `stepCopy` does around a step.
    func stepChunk<E: WorldSteppingEnvironment>(_ copies: Range<Int>, as type: E.Type, in batch: WorldBatch) {
        for i in copies where beginCopyStep(i) {
            do throws(EnvError) {
                let begun: Void? = try envs[i].inPlace(as: E.self) { (env) throws(EnvError) in
                    try env.beginStep(actions.view(i), in: batch)
                }
                if begun == nil {
                    try endCopyStep(i, try envs[i].step(actions.view(i), row: i, of: buffers))
                } else {
                    inBatch[i] = true
                }
            } catch {
                fail(i, error)
            }
        }
        batch.finish()
        for i in copies where inBatch[i] {
            inBatch[i] = false
            do throws(EnvError) {
                guard let outcome = try envs[i].inPlace(as: E.self, { (env) throws(EnvError) in
                    try env.finishStep(row: i, of: buffers)
                }) else { preconditionFailure("a copy changed type in the middle of a step") }
                try endCopyStep(i, outcome)
            } catch {
                fail(i, error)
            }
        }
    }
}

extension Environment {
    /// `body` applied to this environment as type `E`, in place; nil when it is not an `E`.
    ///
    /// In place, because a copy taken out of a vector environment's storage would share
    /// its physics world with the stored one, and its next step would copy that world.
    @inline(__always)
    mutating func inPlace<E: Environment, R>(
        as type: E.Type, _ body: (inout E) throws(EnvError) -> R
    ) throws(EnvError) -> R? {
        guard Self.self == E.self else { return nil }
        return try withUnsafeMutablePointer(to: &self) { (pointer) throws(EnvError) in
            try pointer.withMemoryRebound(to: E.self, capacity: 1) { (typed) throws(EnvError) in try body(&typed.pointee) }
        }
    }
}
