import Synchronization

/// The algorithms a recipe can name. Built-ins register at start-up
/// (`BuiltinPlugins.registerAll()`); a user's own plugin registers the same way and then
/// works everywhere a built-in does.
public final class AlgorithmRegistry: Sendable {
    /// The process-wide registry the trainer and the CLI use.
    public static let shared = AlgorithmRegistry()

    private let types = Mutex<[String: any Algorithm.Type]>([:])

    public init() {}

    /// Registers `type` under `type.name`, replacing an earlier registration of that name.
    public func register(_ type: any Algorithm.Type) {
        types.withLock { $0[type.name] = type }
    }

    /// Registered names, sorted.
    public var names: [String] { types.withLock { $0.keys.sorted() } }

    /// The algorithm registered as `name`; a recipe error with the closest name otherwise.
    public func type(named name: String, at node: RecipeNode? = nil) throws(RecipeError) -> any Algorithm.Type {
        if let t = types.withLock({ $0[name] }) { return t }
        let known = names
        let message = "unknown algorithm '\(name)'\(Suggestions.hint(for: name, in: known)); registered: \(known.joined(separator: ", "))"
        throw node?.error(message) ?? RecipeError(file: nil, keyPath: "algorithm.name", line: nil, column: nil, message: message)
    }
}
