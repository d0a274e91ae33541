import DSL

/// A Gymnasium-shaped environment that writes its observation in place.
///
/// Why in place: Zoo's vector environments keep every copy's observation in one
/// preallocated row-major buffer (float32, or uint8 for images) that a learner reads
/// without copying. An
/// environment therefore never returns an observation array on the hot path; it writes
/// its row into the buffer it is given and returns only the scalar outcome. The friendly
/// single-environment API (`reset(seed:options:)`, `step(_:)` returning arrays) is built
/// on top of these two requirements in `SingleEnvironmentAPI.swift`.
///
/// Semantics follow Gymnasium 1.x: `reset(seed:)` re-seeds the environment's own
/// generator, `reset(seed: nil)` continues its stream; `step` reports `terminated` (a
/// terminal state of the MDP) and `truncated` (cut short, e.g. by `TimeLimit`) separately.
/// Conforming types are usually structs; stepping must not allocate. Environments are
/// `Sendable` because vector environments step copies on worker threads.
public protocol Environment: Sendable {
    /// What observations are written in: `Float` (the default) or `UInt8` for images. It
    /// must match `observationSpace.dtype`.
    associatedtype ObservationScalar: ZooEnvironments.ObservationScalar = Float
    /// The box every observation lies in; its `count` is the row width.
    var observationSpace: Box { get }
    /// The space actions are drawn from.
    var actionSpace: ActionSpace { get }
    /// The environment's own random stream (initial states, noise). Exposed so a vector
    /// environment can carry it over when it rebuilds a copy with new parameters.
    var random: SeededRandom { get set }

    /// Starts a new episode: re-seeds with `seed` when given, writes the first
    /// observation into `observation` (exactly `observationSpace.count` values) and
    /// returns the reset info (`nil` for none).
    mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<ObservationScalar>
    ) throws(EnvError) -> Info?

    /// Advances one step with `action`, writes the next observation into `observation`
    /// and returns reward, flags and info.
    mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<ObservationScalar>
    ) throws(EnvError) -> StepOutcome

    /// A copy of this environment that shares no mutable state with it: stepping either
    /// never changes the other. What `snapshot()` and `restore(_:)` are built on.
    ///
    /// The default returns `self`, which is right for an environment whose whole state
    /// is values (classic control). An environment that holds reference-typed state (a
    /// physics world, a class-based emulator) must return a deep copy.
    func independentCopy() -> Self

    /// The environment's type and configuration (kwargs) in words, e.g.
    /// `CartPole(sutton_barto_reward: false)`: a snapshot is only restored into an
    /// environment whose configuration reads the same. The default is the type's name.
    var snapshotConfiguration: String { get }
}

/// The scalar part of a step: what a vector environment stores per copy besides the row.
public struct StepOutcome: Sendable, Equatable {
    public var reward: Double
    public var terminated: Bool
    public var truncated: Bool
    /// Extra information, `nil` when the environment has none (the common case, which
    /// keeps the hot path free of dictionary traffic).
    public var info: Info?

    public init(reward: Double, terminated: Bool, truncated: Bool = false, info: Info? = nil) {
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }
}

/// A borrowed view of one action, as a vector environment reads it from its actions
/// buffer without copying.
public enum ActionView {
    case discrete(Int)
    case continuous(UnsafeBufferPointer<Float>)
    case multiDiscrete(UnsafeBufferPointer<Int32>)

    /// The discrete action if it lies in `space`; a typed error otherwise.
    @inlinable
    public func discrete(in space: Discrete) throws(EnvError) -> Int {
        if case let .discrete(a) = self, space.contains(a) { return a }
        throw .actionOutOfSpace(action: describe(), space: space.description)
    }

    /// The continuous action if it has `space.count` finite entries. Bounds are not
    /// enforced here: Gymnasium's continuous classic-control environments clip.
    @inlinable
    public func continuous(in space: Box) throws(EnvError) -> UnsafeBufferPointer<Float> {
        if case let .continuous(a) = self, a.count == space.count {
            var finite = true
            for v in a where !v.isFinite { finite = false }
            if finite { return a }
        }
        throw .actionOutOfSpace(action: describe(), space: space.description)
    }

    /// A printable form for error messages.
    public func describe() -> String {
        switch self {
        case let .discrete(a): return "\(a)"
        case let .continuous(a): return "\(Array(a))"
        case let .multiDiscrete(a): return "\(a.map { Int($0) })"
        }
    }
}

/// An owned action, for the single-environment API and tests.
public enum Action: Sendable, Hashable {
    case discrete(Int)
    case continuous([Float])
    case multiDiscrete([Int])

    /// Calls `body` with a borrowed view of this action.
    public func withView<R, E: Error>(_ body: (ActionView) throws(E) -> R) throws(E) -> R {
        switch self {
        case let .discrete(a):
            return try body(.discrete(a))
        case let .continuous(values):
            var result: Result<R, E>!
            values.withUnsafeBufferPointer { buffer in
                do throws(E) { result = .success(try body(.continuous(buffer))) } catch { result = .failure(error) }
            }
            return try result.get()
        case let .multiDiscrete(values):
            let ints = values.map { Int32(clamping: $0) }
            var result: Result<R, E>!
            ints.withUnsafeBufferPointer { buffer in
                do throws(E) { result = .success(try body(.multiDiscrete(buffer))) } catch { result = .failure(error) }
            }
            return try result.get()
        }
    }
}

/// Extra per-step or per-reset information that has no typed field.
///
/// Gymnasium's info is a free dictionary; Zoo gives every field it knows a type (episode
/// statistics, final observations) and keeps this small typed-value map for whatever an
/// environment adds of its own.
public struct Info: Sendable, Equatable {
    public var values: [String: InfoValue]
    public init(_ values: [String: InfoValue] = [:]) { self.values = values }
    public subscript(key: String) -> InfoValue? {
        get { values[key] }
        set { values[key] = newValue }
    }
}

/// One value in an `Info`.
public enum InfoValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case floats([Float])
}

/// Options for `reset`, validated by each environment (Gymnasium's `options` dict, e.g.
/// `low`/`high` for CartPole's initial-state bounds, `x_init`/`y_init` for Pendulum).
public struct ResetOptions: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var values: [String: ParameterValue]
    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }
    public init(dictionaryLiteral elements: (String, ParameterValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }
    /// No options.
    public static let none = ResetOptions()
}
