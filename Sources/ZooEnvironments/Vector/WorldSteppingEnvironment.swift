import Physics2D

/// An environment whose step is work of its own around one step of a Physics2D world,
/// split in two so that a vector environment can step several copies' worlds together.
///
/// Why it exists: a LunarLander step is mostly its world step, and `WorldBatch` steps
/// several worlds faster than one after another (their velocity iterations share SIMD
/// lanes) with the same bits. `VectorEnv` steps a chunk of such copies as `beginStep` for
/// each, `WorldBatch.finish()`, then `finishStep` for each, which must give each copy
/// exactly what its `step` would.
protocol WorldSteppingEnvironment: Environment {
    /// Does what `step(_:into:)` does before its world step, and begins that world step
    /// in `batch`. When it throws, nothing was begun.
    mutating func beginStep(_ action: ActionView, in batch: WorldBatch) throws(EnvError)

    /// Does what `step(_:into:)` does after its world step; call it once `batch.finish()`
    /// has returned.
    mutating func finishStep(into observation: UnsafeMutableBufferPointer<ObservationScalar>) throws(EnvError) -> StepOutcome
}
