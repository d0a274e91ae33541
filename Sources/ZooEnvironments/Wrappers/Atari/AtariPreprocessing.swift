import ZooSupport

/// Gymnasium's `AtariPreprocessing`: no-op starts, frame skip with the maximum of the last
/// two frames, optional end of episode on a lost life, grey (or RGB) screens resized with
/// OpenCV's area interpolation; observations stay uint8 (`scale_obs` off).
///
/// Why it exists: the DQN-style preprocessing most Atari results use, in Gymnasium's
/// exact semantics (including its quirks: the no-op count is drawn from the environment's
/// `np_random` after the reset, a step that ends the episode early keeps the previous
/// frame buffers, the reset's second buffer is zeroed), so Zoo's episodes equal
/// Gymnasium's for the same seed and actions. Wraps an Atari environment with frame skip 1.
public struct AtariPreprocessing<Base: ArcadeEnvironment>: ArcadeRowWrapper {
    public typealias ObservationScalar = UInt8
    public var base: Base
    public let noopMax: Int
    public let frameSkip: Int
    public let terminalOnLifeLoss: Bool
    public let grayscale: Bool
    public let observationSpace: Box
    let resize: AreaResize
    var row: [UInt8]
    /// The last two screens (Gymnasium's `obs_buffer`).
    var newest: [UInt8], previous: [UInt8]
    var lives = 0

    public init(_ base: Base, noopMax: Int = 30, frameSkip: Int = 4, screenSize: Int = 84,
                terminalOnLifeLoss: Bool = false, grayscale: Bool = true) throws(EnvError) {
        guard frameSkip >= 1, noopMax >= 0, screenSize >= 1 else {
            throw .invalidArgument("atari_preprocessing needs frame_skip ≥ 1, noop_max ≥ 0 and screen_size ≥ 1")
        }
        guard frameSkip == 1 || base.atari.settings.frameskip == 1 else {
            throw .invalidArgument("atari_preprocessing skips frames itself: use an environment with frameskip 1 (<Game>NoFrameskip-v4 or frameskip: 1)")
        }
        guard noopMax == 0 || base.atari.actions.first == .noop else {
            throw .invalidArgument("atari_preprocessing's no-op starts need action 0 to be NOOP")
        }
        self.base = base
        self.noopMax = noopMax
        self.frameSkip = frameSkip
        self.terminalOnLifeLoss = terminalOnLifeLoss
        self.grayscale = grayscale
        let channels = grayscale ? 1 : 3
        resize = try AreaResize(sourceHeight: 210, sourceWidth: 160, channels: channels,
                                targetHeight: screenSize, targetWidth: screenSize)
        observationSpace = try Box.pixels(grayscale ? [screenSize, screenSize] : [screenSize, screenSize, 3])
        row = Array(repeating: 0, count: base.observationSpace.count)
        newest = Array(repeating: 0, count: 210 * 160 * channels)
        previous = newest
    }

    public var snapshotConfiguration: String {
        "AtariPreprocessing(noop_max: \(noopMax), frame_skip: \(frameSkip), screen_size: \(resize.targetHeight), "
            + "terminal_on_life_loss: \(terminalOnLifeLoss), grayscale_obs: \(grayscale)) ∘ \(base.snapshotConfiguration)"
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> Info? {
        var info = try resetBase(seed: seed, options: options)
        let noops = noopMax > 0 ? atari.npRandom.integer(1, noopMax + 1) : 0
        for _ in 0..<noops {
            let outcome = try stepBase(.discrete(0))
            if outcome.terminated || outcome.truncated { info = try resetBase(seed: seed, options: options) }
        }
        lives = atari.lives
        capture(into: &newest)
        previous.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        emit(into: observation)
        return info
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        var total = StepOutcome(reward: 0, terminated: false)
        for t in 0..<frameSkip {
            let outcome = try stepBase(action)
            total.reward += outcome.reward
            total.terminated = outcome.terminated
            total.truncated = outcome.truncated
            total.info = outcome.info
            if terminalOnLifeLoss {
                let now = atari.lives
                total.terminated = total.terminated || now < lives
                lives = now
            }
            if total.terminated || total.truncated { break }
            if t == frameSkip - 2 { capture(into: &previous) } else if t == frameSkip - 1 { capture(into: &newest) }
        }
        emit(into: observation)
        return total
    }

    /// The current screen, grey or RGB.
    private func capture(into buffer: inout [UInt8]) {
        let atari = self.atari
        buffer.withUnsafeMutableBufferPointer { grayscale ? atari.greyScreen(into: $0) : atari.rgbScreen(into: $0) }
    }

    /// The maximum of the two buffers (kept in `newest`, as Gymnasium pools in place), resized.
    private mutating func emit(into observation: UnsafeMutableBufferPointer<UInt8>) {
        if frameSkip > 1 {
            for k in newest.indices where previous[k] > newest[k] { newest[k] = previous[k] }
        }
        newest.withUnsafeBufferPointer { resize.apply($0, into: observation) }
    }

    public mutating func unshareOwnState() {
        row = row.unsharedCopy()
        newest = newest.unsharedCopy()
        previous = previous.unsharedCopy()
    }
}

extension AtariPreprocessing: RenderableEnvironment {
    public func render() -> RGBFrame { atari.render() }
}
