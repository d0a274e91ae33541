/// One cell of a CSV row, formatted deterministically: the same value always gives the same
/// text on every platform, so two runs with the same seed produce identical files.
///
/// Floats and doubles use Swift's shortest representation that parses back to the same
/// bits (`0.1`, `1e-05`, `3.4028235e+38`), non-finite values are `nan`, `inf`, `-inf` (all
/// readable by Python's `float` and pandas), and a missing value is an empty cell.
public enum CSVValue: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    case int(Int64)
    case float(Float)
    case double(Double)
    case text(String)
    case missing

    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .text(value) }

    /// The cell's text before quoting.
    public var formatted: String {
        switch self {
        case .int(let value): return String(value)
        case .float(let value): return Self.format(value)
        case .double(let value): return Self.format(value)
        case .text(let value): return value
        case .missing: return ""
        }
    }

    private static func format<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }
}
