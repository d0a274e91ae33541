import Atari2600

/// An Atari environment, or a wrapper around one, that lets the Atari wrappers reach the
/// game inside: its lives, its action meanings, its screen and Gymnasium's `np_random`.
///
/// Why it exists: Gymnasium's and Stable-Baselines3's Atari wrappers read
/// `env.unwrapped.ale` (lives, screens) and `env.unwrapped.np_random` (no-op starts)
/// through any wrappers in between; in Zoo each Atari wrapper forwards `atari` to its base.
public protocol ArcadeEnvironment: Environment where ObservationScalar == UInt8 {
    /// The Atari environment inside every wrapper.
    var atari: AtariEnvironment { get set }
}

extension AtariEnvironment: ArcadeEnvironment {
    public var atari: AtariEnvironment {
        get { self }
        set { self = newValue }
    }
}

/// An Atari wrapper: forwards `atari` to its base.
public protocol ArcadeWrapper: WrappingEnvironment, ArcadeEnvironment where Base: ArcadeEnvironment {}

extension ArcadeWrapper {
    public var atari: AtariEnvironment {
        get { base.atari }
        set { base.atari = newValue }
    }

    /// Resets the base, then takes the actions `choose` picks (after that reset, so it may
    /// draw from the reseeded generator) in turn, resetting again whenever one ends the
    /// game (SB3's NoopReset and FireReset); returns the last reset's info.
    mutating func resetThenAct(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>,
        choose: (inout Self) -> [Int]
    ) throws(EnvError) -> Info? {
        var info = try base.reset(seed: seed, options: options, into: observation)
        for action in choose(&self) {
            let outcome = try base.step(.discrete(action), into: observation)
            if outcome.terminated || outcome.truncated { info = try base.reset(seed: seed, options: options, into: observation) }
        }
        return info
    }
}

/// An Atari wrapper that steps its base into a row of its own (`row`) and builds its
/// observation from elsewhere (frame buffers, the screen).
protocol ArcadeRowWrapper: ArcadeWrapper {
    /// The base's latest observation.
    var row: [UInt8] { get set }
}

extension ArcadeRowWrapper {
    /// One step of the base into `row`.
    mutating func stepBase(_ action: ActionView) throws(EnvError) -> StepOutcome {
        var raw: [UInt8] = []
        swap(&raw, &row)
        defer { swap(&raw, &row) }
        return try raw.withUnsafeMutableBufferPointer { (buffer) throws(EnvError) -> StepOutcome in
            try base.step(action, into: buffer)
        }
    }

    /// A reset of the base into `row`.
    mutating func resetBase(seed: Int?, options: ResetOptions) throws(EnvError) -> Info? {
        var raw: [UInt8] = []
        swap(&raw, &row)
        defer { swap(&raw, &row) }
        return try raw.withUnsafeMutableBufferPointer { (buffer) throws(EnvError) -> Info? in
            try base.reset(seed: seed, options: options, into: buffer)
        }
    }
}

/// A recipe's `max_episode_steps` puts a `TimeLimit` right around the Atari environment;
/// the Atari wrappers still reach the game through it.
extension TimeLimit: ArcadeEnvironment where Base: ArcadeEnvironment {
    public var atari: AtariEnvironment {
        get { base.atari }
        set { base.atari = newValue }
    }
}
