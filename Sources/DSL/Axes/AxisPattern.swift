import Synchronization

/// A parsed named-axis pattern such as `"step (env gen) -> env gen step"`.
///
/// Parsing is separate from solving sizes: the parse depends only on the string and is
/// cached, while sizes depend on each call's shapes.
struct AxisPattern: Sendable {
    /// One written item of an operand expression.
    struct Item: Sendable {
        enum Kind: Sendable {
            case name(String)
            case number(Int)
            case ellipsis
            case group([Item])
        }
        var kind: Kind
        var bracketed: Bool
        /// Character offsets in the pattern.
        var range: Range<Int>
    }

    /// One operand: its top-level items (each one axis, an ellipsis possibly several).
    struct Operand: Sendable {
        var items: [Item]
        var range: Range<Int>
    }

    let text: String
    let inputs: [Operand]
    /// nil when the pattern has no `->`.
    let output: Operand?

    /// Whether any item anywhere is bracketed.
    var hasBrackets: Bool {
        func any(_ items: [Item]) -> Bool {
            items.contains { item in
                if item.bracketed { return true }
                if case .group(let inner) = item.kind { return any(inner) }
                return false
            }
        }
        return inputs.contains { any($0.items) } || (output.map { any($0.items) } ?? false)
    }

    private static let cache = Mutex<[String: AxisPattern]>([:])

    /// The parse of `text`, from the cache when seen before.
    static func parse(_ text: String) throws(AxisPatternError) -> AxisPattern {
        if let hit = cache.withLock({ $0[text] }) { return hit }
        var parser = AxisPatternParser(text: text)
        let parsed = try parser.parsePattern()
        cache.withLock { $0[text] = parsed }
        return parsed
    }
}

/// Recursive-descent parser for the named-axis grammar (einx's, restricted to what Zoo
/// supports: names, numbers, `(…)` compositions, `[…]` brackets and a bare `...`).
struct AxisPatternParser {
    let text: String
    let chars: [Character]
    var pos = 0

    init(text: String) {
        self.text = text
        self.chars = Array(text)
    }

    private func error(_ message: String, at range: Range<Int>) -> AxisPatternError {
        AxisPatternError(.syntax, text, message, at: range)
    }

    mutating func parsePattern() throws(AxisPatternError) -> AxisPattern {
        let arrows = text.ranges(of: "->")
        if arrows.count > 1 {
            let second = text.distance(from: text.startIndex, to: arrows[1].lowerBound)
            throw error("a pattern has at most one '->'", at: second..<(second + 2))
        }
        let inputs = try parseOperandList(stopAtArrow: true)
        var output: AxisPattern.Operand?
        if pos < chars.count {
            // at "->"
            pos += 2
            let outs = try parseOperandList(stopAtArrow: false)
            if outs.count != 1 {
                throw AxisPatternError(.unsupported, text, "Zoo's operations have one output; this pattern names \(outs.count)",
                                       at: outs[1].range)
            }
            output = outs[0]
        }
        return AxisPattern(text: text, inputs: inputs, output: output)
    }

    private mutating func skipSpaces() {
        while pos < chars.count && chars[pos].isWhitespace { pos += 1 }
    }

    private func isEllipsis(at i: Int) -> Bool {
        i + 3 <= chars.count && chars[i] == "." && chars[i + 1] == "." && chars[i + 2] == "."
    }

    private func atArrow() -> Bool {
        pos + 1 < chars.count && chars[pos] == "-" && chars[pos + 1] == ">"
    }

    private mutating func parseOperandList(stopAtArrow: Bool) throws(AxisPatternError) -> [AxisPattern.Operand] {
        var operands: [AxisPattern.Operand] = []
        while true {
            let start = pos
            let items = try parseItems(closer: nil, bracketed: false)
            operands.append(AxisPattern.Operand(items: items, range: start..<pos))
            skipSpaces()
            if pos < chars.count && chars[pos] == "," {
                pos += 1
                continue
            }
            if pos >= chars.count { break }
            if atArrow() && stopAtArrow { break }
            throw error("unexpected '\(chars[pos])'", at: pos..<(pos + 1))
        }
        return operands
    }

    /// Items until `closer` (or the end of the operand when nil).
    private mutating func parseItems(closer: Character?, bracketed: Bool) throws(AxisPatternError) -> [AxisPattern.Item] {
        var items: [AxisPattern.Item] = []
        let open = pos - 1
        while true {
            skipSpaces()
            guard pos < chars.count else {
                if let closer {
                    throw error("'\(closer == ")" ? "(" : "[")' is never closed", at: open..<(open + 1))
                }
                return items
            }
            let c = chars[pos]
            if let closer, c == closer {
                pos += 1
                return items
            }
            if c == "," || atArrow() {
                if let closer {
                    throw error("'\(closer == ")" ? "(" : "[")' is never closed", at: open..<(open + 1))
                }
                return items
            }
            let start = pos
            if c == "(" {
                pos += 1
                let inner = try parseItems(closer: ")", bracketed: bracketed)
                items.append(.init(kind: .group(inner), bracketed: bracketed, range: start..<pos))
            } else if c == "[" {
                if bracketed { throw error("brackets cannot be nested", at: start..<(start + 1)) }
                pos += 1
                let inner = try parseItems(closer: "]", bracketed: true)
                if inner.isEmpty { throw error("empty brackets", at: start..<pos) }
                items.append(contentsOf: inner)
            } else if c == "." {
                guard isEllipsis(at: pos) else {
                    throw error("'.' must be part of '...'", at: start..<(start + 1))
                }
                pos += 3
                items.append(.init(kind: .ellipsis, bracketed: bracketed, range: start..<pos))
            } else if c.isLetter || c == "_" {
                while pos < chars.count && (chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_") { pos += 1 }
                let name = String(chars[start..<pos])
                if isEllipsis(at: pos) {
                    throw AxisPatternError(.unsupported, text, "named repetition '\(name)...' is not supported; use a bare '...'",
                                           at: start..<(pos + 3))
                }
                items.append(.init(kind: .name(name), bracketed: bracketed, range: start..<pos))
            } else if c.isNumber {
                while pos < chars.count && chars[pos].isNumber { pos += 1 }
                guard let value = Int(String(chars[start..<pos])), value > 0 else {
                    throw error("a numeric axis must be a positive integer", at: start..<pos)
                }
                items.append(.init(kind: .number(value), bracketed: bracketed, range: start..<pos))
            } else if c == ")" || c == "]" {
                throw error("'\(c)' has no matching opening", at: start..<(start + 1))
            } else {
                throw error("unexpected '\(c)'", at: start..<(start + 1))
            }
        }
    }
}
