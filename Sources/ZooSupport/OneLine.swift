/// Makes any message fit one readable line: control characters (newlines, tabs, NUL)
/// become spaces, runs of spaces collapse, and a message longer than `limit` characters
/// keeps its head and tail around "…".
///
/// Why: every error Zoo prints is one line (the command line's contract), but messages
/// quote user input — a recipe value, a YAML parser's context, a child's log line — which
/// can be megabytes long or span many lines.
public enum OneLine {
    /// `text` on one line of at most about `limit` characters.
    public static func elided(_ text: String, limit: Int = 400) -> String {
        let flat = flattened(text.unicodeScalars)
        guard flat.count > limit else { return String(String.UnicodeScalarView(flat)) }
        let head = flat.prefix(limit * 3 / 4), tail = flat.suffix(limit / 4)
        let elided = flat.count - head.count - tail.count
        return String(String.UnicodeScalarView(head)) + " … (\(elided) characters elided) … "
            + String(String.UnicodeScalarView(tail))
    }

    /// `value` quoted for a message, elided to `limit` characters.
    public static func quoted(_ value: String, limit: Int = 60) -> String {
        "\"\(elided(value, limit: limit))\""
    }

    /// The scalars with control characters turned into single spaces, trimmed.
    private static func flattened(_ scalars: String.UnicodeScalarView) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.underestimatedCount)
        var pendingSpace = false
        for s in scalars {
            if s == " " || s.properties.generalCategory == .control {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(s)
        }
        return out
    }
}
