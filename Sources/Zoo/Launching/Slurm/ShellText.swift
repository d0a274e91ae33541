/// Text for a POSIX shell script.
enum ShellText {
    /// `word` as one shell word: in single quotes, an inner `'` written as `'\''`; words
    /// made only of safe characters stay bare, so scripts read naturally.
    static func quoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words quoted and joined by spaces: one command line.
    static func command(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }
}
