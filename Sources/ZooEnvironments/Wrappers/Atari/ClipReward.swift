/// Stable-Baselines3's `ClipRewardEnv`: the reward's sign (−1, 0 or +1).
///
/// Why it exists: one learning rate across Atari games whose scores differ by orders of
/// magnitude. Episode statistics still report the game's own score (`AtariGameEpisode`).
public struct ClipReward<Base: ArcadeEnvironment>: ArcadeWrapper, EnvironmentWrapper {
    public var base: Base

    public init(_ base: Base) { self.base = base }

    public var snapshotConfiguration: String { "ClipReward ∘ \(base.snapshotConfiguration)" }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        var outcome = try base.step(action, into: observation)
        outcome.reward = outcome.reward > 0 ? 1 : outcome.reward < 0 ? -1 : 0
        return outcome
    }

    public mutating func unshareOwnState() {}
}

extension ClipReward: RenderableEnvironment {
    public func render() -> RGBFrame { atari.render() }
}
