/// A mistake in a recipe: what is wrong and where — file, line:column and key path — in
/// one message, e.g. `recipes/ppo.yaml:12:10: algorithm.gamma: expected a number, found "abc"`.
public struct RecipeError: Error, Equatable, CustomStringConvertible {
    /// The recipe file, when the recipe came from one.
    public let file: String?
    /// Dotted key path (`algorithm.networks.actor.hidden`), empty for the whole document.
    public let keyPath: String
    /// 1-based line and column in the file, when known.
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String?, keyPath: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var prefix = file ?? "recipe"
        if let line { prefix += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return keyPath.isEmpty ? "\(prefix): \(message)" : "\(prefix): \(keyPath): \(message)"
    }
}
