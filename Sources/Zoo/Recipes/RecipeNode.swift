import Yams

/// One value of a recipe's YAML together with where it is (key path, line, column), read
/// into typed Swift values with errors that say what and where.
///
/// Algorithms decode their hyperparameters with it, so every plugin reports mistakes the
/// same way: `try params.double("gamma", default: 0.99, in: 0...1)`.
public struct RecipeNode {
    let node: Node
    /// Keys from the document root to this node.
    public let path: [String]
    let file: String?

    init(node: Node, path: [String], file: String?) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// The dotted key path.
    public var keyPath: String { path.joined(separator: ".") }

    /// An error located at this node.
    public func error(_ message: String) -> RecipeError {
        RecipeError(file: file, keyPath: keyPath, line: node.mark.map { $0.line }, column: node.mark.map { $0.column },
                    message: message)
    }

    private var shown: String {
        switch node {
        case .scalar(let s): "\"\(s.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func scalar(_ expected: String) throws(RecipeError) -> String {
        guard case .scalar(let s) = node else { throw error("expected \(expected), found \(shown)") }
        return s.string
    }

    /// Whether this is YAML's null (`~`, `null` or empty).
    public var isNull: Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// The value as a string (any scalar).
    public func string() throws(RecipeError) -> String { try scalar("a string") }

    /// The value as an integer (`1_000_000` and `1e6` accepted when exact).
    public func int() throws(RecipeError) -> Int {
        let text = try scalar("an integer").replacingOccurrences(of: "_", with: "")
        if let v = Int(text) { return v }
        if let d = Double(text), d.rounded() == d, Swift.abs(d) < 9e15 { return Int(d) }
        throw error("expected an integer, found \(shown)")
    }

    /// The value as a number.
    public func double() throws(RecipeError) -> Double {
        let text = try scalar("a number").replacingOccurrences(of: "_", with: "")
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        default: break
        }
        guard let v = Double(text), v.isFinite || text.lowercased().contains("inf") else {
            throw error("expected a number, found \(shown)")
        }
        return v
    }

    /// The value as a boolean (`true`/`false`, `yes`/`no`, `on`/`off`).
    public func bool() throws(RecipeError) -> Bool {
        switch try scalar("true or false").lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, found \(shown)")
        }
    }

    /// The value as a list of nodes.
    public func list() throws(RecipeError) -> [RecipeNode] {
        guard case .sequence(let seq) = node else { throw error("expected a list, found \(shown)") }
        return seq.enumerated().map { RecipeNode(node: $0.element, path: path + ["\($0.offset)"], file: file) }
    }

    /// The value as a mapping whose keys are tracked, so unknown keys can be rejected.
    public func mapping() throws(RecipeError) -> RecipeMapping {
        guard case .mapping(let m) = node else { throw error("expected a mapping, found \(shown)") }
        return RecipeMapping(node: self, entries: m.map { (key: $0.key.string ?? "\($0.key)", value: $0.value) })
    }

    /// One of `choices` (error lists them and suggests the closest).
    public func choice(_ choices: [String]) throws(RecipeError) -> String {
        let v = try string()
        guard choices.contains(v) else {
            throw error("\"\(v)\" is not one of \(choices.joined(separator: ", "))\(Suggestions.hint(for: v, in: choices))")
        }
        return v
    }
}
