import ZooSupport

/// Everything the registry knows about one environment id: Gymnasium's `EnvSpec`
/// (`max_episode_steps`, `reward_threshold`) plus the declared kwargs and a factory.
///
/// The factory receives validated kwargs and an optional step limit and returns the
/// environment, already wrapped in `TimeLimit` when a limit applies. Built with
/// `EnvSpec(id:…, build:)` from a closure that returns a concrete type, so the wrapper
/// chain stays statically typed (and specialised) behind the one existential.
public struct EnvSpec: Sendable {
    public let id: String
    /// Gymnasium's `max_episode_steps`: the default `TimeLimit`, `nil` for none.
    public let maxEpisodeSteps: Int?
    /// Gymnasium's `reward_threshold`: the average return that counts as solved.
    public let rewardThreshold: Double?
    /// The kwargs `make` accepts for this id.
    public let parameters: [ParameterSpec]
    private let factory: @Sendable (ResolvedKwargs, Int?) throws(EnvError) -> any Environment

    /// A spec whose `build` closure creates the bare environment from validated kwargs.
    public init<E: Environment>(
        id: String, maxEpisodeSteps: Int? = nil, rewardThreshold: Double? = nil,
        parameters: [ParameterSpec] = [],
        build: @escaping @Sendable (ResolvedKwargs) throws(EnvError) -> E
    ) {
        self.id = id
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.parameters = parameters
        factory = { (kwargs, limit) throws(EnvError) -> any Environment in
            let env = try build(kwargs)
            if let limit { return try TimeLimit(env, maxEpisodeSteps: limit) }
            return env
        }
    }

    /// Checks `kwargs` against the declared parameters and fills in defaults.
    public func resolve(_ kwargs: Kwargs) throws(EnvError) -> ResolvedKwargs {
        var values: Kwargs = [:]
        for p in parameters { values[p.name] = p.defaultValue }
        for (name, value) in kwargs.sorted(by: { $0.key < $1.key }) {
            guard let p = parameters.first(where: { $0.name == name }) else {
                if name == "render_mode" {
                    throw .kwargValue(env: id, name: name, message: "\(id) does not render in Zoo (it has no render hook)")
                }
                throw .unknownKwarg(
                    env: id, name: name, suggestion: EditDistance.closest(to: name, among: parameters.map(\.name)))
            }
            guard p.kind.accepts(value.kind) else {
                throw .kwargType(env: id, name: name, expected: p.kind.article, got: "\(value.kind.article) (\(value))")
            }
            if let message = p.check(value) { throw .kwargValue(env: id, name: name, message: message) }
            values[name] = p.kind == .double ? .double(value.doubleValue!) : value
        }
        return ResolvedKwargs(values: values)
    }

    /// Validates `kwargs` and builds the environment, with a `TimeLimit` of
    /// `maxEpisodeSteps` (the spec's own unless overridden; `0` means none).
    public func make(_ kwargs: Kwargs = [:], maxEpisodeSteps override: Int? = nil) throws(EnvError) -> any Environment {
        let resolved = try resolve(kwargs)
        if let override, override < 0 {
            throw .invalidArgument("max_episode_steps must be positive (or 0 for no limit), got \(override)")
        }
        let limit = override.map { $0 == 0 ? nil : $0 } ?? maxEpisodeSteps
        return try factory(resolved, limit)
    }
}
