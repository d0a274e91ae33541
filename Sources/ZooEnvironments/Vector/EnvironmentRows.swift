/// A copy's reset and step written straight into its row of a vector environment's
/// buffers, in the copy's own observation type.
///
/// Why here: `VectorEnv` holds its copies as `any Environment`; these extension methods
/// run with the concrete type, so each copy reaches the float or byte rows of
/// `VectorBuffers` without a cast or a per-step check of the type.
extension Environment {
    /// Throws unless the environment's observation type is its space's dtype.
    func checkObservationType() throws(EnvError) {
        guard ObservationScalar.scalarType == observationSpace.dtype else {
            throw .invalidArgument("\(Self.self) writes \(ObservationScalar.scalarType) observations into a \(observationSpace.dtype) space")
        }
    }

    @inline(__always)
    mutating func reset(seed: Int?, options: ResetOptions, row i: Int, of buffers: VectorBuffers) throws(EnvError) -> Info? {
        try reset(seed: seed, options: options, into: ObservationScalar.row(i, final: false, of: buffers))
    }

    /// Steps into row `i`; a non-finite observation or reward is an error.
    @inline(__always)
    mutating func step(_ action: ActionView, row i: Int, of buffers: VectorBuffers) throws(EnvError) -> StepOutcome {
        let row = ObservationScalar.row(i, final: false, of: buffers)
        return try finite(try step(action, into: row), row, copy: i)
    }
}

extension WorldSteppingEnvironment {
    /// Finishes a step begun in a `WorldBatch` into row `i`; a non-finite observation or
    /// reward is an error, as for `step(_:row:of:)`.
    @inline(__always)
    mutating func finishStep(row i: Int, of buffers: VectorBuffers) throws(EnvError) -> StepOutcome {
        let row = ObservationScalar.row(i, final: false, of: buffers)
        return try finite(try finishStep(into: row), row, copy: i)
    }
}

/// `outcome`, or `nonFiniteStep` for copy `i` when it or `row` holds a non-finite value.
@inline(__always)
private func finite<S: ObservationScalar>(
    _ outcome: StepOutcome, _ row: UnsafeMutableBufferPointer<S>, copy i: Int
) throws(EnvError) -> StepOutcome {
    guard EnvError.isFinite(row, reward: outcome.reward) else { throw .nonFiniteStep(copy: i) }
    return outcome
}
