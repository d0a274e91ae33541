/// A named-axis pattern that cannot be used: bad syntax, an axis whose size cannot be
/// determined, sizes that contradict the operands' shapes, and so on.
///
/// Patterns are written by people; a mistake must produce a message that quotes the
/// pattern and points at the offending axis, never a crash.
public struct AxisPatternError: Error, Equatable, CustomStringConvertible {
    /// What kind of mistake it is.
    public enum Kind: String, Sendable, Equatable {
        /// The pattern does not parse (unexpected character, unclosed bracket, …).
        case syntax
        /// The operation does not support this construct.
        case unsupported
        /// The number of operands does not match the pattern.
        case operandCount
        /// An operand's rank differs from its expression's.
        case rankMismatch
        /// Sizes from shapes and from the caller contradict each other.
        case inconsistentSizes
        /// Some axis sizes cannot be determined.
        case unconstrainedAxes
        /// An input axis is missing from a rearrange's output.
        case missingOutputAxis
        /// An output axis appears in no input.
        case unknownOutputAxis
        /// The implied output is ambiguous; write `->` and the output.
        case ambiguousOutput
        /// An axis is used inconsistently (bracketed in one place, not in another; twice
        /// in one operand; a size given for an axis the pattern does not name).
        case invalidAxis
    }

    public let kind: Kind
    /// The pattern as written.
    public let pattern: String
    /// What is wrong.
    public let message: String
    /// Character offsets in `pattern` of the offending part, when there is one.
    public let location: Range<Int>?

    init(_ kind: Kind, _ pattern: String, _ message: String, at location: Range<Int>? = nil) {
        self.kind = kind
        self.pattern = pattern
        self.message = message
        self.location = location
    }

    public var description: String {
        var text = "\(message)\n    \(pattern)"
        if let location {
            let pad = String(repeating: " ", count: location.lowerBound)
            let marks = String(repeating: "^", count: max(location.count, 1))
            text += "\n    \(pad)\(marks)"
        }
        return text
    }
}
