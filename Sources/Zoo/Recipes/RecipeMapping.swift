import Yams

/// A YAML mapping being read key by key. Every key the reader asks for — read or left at
/// its default — is known; `finish()` rejects any other key with a "did you mean" hint,
/// so a typo never silently falls back to a default.
public final class RecipeMapping {
    /// The mapping node itself.
    public let node: RecipeNode
    let entries: [(key: String, value: Node)]
    private var known: [String] = []

    init(node: RecipeNode, entries: [(key: String, value: Node)]) {
        self.node = node
        self.entries = entries
    }

    /// Keys present in the YAML, in file order.
    public var keys: [String] { entries.map(\.key) }

    /// The node at `key`, or nil when absent or null. Marks `key` as known.
    public func optional(_ key: String) -> RecipeNode? {
        if !known.contains(key) { known.append(key) }
        guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
        let child = RecipeNode(node: value, path: node.path + [key], source: node.source)
        return child.isNull ? nil : child
    }

    /// The node at `key`; an error naming the key when it is missing.
    public func required(_ key: String) throws(RecipeError) -> RecipeNode {
        guard let child = optional(key) else { throw node.error("missing required key '\(key)'") }
        return child
    }

    /// A number at `key`, `defaultValue` when absent, checked against `range`.
    public func double(_ key: String, default defaultValue: Double,
                       in range: ClosedRange<Double> = -.infinity...(.infinity)) throws(RecipeError) -> Double {
        guard let child = optional(key) else { return defaultValue }
        let v = try child.double()
        guard range.contains(v) else { throw child.error("\(v) is outside \(Self.describe(range))") }
        return v
    }

    /// An integer at `key`, `defaultValue` when absent, checked against `range`.
    public func int(_ key: String, default defaultValue: Int,
                    in range: ClosedRange<Int> = Int.min...Int.max) throws(RecipeError) -> Int {
        guard let child = optional(key) else { return defaultValue }
        let v = try child.int()
        guard range.contains(v) else { throw child.error("\(v) is outside \(range.lowerBound)…\(range.upperBound)") }
        return v
    }

    /// A boolean at `key`, `defaultValue` when absent.
    public func bool(_ key: String, default defaultValue: Bool) throws(RecipeError) -> Bool {
        try optional(key)?.bool() ?? defaultValue
    }

    /// A string at `key`, `defaultValue` when absent.
    public func string(_ key: String, default defaultValue: String) throws(RecipeError) -> String {
        try optional(key)?.string() ?? defaultValue
    }

    /// One of `choices` at `key`, `defaultValue` when absent.
    public func choice(_ key: String, _ choices: [String], default defaultValue: String) throws(RecipeError) -> String {
        try optional(key)?.choice(choices) ?? defaultValue
    }

    /// Rejects keys the reader never asked for.
    public func finish() throws(RecipeError) {
        for (key, value) in entries where !known.contains(key) {
            let child = RecipeNode(node: value, path: node.path + [key], source: node.source)
            var keyError = child.error("unknown key '\(key)'\(Suggestions.hint(for: key, in: known))")
            if keyError.line != nil, case .mapping(let m) = node.node, let keyNode = m.keys.first(where: { $0.string == key }),
               let mark = keyNode.mark {
                keyError = RecipeError(file: keyError.file, keyPath: keyError.keyPath, line: mark.line, column: mark.column,
                                       message: keyError.message)
            }
            throw keyError
        }
    }

    private static func describe(_ r: ClosedRange<Double>) -> String {
        switch (r.lowerBound.isFinite, r.upperBound.isFinite) {
        case (true, true): "\(r.lowerBound)…\(r.upperBound)"
        case (true, false): "≥ \(r.lowerBound)"
        case (false, true): "≤ \(r.upperBound)"
        case (false, false): "the numbers"
        }
    }
}
