/// Every way a caller can misuse an environment, a vector environment, a wrapper or the
/// registry.
///
/// Zoo's rule is that user input never crashes the program: a wrong id, kwarg, action or
/// mask produces one of these values, whose `description` is a single readable sentence
/// naming what is wrong. Hot-path functions use typed throws with this type, so a throw
/// costs no allocation and callers can switch over the cases.
public enum EnvError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `make` was given an id that is not registered; `suggestion` is the closest id.
    case unknownEnvironment(id: String, suggestion: String?)
    /// An id is registered twice.
    case duplicateEnvironment(id: String)
    /// A kwarg name the environment does not accept; `suggestion` is the closest name.
    case unknownKwarg(env: String, name: String, suggestion: String?)
    /// A kwarg of the wrong type (e.g. a string where a double is expected).
    case kwargType(env: String, name: String, expected: String, got: String)
    /// A kwarg with a value outside what the environment accepts.
    case kwargValue(env: String, name: String, message: String)
    /// A reset option that is unknown, mistyped or out of range.
    case resetOption(env: String, message: String)
    /// A discrete action outside `Discrete(n, start)` or a continuous action of the wrong
    /// length or with a non-finite entry.
    case actionOutOfSpace(action: String, space: String)
    /// `step` before the first `reset`.
    case resetNeeded(env: String)
    /// A vector reset mask whose length differs from the number of copies.
    case resetMaskLength(expected: Int, got: Int)
    /// A vector reset mask with no `true` entry.
    case resetMaskEmpty
    /// A step mask whose length differs from the number of copies.
    case stepMaskLength(expected: Int, got: Int)
    /// With autoreset disabled, a copy that finished was stepped without being reset.
    case steppedFinishedCopy(index: Int)
    /// An actions buffer of the wrong size was handed to a vector environment.
    case actionsBufferSize(expected: Int, got: Int)
    /// A seed list whose length differs from the number of copies.
    case seedCount(expected: Int, got: Int)
    /// Any other invalid argument (wrapper parameter, vector configuration).
    case invalidArgument(String)
    /// A step produced a NaN or infinite observation or reward: the simulation diverged,
    /// usually from extreme kwargs. `copy` is the vector copy, nil for a single environment.
    case nonFiniteStep(copy: Int?)
    /// An Atari game's ROM is in none of the folders searched (Zoo ships no ROMs).
    case romNotFound(game: String, file: String, md5: String, searched: [String])
    /// `restore(_:)` was given a snapshot of another environment type or configuration.
    case snapshotMismatch(snapshot: String, environment: String)

    /// Whether an observation row and reward are finite (what `nonFiniteStep` guards).
    @inline(__always)
    static func isFinite<S: ObservationScalar>(_ row: UnsafeMutableBufferPointer<S>, reward: Double) -> Bool {
        reward.isFinite && S.allFinite(row)
    }

    public var description: String {
        switch self {
        case let .unknownEnvironment(id, suggestion):
            return "unknown environment id '\(id)'" + Self.didYouMean(suggestion)
        case let .duplicateEnvironment(id):
            return "environment id '\(id)' is already registered"
        case let .unknownKwarg(env, name, suggestion):
            return "\(env) has no kwarg '\(name)'" + Self.didYouMean(suggestion)
        case let .kwargType(env, name, expected, got):
            return "\(env) kwarg '\(name)' must be \(expected), got \(got)"
        case let .kwargValue(env, name, message):
            return "\(env) kwarg '\(name)': \(message)"
        case let .resetOption(env, message):
            return "\(env) reset option: \(message)"
        case let .actionOutOfSpace(action, space):
            return "action \(action) is not in the action space \(space)"
        case let .resetNeeded(env):
            return "\(env): call reset() before step()"
        case let .resetMaskLength(expected, got):
            return "reset mask has \(got) entries but the vector environment has \(expected) copies"
        case .resetMaskEmpty:
            return "reset mask must contain at least one true entry"
        case let .stepMaskLength(expected, got):
            return "step mask has \(got) entries but the vector environment has \(expected) copies"
        case let .steppedFinishedCopy(index):
            return "copy \(index) has finished its episode and autoreset is disabled: reset it (with a reset mask) before stepping it again"
        case let .actionsBufferSize(expected, got):
            return "actions buffer has \(got) values but \(expected) are needed"
        case let .seedCount(expected, got):
            return "\(got) seeds given for \(expected) copies"
        case let .invalidArgument(message):
            return message
        case let .romNotFound(game, file, md5, searched):
            let folders = searched.isEmpty ? "no ROM folder was found" : "searched: \(searched.joined(separator: ", "))"
            return "no ROM for \(game) (\(file), MD5 \(md5)); \(folders). Run `pip install ale-py` (its ROMs are found automatically), or point the env kwarg 'roms' or ZOO_ATARI_ROMS at a folder of ROMs"
        case let .snapshotMismatch(snapshot, environment):
            return "cannot restore a snapshot of \(snapshot) into \(environment): a snapshot only restores into an environment of the same type and configuration"
        case let .nonFiniteStep(copy):
            return "\(copy.map { "environment copy \($0)" } ?? "the environment") produced a non-finite observation or reward (NaN or infinity): its simulation diverged; check its kwargs (e.g. extreme wind_power or gravity)"
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
