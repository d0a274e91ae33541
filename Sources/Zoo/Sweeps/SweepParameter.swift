import DSL
import Foundation
import Yams

/// One dimension of a sweep's search space: the recipe keys it sets (dotted, as `--set`
/// takes them) and where their value comes from — a list a grid search enumerates, or a
/// distribution a random search draws from.
///
///     algorithm.entropy_coef: {uniform: [0.0, 0.02]}
///     algorithm.networks.actor.lr: {log_uniform: [1.0e-4, 3.0e-3], also: [algorithm.networks.critic.lr]}
public struct SweepParameter: Sendable, Equatable {
    /// Where the values come from.
    public enum Kind: Sendable, Equatable {
        /// `grid: [v, …]`: every value, in a grid search.
        case grid([String])
        /// `choice: [v, …]`: one value drawn uniformly.
        case choice([String])
        /// `uniform: [low, high]`: a number drawn uniformly.
        case uniform(Double, Double)
        /// `log_uniform: [low, high]` (0 < low): a number whose logarithm is uniform.
        case logUniform(Double, Double)
        /// `integer: [low, high]`: an integer in low…high, each equally likely.
        case integer(Int, Int)
    }

    /// The space's key, and the further keys (`also`) that take the same value.
    public let key: String
    public let also: [String]
    public let kind: Kind

    /// Every key the parameter sets.
    public var keys: [String] { [key] + also }

    /// The kinds' names, as the sweep file spells them.
    static let kindNames = ["grid", "choice", "uniform", "log_uniform", "integer"]

    /// The `--set` overrides giving each key `value`.
    func overrides(_ value: String) -> [String] { keys.map { "\($0)=\(value)" } }

    /// A value drawn from the parameter's distribution, as YAML text (numbers to 4
    /// significant digits, so reports and `best.yaml` show the value that was trained).
    func draw(_ random: inout SeededRandom) -> String {
        switch kind {
        case .grid(let values), .choice(let values): values[random.nextInt(below: values.count)]
        case .uniform(let low, let high): Self.text(random.uniform(low, high))
        case .logUniform(let low, let high): Self.text(exp(random.uniform(log(low), log(high))))
        case .integer(let low, let high): "\(low + random.nextInt(below: high - low + 1))"
        }
    }

    static func text(_ x: Double) -> String { String(format: "%.4g", x) }

    /// Reads `key: {kind: …, also: […]}` from the sweep file's space.
    static func read(key: String, _ node: RecipeNode) throws(RecipeError) -> SweepParameter {
        let m = try node.mapping()
        let present = kindNames.filter { m.keys.contains($0) }
        guard present.count == 1, let name = present.first, let value = m.optional(name) else {
            let unknown = m.keys.first { !kindNames.contains($0) && $0 != "also" }
            throw node.error(present.count > 1
                ? "give one of \(present.joined(separator: ", ")), not several"
                : "expected one of \(kindNames.joined(separator: ", "))"
                  + (unknown.map { ", found '\($0)'\(Suggestions.hint(for: $0, in: kindNames))" } ?? ""))
        }
        let also = try m.optional("also")?.list().map { node throws(RecipeError) in try node.string() } ?? []
        let kind: Kind
        switch name {
        case "grid", "choice":
            let values = try value.list()
            guard !values.isEmpty else { throw value.error("\(name) needs at least one value") }
            var texts: [String] = []
            for item in values { texts.append(try flowText(item)) }
            kind = name == "grid" ? .grid(texts) : .choice(texts)
        case "integer":
            let (low, high) = try pair(value) { node throws(RecipeError) in try node.int() }
            guard low < high else { throw value.error("expected [low, high] with low < high, got [\(low), \(high)]") }
            guard high - low < Int.max / 2 else { throw value.error("the range \(low)…\(high) is too wide") }
            kind = .integer(low, high)
        default:
            let (low, high) = try pair(value) { node throws(RecipeError) in try node.double() }
            guard low.isFinite, high.isFinite, low < high else {
                throw value.error("expected [low, high] with finite low < high, got [\(low), \(high)]")
            }
            if name == "log_uniform" {
                guard low > 0 else { throw value.error("log_uniform needs 0 < low, got [\(low), \(high)] (the logarithm of \(low) is undefined)") }
                kind = .logUniform(low, high)
            } else {
                kind = .uniform(low, high)
            }
        }
        try m.finish()
        return SweepParameter(key: key, also: also, kind: kind)
    }

    /// `[low, high]`, each read by `read`.
    private static func pair<T>(_ node: RecipeNode, _ read: (RecipeNode) throws(RecipeError) -> T) throws(RecipeError) -> (T, T) {
        let items = try node.list()
        guard items.count == 2 else { throw node.error("expected [low, high], a list of two, found \(items.count) values") }
        return (try read(items[0]), try read(items[1]))
    }

    /// A value of a list as YAML flow text for `--set KEY=TEXT`: a plain scalar as it is,
    /// a quoted one single-quoted, lists and mappings in brackets and braces.
    static func flowText(_ value: RecipeNode) throws(RecipeError) -> String {
        func hasAlias(_ node: Node) -> Bool {
            switch node {
            case .scalar: false
            case .alias: true
            case .sequence(let items): items.contains(where: hasAlias)
            case .mapping(let pairs): pairs.contains { hasAlias($0.key) || hasAlias($0.value) }
            }
        }
        func render(_ node: Node) -> String {
            switch node {
            case .scalar(let s):
                s.style == .plain ? s.string : "'" + s.string.replacingOccurrences(of: "'", with: "''") + "'"
            case .sequence(let items):
                "[" + items.map(render).joined(separator: ", ") + "]"
            case .mapping(let pairs):
                "{" + pairs.map { "\(render($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
            case .alias:
                ""
            }
        }
        guard !hasAlias(value.node) else { throw value.error("aliases are not supported in a sweep's values") }
        return render(value.node)
    }
}
