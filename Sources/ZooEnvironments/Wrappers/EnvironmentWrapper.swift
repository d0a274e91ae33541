import DSL

/// An environment around another one: what every single-environment wrapper shares.
/// Spaces, the random stream and snapshots are forwarded to `base` unless the wrapper
/// says otherwise, so each wrapper holds only what it adds.
public protocol WrappingEnvironment: Environment {
    associatedtype Base: Environment
    /// The wrapped environment.
    var base: Base { get set }
    /// Gives the wrapper's own arrays storage of their own (after a copy), so that a
    /// snapshot and the wrapper it came from never share a buffer; no-op by default.
    mutating func unshareOwnState()
}

extension WrappingEnvironment {
    public var actionSpace: ActionSpace { base.actionSpace }

    public var random: SeededRandom {
        get { base.random }
        set { base.random = newValue }
    }
}

/// A wrapper that keeps its base's observations (a time limit, episode statistics,
/// normalisation, action clipping): the observation space and resets are forwarded too.
public protocol EnvironmentWrapper: WrappingEnvironment where ObservationScalar == Base.ObservationScalar {}

extension EnvironmentWrapper {
    public var observationSpace: Box { base.observationSpace }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> Info? {
        try base.reset(seed: seed, options: options, into: observation)
    }
}
