/// Stable-Baselines3's `FireResetEnv`: after a reset, press FIRE (action 1) then action 2,
/// resetting again if either ends the game.
///
/// Why it exists: games such as Breakout wait for FIRE before play starts; an agent that
/// has not learned to press it would see no reward at all.
public struct FireReset<Base: ArcadeEnvironment>: ArcadeWrapper, EnvironmentWrapper {
    public var base: Base

    public init(_ base: Base) throws(EnvError) {
        let actions = base.atari.actions
        guard actions.count >= 3, actions[1] == .fire else {
            throw .invalidArgument("fire_reset needs action 1 to be FIRE and at least 3 actions (\(base.atari.game.name) has \(actions))")
        }
        self.base = base
    }

    public var snapshotConfiguration: String { "FireReset ∘ \(base.snapshotConfiguration)" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> Info? {
        try resetThenAct(seed: seed, options: options, into: observation) { _ in [1, 2] }
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        try base.step(action, into: observation)
    }

    public mutating func unshareOwnState() {}
}

extension FireReset: RenderableEnvironment {
    public func render() -> RGBFrame { atari.render() }
}
