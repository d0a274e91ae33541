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
    let source: RecipeSource

    init(node: Node, path: [String], source: RecipeSource) {
        self.node = node
        self.path = path
        self.source = source
    }

    /// The recipe file, when the recipe came from one.
    var file: String? { source.file }

    /// The dotted key path.
    public var keyPath: String { path.joined(separator: ".") }

    /// An error located at this node: its line and column in the file, or the `--set`
    /// flag that gave it its value.
    public func error(_ message: String) -> RecipeError {
        if let flag = source.override(covering: path) ?? (node.mark == nil ? source.override(creating: path) : nil) {
            return RecipeError(file: "--set \(OneLine.elided(flag, limit: 80))", keyPath: keyPath, line: nil, column: nil,
                               message: message)
        }
        return RecipeError(file: file, keyPath: keyPath, line: node.mark.map { $0.line }, column: node.mark.map { $0.column },
                           message: message)
    }

    private var shown: String {
        switch node {
        case .scalar(let s): OneLine.quoted(s.string)
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
        return seq.enumerated().map { RecipeNode(node: $0.element, path: path + ["\($0.offset)"], source: source) }
    }

    /// The value as a mapping whose keys are tracked, so unknown keys can be rejected.
    public func mapping() throws(RecipeError) -> RecipeMapping {
        guard case .mapping(let m) = node else { throw error("expected a mapping, found \(shown)") }
        var entries: [(key: String, value: Node)] = []
        for (key, value) in m {
            guard case .scalar(let name) = key else {
                let at = RecipeNode(node: key, path: path, source: source)
                throw at.error("keys must be plain names, found \(at.shown) as a key")
            }
            entries.append((name.string, value))
        }
        return RecipeMapping(node: self, entries: entries)
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

/// Where a recipe's values came from: the file, and the `--set KEY=VALUE` flags that
/// replaced some of them (an error in such a value names the flag, not a line).
struct RecipeSource {
    let file: String?
    /// Each override's key path and the flag's text, in command-line order.
    var overrides: [(keys: [String], text: String)] = []

    /// The last flag that set `path` or a mapping above it.
    func override(covering path: [String]) -> String? {
        overrides.last { path.starts(with: $0.keys) }?.text
    }

    /// The last flag that set a key below `path` (and so may have created the mapping
    /// at `path`, which then has no place in the file).
    func override(creating path: [String]) -> String? {
        overrides.last { $0.keys.starts(with: path) }?.text
    }
}
