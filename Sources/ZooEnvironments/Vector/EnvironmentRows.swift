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
        let outcome = try step(action, into: row)
        guard EnvError.isFinite(row, reward: outcome.reward) else { throw .nonFiniteStep(copy: i) }
        return outcome
    }
}
