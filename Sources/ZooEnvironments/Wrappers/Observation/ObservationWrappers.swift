/// One observation wrapper of a recipe, applied to each environment copy.
public enum ObservationWrapperKind: Sendable, Equatable {
    case grayscale(weights: GreyscaleWeights, keepDim: Bool)
    case resize(height: Int, width: Int)
    case frameStack(depth: Int)
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
        if case let .frameStack(depth) = kind { return try FrameStackObservation(env, depth: depth) }
        return try E.ObservationScalar.imageWrapper(kind, around: env)
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
        }
    }
}
