/// Stable-Baselines3's `NoopResetEnv`: after each reset, 1…`noopMax` no-op steps (drawn
/// from the game's `np_random`), resetting again if the game ends meanwhile.
///
/// Why it exists: random no-op starts vary an Atari game's deterministic opening, the
/// first wrapper of SB3's `AtariWrapper` (and of the DQN preprocessing).
public struct NoopReset<Base: ArcadeEnvironment>: ArcadeWrapper, EnvironmentWrapper {
    public var base: Base
    public let noopMax: Int

    public init(_ base: Base, noopMax: Int = 30) throws(EnvError) {
        guard noopMax >= 1 else { throw .invalidArgument("noop_reset needs noop_max ≥ 1, got \(noopMax)") }
        guard base.atari.actions.first == .noop else { throw .invalidArgument("noop_reset needs action 0 to be NOOP") }
        self.base = base
        self.noopMax = noopMax
    }

    public var snapshotConfiguration: String { "NoopReset(\(noopMax)) ∘ \(base.snapshotConfiguration)" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> Info? {
        try resetThenAct(seed: seed, options: options, into: observation) { wrapper in
            Array(repeating: 0, count: wrapper.atari.npRandom.integer(1, wrapper.noopMax + 1))
        }
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        try base.step(action, into: observation)
    }

    public mutating func unshareOwnState() {}
}

extension NoopReset: RenderableEnvironment {
    public func render() -> RGBFrame { atari.render() }
}
