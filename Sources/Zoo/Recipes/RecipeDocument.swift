import Foundation
import Yams

/// A recipe's YAML parsed into a tree that keeps line and column numbers, with
/// command-line overrides (`--set algorithm.gamma=0.99`) applied before decoding.
public struct RecipeDocument {
    /// The root mapping.
    public let root: RecipeNode
    /// The text the document was parsed from (with overrides applied, as YAML).
    public let text: String

    /// Parses `text`; `file` names it in error messages.
    public init(text: String, file: String? = nil, overrides: [String] = []) throws(RecipeError) {
        let parsed: Node?
        do {
            parsed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, text: text, file: file)
        } catch {
            throw RecipeError(file: file, keyPath: "", line: nil, column: nil, message: "cannot parse YAML: \(OneLine.elided("\(error)", limit: 200))")
        }
        guard var node = parsed, case .mapping = node else {
            throw RecipeError(file: file, keyPath: "", line: 1, column: 1, message: "a recipe must be a YAML mapping")
        }
        // Aliases can make a small text stand for billions of values (a "YAML bomb"); a
        // recipe has a few hundred at most.
        var budget = Self.maxValues
        guard Self.fits(node, budget: &budget) else {
            throw RecipeError(file: file, keyPath: "", line: nil, column: nil,
                              message: "the recipe expands to more than \(Self.maxValues) values (aliases repeating aliases?)")
        }
        var source = RecipeSource(file: file)
        for override in overrides {
            node = try Self.apply(override, to: node, file: file)
            let keys = override.prefix { $0 != "=" }.split(separator: ".").map(String.init)
            source.overrides.append((keys, override))
        }
        self.root = RecipeNode(node: node, path: [], source: source)
        self.text = overrides.isEmpty ? text : ((try? Yams.serialize(node: node)) ?? text)
    }

    /// The most values (scalars, lists, mappings) a recipe may expand to.
    static let maxValues = 100_000

    /// Whether `node`, with aliases expanded, has at most `budget` values; stops counting
    /// as soon as it has not.
    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let items):
            for item in items where !fits(item, budget: &budget) { return false }
            return true
        case .mapping(let pairs):
            for (key, value) in pairs where !fits(key, budget: &budget) || !fits(value, budget: &budget) { return false }
            return true
        }
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String, overrides: [String] = []) throws(RecipeError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw RecipeError(file: path, keyPath: "", line: nil, column: nil,
                              message: exists ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RecipeError(file: path, keyPath: "", line: nil, column: nil, message: "the file is not UTF-8 text")
        }
        try self.init(text: text, file: path, overrides: overrides)
    }

    /// One line for a YAML error: the problem and where, never the document's text (a
    /// parser's "context" quotes it, possibly megabytes of it).
    private static func syntaxError(_ error: YamlError, text: String, file: String?) -> RecipeError {
        func located(_ mark: Mark, _ message: String) -> RecipeError {
            RecipeError(file: file, keyPath: "", line: mark.line, column: mark.column, message: "invalid YAML: \(message)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return located(mark, what)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { OneLine.quoted($0) }.joined(separator: ", ")
            return located(context.mark, "the mapping starting here has the key \(keys) more than once")
        case .reader(let problem, let offset, let value, _):
            let character = value >= 0 ? String(format: " (character 0x%02X)", value) : ""
            guard let offset else {
                return RecipeError(file: file, keyPath: "", line: nil, column: nil, message: "invalid YAML: \(problem)\(character)")
            }
            let before = text.utf8.prefix(offset)
            let line = before.filter { $0 == 0x0A }.count + 1
            let column = before.count - (before.lastIndex(of: 0x0A).map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return RecipeError(file: file, keyPath: "", line: line, column: column, message: "invalid YAML: \(problem)\(character)")
        default:
            return RecipeError(file: file, keyPath: "", line: nil, column: nil, message: "invalid YAML: \(OneLine.elided("\(error)", limit: 200))")
        }
    }

    /// Sets `a.b.c=value` (value parsed as YAML) in `node`, creating mappings on the way.
    static func apply(_ override: String, to node: Node, file: String?) throws(RecipeError) -> Node {
        guard let eq = override.firstIndex(of: "="), eq != override.startIndex else {
            throw RecipeError(file: "--set", keyPath: "", line: nil, column: nil,
                              message: "expected KEY.PATH=VALUE, got \"\(override)\"")
        }
        let keys = override[..<eq].split(separator: ".").map(String.init)
        let valueText = String(override[override.index(after: eq)...])
        let value: Node
        do {
            value = try Yams.compose(yaml: valueText) ?? Node("", Tag(.null))
        } catch {
            throw RecipeError(file: "--set", keyPath: keys.joined(separator: "."), line: nil, column: nil,
                              message: "the value \"\(valueText)\" is not valid YAML")
        }
        return try set(keys[...], value, in: node, path: [])
    }

    private static func set(_ keys: ArraySlice<String>, _ value: Node, in node: Node, path: [String]) throws(RecipeError) -> Node {
        guard let key = keys.first else { return value }
        guard case .mapping(var mapping) = node else {
            throw RecipeError(file: "--set", keyPath: path.joined(separator: "."), line: nil, column: nil,
                              message: "cannot set '\(key)' inside a value that is not a mapping")
        }
        let child = mapping[key] ?? Node([(Node, Node)]())
        mapping[Node(key)] = try set(keys.dropFirst(), value, in: child, path: path + [key])
        return .mapping(mapping)
    }
}
