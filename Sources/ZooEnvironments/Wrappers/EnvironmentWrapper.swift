import DSL

/// An environment around another one. Everything a wrapper does not change is forwarded
/// to `base` — spaces, the random stream, resets — so each wrapper holds only what it
/// adds (a time limit, episode statistics, normalisation, action clipping).
public protocol EnvironmentWrapper: Environment where ObservationScalar == Base.ObservationScalar {
    associatedtype Base: Environment
    /// The wrapped environment.
    var base: Base { get set }
    /// Gives the wrapper's own arrays storage of their own (after a copy), so that a
    /// snapshot and the wrapper it came from never share a buffer; no-op by default.
    mutating func unshareOwnState()
}

extension EnvironmentWrapper {
    public var observationSpace: Box { base.observationSpace }
    public var actionSpace: ActionSpace { base.actionSpace }

    public var random: SeededRandom {
        get { base.random }
        set { base.random = newValue }
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> Info? {
        try base.reset(seed: seed, options: options, into: observation)
    }
}
