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
            throw Self.syntaxError(error, file: file)
        } catch {
            throw RecipeError(file: file, keyPath: "", line: nil, column: nil, message: "cannot parse YAML: \(error)")
        }
        guard var node = parsed, case .mapping = node else {
            throw RecipeError(file: file, keyPath: "", line: 1, column: 1, message: "a recipe must be a YAML mapping")
        }
        for override in overrides {
            node = try Self.apply(override, to: node, file: file)
        }
        self.root = RecipeNode(node: node, path: [], file: file)
        self.text = overrides.isEmpty ? text : ((try? Yams.serialize(node: node)) ?? text)
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

    private static func syntaxError(_ error: YamlError, file: String?) -> RecipeError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return RecipeError(file: file, keyPath: "", line: mark.line, column: mark.column, message: "invalid YAML: \(what)")
        default:
            return RecipeError(file: file, keyPath: "", line: nil, column: nil, message: "invalid YAML: \(error)")
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
