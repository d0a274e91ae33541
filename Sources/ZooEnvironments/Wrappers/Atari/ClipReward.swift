/// Stable-Baselines3's `ClipRewardEnv`: the reward's sign (−1, 0 or +1).
///
/// Why it exists: one learning rate across Atari games whose scores differ by orders of
/// magnitude. Episode statistics still report the game's own score
/// (`VectorRecordEpisodeStatistics.countsGames`). It needs no Atari environment inside,
/// so it may come after `warp_frame` as in SB3's `AtariWrapper`.
public struct ClipReward<Base: Environment>: EnvironmentWrapper {
    public var base: Base

    public init(_ base: Base) { self.base = base }

    public var snapshotConfiguration: String { "ClipReward ∘ \(base.snapshotConfiguration)" }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        var outcome = try base.step(action, into: observation)
        outcome.reward = outcome.reward > 0 ? 1 : outcome.reward < 0 ? -1 : 0
        return outcome
    }

    public mutating func unshareOwnState() {}
}

extension ClipReward: RenderableEnvironment where Base: RenderableEnvironment {
    public func render() -> RGBFrame { base.render() }
}

extension ClipReward: ArcadeEnvironment where Base: ArcadeEnvironment {
    public var atari: AtariEnvironment {
        get { base.atari }
        set { base.atari = newValue }
    }
}
