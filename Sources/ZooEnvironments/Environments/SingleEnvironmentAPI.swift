/// One step of the friendly single-environment API, as Gymnasium's 5-tuple. The
/// observation is float32 for every environment (an image's bytes as exact floats
/// 0...255), so that code holding `any Environment` reads any of them; the in-place API
/// writes each environment's own scalar type.
public struct Transition: Sendable, Equatable {
    public var observation: [Float]
    public var reward: Double
    public var terminated: Bool
    public var truncated: Bool
    public var info: Info
}

extension Environment {
    /// Gymnasium's `env.reset(seed=..., options=...)`: the first observation and info.
    public mutating func reset(
        seed: Int? = nil, options: ResetOptions = .none
    ) throws(EnvError) -> (observation: [Float], info: Info) {
        var observation = [ObservationScalar](repeating: 0, count: observationSpace.count)
        let info = try observation.withUnsafeMutableBufferPointer { (row) throws(EnvError) -> Info? in
            try reset(seed: seed, options: options, into: row)
        }
        return (observation.widened, info ?? Info())
    }

    /// Gymnasium's `env.step(action)`: observation, reward, terminated, truncated, info.
    public mutating func step(_ action: Action) throws(EnvError) -> Transition {
        var observation = [ObservationScalar](repeating: 0, count: observationSpace.count)
        let outcome = try observation.withUnsafeMutableBufferPointer { (row) throws(EnvError) -> StepOutcome in
            let outcome = try action.withView { (view) throws(EnvError) -> StepOutcome in try step(view, into: row) }
            guard EnvError.isFinite(row, reward: outcome.reward) else { throw .nonFiniteStep(copy: nil) }
            return outcome
        }
        return Transition(
            observation: observation.widened, reward: outcome.reward, terminated: outcome.terminated,
            truncated: outcome.truncated, info: outcome.info ?? Info())
    }

    /// `step(.discrete(action))`.
    public mutating func step(_ action: Int) throws(EnvError) -> Transition {
        try step(.discrete(action))
    }

    /// `step(.continuous(action))`.
    public mutating func step(_ action: [Float]) throws(EnvError) -> Transition {
        try step(.continuous(action))
    }
}
