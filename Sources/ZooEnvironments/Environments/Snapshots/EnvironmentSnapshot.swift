/// The complete state of an environment at one moment, to go back to or to branch from.
///
/// Why it exists: GRPO starts a group's generations from one shared mid-episode state,
/// and search or debugging wants to step the same state several ways. A snapshot holds
/// an independent copy of the whole environment — its physics, random stream, step
/// counters, wrapper statistics — so that stepping after `restore(_:)` gives bit for bit
/// the observations, rewards and flags the original continuation gave. It is opaque,
/// immutable and `Sendable`: one snapshot can be restored any number of times, into the
/// environment it came from or into any other built with the same type and kwargs.
public struct EnvironmentSnapshot: Sendable {
    /// The saved environment, never stepped: `restore` copies it again.
    let environment: any Environment
    /// The saved environment's `snapshotConfiguration`.
    public let configuration: String
}

extension Environment {
    /// The default for value-typed environments: the value itself.
    public func independentCopy() -> Self { self }

    /// The default configuration: the type's name.
    public var snapshotConfiguration: String { String(describing: Self.self) }

    /// The environment's full state (see `EnvironmentSnapshot`). Allocates; stepping
    /// afterwards does not.
    public func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(environment: independentCopy(), configuration: snapshotConfiguration)
    }

    /// Puts the environment back into the state `snapshot` holds; the next step continues
    /// exactly as the snapshotted environment's next step did. Throws
    /// `EnvError.snapshotMismatch` (and changes nothing) for a snapshot of another
    /// environment type or configuration.
    public mutating func restore(_ snapshot: EnvironmentSnapshot) throws(EnvError) {
        let configuration = snapshotConfiguration
        guard let saved = snapshot.environment as? Self, snapshot.configuration == configuration else {
            throw .snapshotMismatch(snapshot: snapshot.configuration, environment: configuration)
        }
        self = saved.independentCopy()
    }
}
