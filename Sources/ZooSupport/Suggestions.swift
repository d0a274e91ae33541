/// "Did you mean …?" for names a user typed: the closest candidate by edit distance, if it
/// is close enough to be a plausible typo.
public enum Suggestions {
    /// The candidate nearest to `name` (case-insensitive edit distance, or a candidate
    /// that `name` begins), or nil when none is a plausible typo.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        EditDistance.closest(to: name, among: candidates)
    }

    /// " (did you mean 'x'?)" or "".
    public static func hint(for name: String, in candidates: some Sequence<String>) -> String {
        closest(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
