import Foundation

/// The output directory of a comparison or a sweep (`--out`), checked before anything
/// trains, so that a typo in `--out` costs nothing.
public enum OutputDirectory {
    /// Creates `path` and checks that files can be written there, so that an unwritable
    /// `--out` fails before any training starts.
    public static func prepare(_ path: String) throws(FileWriteError) {
        let probe = "\(path)/.zoo-write-check"
        try AtomicFile.write("", to: probe)
        try? FileManager.default.removeItem(atPath: probe)
    }
}
