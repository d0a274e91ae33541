import Foundation

/// How `zoo new-plugin` puts its files on disk, in Zoo's tree or in a package of its own:
/// it never overwrites a user's work, so when any file it would create already exists it
/// refuses before writing anything.
enum NewFiles {
    /// Refuses, naming them, when any of `paths` (relative to `root`) exists.
    static func checkAbsent(_ paths: [String], under root: String) throws(ScaffoldError) {
        let existing = paths.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)") }
        guard existing.isEmpty else {
            throw ScaffoldError("\(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); nothing was written")
        }
    }

    /// Writes each file under `root`, creating folders as needed.
    static func write(_ files: [(path: String, contents: String)], under root: String) throws(ScaffoldError) {
        for file in files {
            do {
                try AtomicFile.write(file.contents, to: "\(root)/\(file.path)")
            } catch {
                throw ScaffoldError(error.description)
            }
        }
    }
}
