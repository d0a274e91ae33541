/// Why writing an output file failed, naming the file and the operating system's reason.
///
/// Every output of a run (metrics, event files, plots, checkpoints, summaries) is written
/// through `AtomicFile` or `AppendOnlyFile`, so a full disk, a missing permission or a path
/// that is not a directory reaches the user as one message such as
/// `cannot write "runs/x/metrics.csv": rename failed: No space left on device`.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file that was being written (the final path, not the temporary one).
    public let path: String
    /// The step that failed, e.g. "create directory", "open", "write", "fsync", "rename".
    public let operation: String
    /// The operating system's explanation (from `strerror`) or, for content checks, ours.
    public let reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    /// An error for the current `errno`.
    static func system(_ path: String, _ operation: String, errno code: Int32) -> FileWriteError {
        FileWriteError(path: path, operation: operation, reason: SystemError.message(code))
    }

    public var description: String {
        "cannot write \"\(path)\": \(operation) failed: \(reason)"
    }
}
