import Foundation
import ZooSupport

/// The table from environment ids to specs behind `make(id, kwargs)`.
///
/// Gymnasium keeps a global mutable registry; under Swift 6 strict concurrency Zoo keeps
/// one too, with every access under a lock, so registering a user's environment from any
/// thread is safe. `shared` starts with the built-in environments; a user's own type
/// registered there works everywhere a built-in does (vector environments, domain
/// randomisation, recipes).
public final class EnvironmentRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var specs: [String: EnvSpec] = [:]

    /// The process-wide registry, pre-filled with Zoo's built-in environments.
    public static let shared: EnvironmentRegistry = {
        let registry = EnvironmentRegistry()
        for spec in BuiltinEnvironments.specs {
            registry.specs[spec.id] = spec
        }
        return registry
    }()

    /// An empty registry (tests, or an application that wants its own table).
    public init() {}

    /// Adds `spec`; an id that is already present is an error.
    public func register(_ spec: EnvSpec) throws(EnvError) {
        lock.lock()
        defer { lock.unlock() }
        guard specs[spec.id] == nil else { throw .duplicateEnvironment(id: spec.id) }
        specs[spec.id] = spec
    }

    /// Registers a concrete environment type under `id`.
    public func register<E: Environment>(
        id: String, maxEpisodeSteps: Int? = nil, rewardThreshold: Double? = nil,
        parameters: [ParameterSpec] = [],
        build: @escaping @Sendable (ResolvedKwargs) throws(EnvError) -> E
    ) throws(EnvError) {
        try register(EnvSpec(
            id: id, maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold,
            parameters: parameters, build: build))
    }

    /// The spec for `id`, or an error suggesting the closest registered id.
    public func spec(_ id: String) throws(EnvError) -> EnvSpec {
        lock.lock()
        defer { lock.unlock() }
        if let spec = specs[id] { return spec }
        throw .unknownEnvironment(id: id, suggestion: EditDistance.closest(to: id, among: specs.keys))
    }

    /// Every registered id, sorted.
    public var ids: [String] {
        lock.lock()
        defer { lock.unlock() }
        return specs.keys.sorted()
    }

    /// Gymnasium's `gym.make(id, **kwargs)`; `maxEpisodeSteps` overrides the spec's
    /// limit (0 removes it).
    public func make(_ id: String, _ kwargs: Kwargs = [:], maxEpisodeSteps: Int? = nil) throws(EnvError) -> any Environment {
        try spec(id).make(kwargs, maxEpisodeSteps: maxEpisodeSteps)
    }
}

/// `EnvironmentRegistry.shared.make(id, kwargs)`: Gymnasium's `gym.make`.
public func make(_ id: String, _ kwargs: Kwargs = [:], maxEpisodeSteps: Int? = nil) throws(EnvError) -> any Environment {
    try EnvironmentRegistry.shared.make(id, kwargs, maxEpisodeSteps: maxEpisodeSteps)
}
