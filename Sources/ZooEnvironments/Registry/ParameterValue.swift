/// One environment keyword argument: the small closed set of value types Gymnasium's
/// classic and Box2D environments take, so `make(id, kwargs)` is typed and validated
/// instead of passing `Any`.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible,
    ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral
{
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    /// The kind of this value.
    public var kind: ParameterKind {
        switch self {
        case .bool: return .bool
        case .int: return .int
        case .double: return .double
        case .string: return .string
        }
    }

    /// The value as a `Double` when it is numeric (an `int` converts, as in Python).
    public var doubleValue: Double? {
        switch self {
        case let .double(v): return v
        case let .int(v): return Double(v)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case let .bool(v): return "\(v)"
        case let .int(v): return "\(v)"
        case let .double(v): return "\(v)"
        case let .string(v): return "\"\(v)\""
        }
    }
}

/// The type a kwarg must have.
public enum ParameterKind: String, Sendable, Hashable {
    case bool, int, double, string

    /// Whether a value of kind `value` is accepted for a kwarg of this kind (an `int` is
    /// accepted where a `double` is expected, as Python does).
    public func accepts(_ value: ParameterKind) -> Bool {
        value == self || (self == .double && value == .int)
    }

    var article: String { self == .int ? "an int" : "a \(rawValue)" }
}

/// Keyword arguments for `make`, Gymnasium's `**kwargs`.
public typealias Kwargs = [String: ParameterValue]
