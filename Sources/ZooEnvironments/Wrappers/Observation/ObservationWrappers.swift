/// One per-copy wrapper of a recipe, applied to each environment copy: the image
/// observation wrappers and the Atari wrappers (which need an Atari environment inside).
public enum ObservationWrapperKind: Sendable, Equatable {
    case grayscale(weights: GreyscaleWeights, keepDim: Bool)
    case resize(height: Int, width: Int)
    case frameStack(depth: Int)
    /// Gymnasium's `AtariPreprocessing`.
    case atariPreprocessing(noopMax: Int, frameSkip: Int, screenSize: Int, terminalOnLifeLoss: Bool, grayscale: Bool)
    /// Stable-Baselines3's Atari wrappers.
    case noopReset(noopMax: Int)
    case maxAndSkip(skip: Int)
    case episodicLife
    case fireReset
    /// SB3's `WarpFrame`: OpenCV's grey, then an area resize to `size × size`.
    case warpFrame(size: Int)
    case clipReward

    /// Whether rewards or episode ends differ from the game's, so that episode
    /// statistics must count whole games (`VectorRecordEpisodeStatistics.countsGames`).
    public var changesGameEpisodes: Bool {
        switch self {
        case .episodicLife, .clipReward: true
        case let .atariPreprocessing(_, _, _, terminalOnLifeLoss, _): terminalOnLifeLoss
        default: false
        }
    }
}

/// The observation wrappers applied to every copy of an environment, in order, before it
/// is vectorised — on each copy's own thread — and to the single environment that
/// evaluates or films an agent, so both see the same observations.
public struct ObservationWrappers: Sendable, Equatable {
    public var kinds: [ObservationWrapperKind]

    public init(_ kinds: [ObservationWrapperKind] = []) { self.kinds = kinds }

    /// No wrappers.
    public static let none = ObservationWrappers()

    /// `env` inside every wrapper, innermost first; a wrapper that does not fit the
    /// observations it receives (grey-scale of a float vector) is a typed error.
    public func apply(to env: any Environment) throws(EnvError) -> any Environment {
        var wrapped = env
        for kind in kinds { wrapped = try Self.wrap(wrapped, in: kind) }
        return wrapped
    }

    private static func wrap<E: Environment>(_ env: E, in kind: ObservationWrapperKind) throws(EnvError) -> any Environment {
        switch kind {
        case let .frameStack(depth): return try FrameStackObservation(env, depth: depth)
        case .grayscale, .resize: return try E.ObservationScalar.imageWrapper(kind, around: env)
        case .clipReward: return ClipReward(env)
        case let .warpFrame(size):
            let grey = try E.ObservationScalar.imageWrapper(.grayscale(weights: .opencv, keepDim: false), around: env)
            return try wrap(grey, in: .resize(height: size, width: size))
        default:
            guard let arcade = env as? any ArcadeEnvironment else {
                throw .invalidArgument("\(kind.name) needs an Atari environment inside it (list it before grayscale, resize, warp_frame and frame_stack), got \(env.snapshotConfiguration)")
            }
            return try wrapArcade(arcade, in: kind)
        }
    }

    private static func wrapArcade<E: ArcadeEnvironment>(_ env: E, in kind: ObservationWrapperKind) throws(EnvError) -> any Environment {
        switch kind {
        case let .atariPreprocessing(noopMax, frameSkip, screenSize, terminalOnLifeLoss, grayscale):
            return try AtariPreprocessing(env, noopMax: noopMax, frameSkip: frameSkip, screenSize: screenSize,
                                          terminalOnLifeLoss: terminalOnLifeLoss, grayscale: grayscale)
        case let .noopReset(noopMax): return try NoopReset(env, noopMax: noopMax)
        case let .maxAndSkip(skip): return try MaxAndSkip(env, skip: skip)
        case .episodicLife: return EpisodicLife(env)
        case .fireReset: return try FireReset(env)
        case .grayscale, .resize, .frameStack, .warpFrame, .clipReward: return try wrap(env, in: kind)
        }
    }
}

extension ObservationScalar {
    public static func imageWrapper<E: Environment>(
        _ kind: ObservationWrapperKind, around env: E
    ) throws(EnvError) -> any Environment where E.ObservationScalar == Self {
        throw .invalidArgument("\(kind.name) needs uint8 image observations, got \(env.observationSpace)")
    }
}

extension UInt8 {
    public static func imageWrapper<E: Environment>(
        _ kind: ObservationWrapperKind, around env: E
    ) throws(EnvError) -> any Environment where E.ObservationScalar == UInt8 {
        switch kind {
        case let .grayscale(weights, keepDim): return try GreyscaleObservation(env, weights: weights, keepDim: keepDim)
        case let .resize(height, width): return try ResizeObservation(env, height: height, width: width)
        case let .frameStack(depth): return try FrameStackObservation(env, depth: depth)
        default: throw .invalidArgument("\(kind.name) is not an image wrapper")
        }
    }
}

extension ObservationWrapperKind {
    /// The recipe name.
    public var name: String {
        switch self {
        case .grayscale: "grayscale"
        case .resize: "resize"
        case .frameStack: "frame_stack"
        case .atariPreprocessing: "atari_preprocessing"
        case .noopReset: "noop_reset"
        case .maxAndSkip: "max_and_skip"
        case .episodicLife: "episodic_life"
        case .fireReset: "fire_reset"
        case .warpFrame: "warp_frame"
        case .clipReward: "clip_reward"
        }
    }
}
