import DSL

/// The action distribution a policy network's output defines, chosen by the action
/// space: Categorical over logits for `Discrete`, a diagonal Gaussian with a learned,
/// state-independent log-std (initially 0) for `Box`. Plugins use one API for both.
public enum PolicyDistribution {
    case categorical(Categorical)
    case gaussian(DiagonalGaussian)

    /// log π(a|o), [batch].
    public func logProbability(of actions: Tensor) -> Tensor {
        switch self {
        case .categorical(let d): d.logProbability(of: actions)
        case .gaussian(let d): d.logProbability(of: actions)
        }
    }

    /// Entropy, [batch].
    public func entropy() -> Tensor {
        switch self {
        case .categorical(let d): d.entropy()
        case .gaussian(let d): d.entropy()
        }
    }

    /// Sampled or most likely actions.
    public func actions(_ mode: ActingMode, random: inout SeededRandom) -> Tensor {
        switch (self, mode) {
        case (.categorical(let d), .sample): d.sample(using: &random)
        case (.categorical(let d), .deterministic): d.mode()
        case (.gaussian(let d), .sample): d.sample(using: &random)
        case (.gaussian(let d), .deterministic): d.mode()
        }
    }
}

/// A policy network with the head its action space needs: the module to optimise and
/// the map from observations to a `PolicyDistribution`.
public final class PolicyNetwork: Module {
    public let body: Sequential
    /// The Gaussian's log-std for continuous actions; nil for discrete ones.
    public let logStd: Parameter?

    /// A policy for `space` from the network settings (output gain 0.01 for orthogonal
    /// initialisation, as CleanRL and Stable-Baselines3 do).
    public init(settings: NetworkSettings, observationWidth: Int, space: ActionSpace, random: inout SeededRandom) throws(RecipeError) {
        switch space {
        case .discrete(let d):
            body = settings.makeMLP(inputs: observationWidth, outputs: d.n, outputGain: 0.01, random: &random)
            logStd = nil
        case .box(let b):
            body = settings.makeMLP(inputs: observationWidth, outputs: b.count, outputGain: 0.01, random: &random)
            logStd = Parameter(Tensor.zeros([b.count]))
        case .multiDiscrete:
            throw RecipeError(file: nil, keyPath: "env", line: nil, column: nil,
                              message: "MultiDiscrete action spaces are not supported by the built-in policies")
        }
    }

    /// The action distribution for observations [batch, width].
    public func callAsFunction(_ observations: Tensor) -> PolicyDistribution {
        let out = body(observations)
        if let logStd { return .gaussian(DiagonalGaussian(mean: out, logStd: logStd.tensor)) }
        return .categorical(Categorical(logits: out))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        prefixed("body", body) + (logStd.map { [("log_std", $0)] } ?? [])
    }
}
