import Physics2D

/// How `VectorEnv` steps copies whose steps are each one Physics2D world step
/// (`WorldSteppingEnvironment`, LunarLander): each thread begins the steps of the copies
/// it claims, one by one, in its own `WorldBatch`, and when it can claim no more it steps
/// their worlds together and finishes their steps. The batch gives every copy the bits
/// it would get alone, faster.
///
/// Why per thread and not per chunk: copies are still claimed one at a time, so a thread
/// that runs slower (its core shared with another process) leaves copies to the other,
/// as for any environment; the batch holds whatever its thread claimed.
///
/// Why a type of its own: `VectorEnv` keeps its copies as `any Environment`. The split
/// step belongs to the copies' concrete type, which is found once, here, when every copy
/// has the same type and that type splits its step; a thread then reaches each copy in
/// place as that type. A copy found to have another type later (a rebuilt copy) is
/// stepped alone, as `VectorEnv` steps any copy.
final class WorldBatching {
    /// A thread's batch and the copies whose steps it began in it.
    final class Participant {
        let batch = WorldBatch()
        var copies: [Int] = []
    }

    /// One per thread of the vector environment.
    private let participants: [Participant]
    private let beginSteps: (VectorEnv, Range<Int>, Participant) -> Void
    private let finishSteps: (VectorEnv, Participant) -> Void

    /// Batching for `copies` stepped by `participants` threads, or nil when the copies'
    /// steps cannot be batched.
    init?(_ copies: [any Environment], participants count: Int) {
        guard let first = copies.first as? any WorldSteppingEnvironment else { return nil }
        let type = ObjectIdentifier(Swift.type(of: first))
        guard copies.allSatisfy({ ObjectIdentifier(Swift.type(of: $0)) == type }) else { return nil }
        participants = (0..<count).map { _ in
            let participant = Participant()
            participant.copies.reserveCapacity(copies.count)
            return participant
        }
        (beginSteps, finishSteps) = Self.steppers(for: first)
    }

    private static func steppers<E: WorldSteppingEnvironment>(for _: E) -> (
        (VectorEnv, Range<Int>, Participant) -> Void, (VectorEnv, Participant) -> Void
    ) {
        ({ vector, copies, participant in vector.beginSteps(copies, as: E.self, in: participant) },
         { vector, participant in vector.finishSteps(as: E.self, of: participant) })
    }

    /// Begins the vector step of copies `copies` of `vector` for thread `participant`.
    func begin(_ vector: VectorEnv, _ copies: Range<Int>, participant: Int) {
        beginSteps(vector, copies, participants[participant])
    }

    /// Steps the worlds of the copies thread `participant` began and finishes their steps.
    func finish(_ vector: VectorEnv, participant: Int) {
        finishSteps(vector, participants[participant])
    }
}

extension VectorEnv {
    /// What `stepCopy` does before a copy's step, then the copy's `beginStep`, for each
    /// of `copies` (whose type is `E`).
    func beginSteps<E: WorldSteppingEnvironment>(_ copies: Range<Int>, as type: E.Type, in participant: WorldBatching.Participant) {
        for i in copies where beginCopyStep(i) {
            do throws(EnvError) {
                let begun: Void? = try envs[i].inPlace(as: E.self) { (env) throws(EnvError) in
                    try env.beginStep(actions.view(i), in: participant.batch)
                }
                if begun == nil {
                    try endCopyStep(i, try envs[i].step(actions.view(i), row: i, of: buffers))
                } else {
                    participant.copies.append(i)
                }
            } catch {
                fail(i, error)
            }
        }
    }

    /// The batch's world steps, then each begun copy's `finishStep` and what `stepCopy`
    /// does after a copy's step.
    func finishSteps<E: WorldSteppingEnvironment>(as type: E.Type, of participant: WorldBatching.Participant) {
        participant.batch.finish()
        for i in participant.copies {
            do throws(EnvError) {
                guard let outcome = try envs[i].inPlace(as: E.self, { (env) throws(EnvError) in
                    try env.finishStep(row: i, of: buffers)
                }) else { preconditionFailure("a copy changed type in the middle of a step") }
                try endCopyStep(i, outcome)
            } catch {
                fail(i, error)
            }
        }
        participant.copies.removeAll(keepingCapacity: true)
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
