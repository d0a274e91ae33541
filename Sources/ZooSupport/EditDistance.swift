/// Levenshtein distance, for "did you mean …" suggestions on unknown ids and kwargs.
package enum EditDistance {
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo
    /// (distance at most max(2, a third of the word's length)); a candidate that starts
    /// with the word (a truncated name) counts as close.
    package static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = c.lowercased().hasPrefix(word.lowercased()) && !word.isEmpty ? 1 : distance(word, c)
            if best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        guard let (name, d) = best, d <= max(2, word.count / 3) else { return nil }
        return name
    }
}
