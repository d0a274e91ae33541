import ZooSupport

/// A wrapper that turns its base's observations into other ones — a different shape or
/// scalar type — and keeps rewards, flags and actions: grey-scale, resize, frame stacks.
///
/// The base writes into `scratch` (the wrapper's own row of the base's size), and
/// `transform` writes the wrapper's observation from it. Stepping allocates nothing.
public protocol ObservationWrapper: WrappingEnvironment {
    /// The base's latest observation (exactly `base.observationSpace.count` values).
    var scratch: [Base.ObservationScalar] { get set }
    /// Writes the wrapper's observation of `raw`; `isReset` on the first of an episode.
    mutating func transform(_ raw: UnsafeBufferPointer<Base.ObservationScalar>, isReset: Bool,
                            into observation: UnsafeMutableBufferPointer<ObservationScalar>)
}

extension ObservationWrapper {
    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<ObservationScalar>
    ) throws(EnvError) -> Info? {
        var raw = takeScratch()
        defer { scratch = raw }
        let info = try raw.withUnsafeMutableBufferPointer { (row) throws(EnvError) -> Info? in
            try base.reset(seed: seed, options: options, into: row)
        }
        raw.withUnsafeBufferPointer { transform($0, isReset: true, into: observation) }
        return info
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        var raw = takeScratch()
        defer { scratch = raw }
        let outcome = try raw.withUnsafeMutableBufferPointer { (row) throws(EnvError) -> StepOutcome in
            try base.step(action, into: row)
        }
        raw.withUnsafeBufferPointer { transform($0, isReset: false, into: observation) }
        return outcome
    }

    /// Moves `scratch` out (so the base can be stepped into it without overlapping
    /// access to `self`); the caller puts it back.
    private mutating func takeScratch() -> [Base.ObservationScalar] {
        var raw: [Base.ObservationScalar] = []
        swap(&raw, &scratch)
        return raw
    }

    public mutating func unshareOwnState() {
        scratch = scratch.unsharedCopy()
        unshareTransformState()
    }

    /// Unshares any further arrays the transform keeps (a frame stack's frames).
    public mutating func unshareTransformState() {}
}
