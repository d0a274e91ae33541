/// Stable-Baselines3's `EpisodicLifeEnv`: losing a life ends the training episode
/// (`terminated`), and the next reset only steps a no-op instead of restarting the game,
/// unless the game itself ended.
///
/// Why it exists: value bootstrapping across a lost life hurts learning in many games;
/// the DQN preprocessing treats each life as an episode. Episode statistics still count
/// whole games (`VectorRecordEpisodeStatistics.countsGames`).
public struct EpisodicLife<Base: ArcadeEnvironment>: ArcadeWrapper, EnvironmentWrapper {
    public var base: Base
    var lives = 0
    var wasRealDone = true

    public init(_ base: Base) { self.base = base }

    public var snapshotConfiguration: String { "EpisodicLife ∘ \(base.snapshotConfiguration)" }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        var outcome = try base.step(action, into: observation)
        wasRealDone = outcome.terminated || outcome.truncated
        let now = atari.lives
        if now < lives && now > 0 { outcome.terminated = true }
        lives = now
        return outcome
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> Info? {
        var info: Info?
        if wasRealDone || seed != nil {
            info = try base.reset(seed: seed, options: options, into: observation)
        } else {
            let outcome = try base.step(.discrete(0), into: observation)
            if outcome.terminated || outcome.truncated { info = try base.reset(seed: seed, options: options, into: observation) }
        }
        lives = atari.lives
        return info
    }

    public mutating func unshareOwnState() {}
}

extension EpisodicLife: RenderableEnvironment {
    public func render() -> RGBFrame { atari.render() }
}
