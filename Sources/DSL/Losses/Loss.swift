/// One named, weighted scalar of a loss: `LossTerm("value", valueLoss, weight: 0.5)`.
public struct LossTerm {
    public let name: String
    public let value: Tensor
    public let weight: Float

    public init(_ name: String, _ value: Tensor, weight: Float = 1) {
        precondition(value.count == 1, "loss term '\(name)' must be a scalar, its shape is \(value.shape)")
        self.name = name
        self.value = value
        self.weight = weight
    }
}

/// Builds the terms of a `Loss`, with `if`, `if … else` and `for`.
@resultBuilder
public enum LossBuilder {
    public static func buildExpression(_ term: LossTerm) -> [LossTerm] { [term] }
    public static func buildBlock(_ parts: [LossTerm]...) -> [LossTerm] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [LossTerm]?) -> [LossTerm] { part ?? [] }
    public static func buildEither(first: [LossTerm]) -> [LossTerm] { first }
    public static func buildEither(second: [LossTerm]) -> [LossTerm] { second }
    public static func buildArray(_ parts: [[LossTerm]]) -> [LossTerm] { parts.flatMap { $0 } }
}

/// A loss made of named, weighted terms: the total to differentiate and every term's
/// value to log, so an algorithm reports its loss parts without extra code.
///
///     let loss = Loss {
///         LossTerm("policy", policyLoss)
///         LossTerm("value", valueLoss, weight: 0.5)
///         LossTerm("entropy", entropy, weight: -0.01)
///     }
///     loss.total.backward()
///     log(loss.values)   // ["policy": …, "value": …, "entropy": …]
public struct Loss {
    public let terms: [LossTerm]
    /// Σ weight · value.
    public let total: Tensor

    public init(@LossBuilder _ build: () -> [LossTerm]) {
        self.init(terms: build())
    }

    public init(terms: [LossTerm]) {
        precondition(!terms.isEmpty, "a loss needs at least one term")
        precondition(Set(terms.map(\.name)).count == terms.count, "loss term names must be unique")
        self.terms = terms
        var total: Tensor?
        for term in terms {
            let weighted = term.weight == 1 ? term.value.reshaped([]) : term.value.reshaped([]) * term.weight
            total = total.map { $0 + weighted } ?? weighted
        }
        self.total = total!
    }

    /// Each term's unweighted value, by name, in term order.
    public var values: [(name: String, value: Float)] {
        terms.map { ($0.name, $0.value.item) }
    }

    /// The unweighted value of the named term.
    public subscript(_ name: String) -> Float? {
        terms.first { $0.name == name }?.value.item
    }
}
