import ZooSupport

/// Stable-Baselines3's `MaxAndSkipEnv`: each action repeated `skip` times, rewards summed,
/// the observation the pixel-wise maximum of the last two frames (Atari sprites flicker).
///
/// Why it exists: the frame skip of SB3's `AtariWrapper`, over `<Game>NoFrameskip-v4`.
/// As in SB3, a step that ends the episode early keeps the older frame buffers, and the
/// reset's observation is the environment's own.
public struct MaxAndSkip<Base: ArcadeEnvironment>: ArcadeRowWrapper, EnvironmentWrapper {
    public var base: Base
    public let skip: Int
    var row: [UInt8]
    var lastTwo: [UInt8]

    public init(_ base: Base, skip: Int = 4) throws(EnvError) {
        guard skip >= 1 else { throw .invalidArgument("max_and_skip needs skip ≥ 1, got \(skip)") }
        self.base = base
        self.skip = skip
        row = Array(repeating: 0, count: base.observationSpace.count)
        lastTwo = Array(repeating: 0, count: 2 * base.observationSpace.count)
    }

    public var snapshotConfiguration: String { "MaxAndSkip(\(skip)) ∘ \(base.snapshotConfiguration)" }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        var total = StepOutcome(reward: 0, terminated: false)
        let n = row.count
        for i in 0..<skip {
            let outcome = try stepBase(action)
            if i >= skip - 2 {
                let offset = (i - (skip - 2)) * n
                for k in 0..<n { lastTwo[offset + k] = row[k] }
            }
            total.reward += outcome.reward
            total.terminated = outcome.terminated
            total.truncated = outcome.truncated
            total.info = outcome.info
            if outcome.terminated || outcome.truncated { break }
        }
        for k in 0..<n { observation[k] = max(lastTwo[k], lastTwo[n + k]) }
        return total
    }

    public mutating func unshareOwnState() {
        row = row.unsharedCopy()
        lastTwo = lastTwo.unsharedCopy()
    }
}

extension MaxAndSkip: RenderableEnvironment {
    public func render() -> RGBFrame { atari.render() }
}
