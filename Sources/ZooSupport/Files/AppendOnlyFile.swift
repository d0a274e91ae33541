#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that grows by appended records and stays usable after a crash at any moment.
///
/// Strategy (chosen for outputs that grow by a few records per second at most: CSV rows,
/// TensorBoard events): the file is *created* atomically with its header (temp file +
/// rename, see `AtomicFile`), so it never exists without one. Each `append` is a single
/// `write(2)` on a descriptor opened with `O_APPEND`: once `append` returns, the record is
/// in the kernel and survives the process crashing or being killed. `sync()` (called
/// every few seconds by writers that care) and `close()` also `fsync`, bounding what a
/// power loss can take; a crash during an append can leave at most one partial record at
/// the end. (An fsync per record made training several times slower.) *Resuming* reads the existing content, lets the caller check the
/// header and decide what to keep (dropping a partial last record, or rows written after
/// the checkpoint being resumed from), rewrites the kept content atomically if it changed,
/// and then appends after it. Data already written is therefore never lost or interleaved.
///
/// Not thread-safe: one writer per file, used from one task at a time.
public final class AppendOnlyFile {
    /// The file being written.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit {
        if fd >= 0 { _ = closeDescriptor(fd) }
    }

    /// Creates (or replaces) `path` with `header` as its whole content, atomically, and
    /// opens it for appending.
    public static func create(path: String, header: [UInt8]) throws(FileWriteError) -> AppendOnlyFile {
        try AtomicFile.write(header, to: path)
        return try openForAppend(path)
    }

    /// Opens an existing file for appending after `keep` has chosen what to retain of its
    /// current content. `keep` receives the whole current content and returns the bytes to
    /// keep (or throws, e.g. when the header is not the expected one). If the file does not
    /// exist, it is created with `header`.
    public static func resume(
        path: String, header: [UInt8],
        keep: ([UInt8]) throws(FileWriteError) -> [UInt8]
    ) throws(FileWriteError) -> AppendOnlyFile {
        guard let existing = try FileSystem.readIfExists(path) else {
            return try create(path: path, header: header)
        }
        let kept = try keep(existing)
        if kept != existing { try AtomicFile.write(kept, to: path) }
        return try openForAppend(path)
    }

    private static func openForAppend(_ path: String) throws(FileWriteError) -> AppendOnlyFile {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError.system(path, "open for appending", errno: errno) }
        return AppendOnlyFile(path: path, fd: fd)
    }

    /// Appends `bytes` in one write.
    public func append(_ bytes: [UInt8]) throws(FileWriteError) {
        guard !bytes.isEmpty else { return }
        guard fd >= 0 else {
            throw FileWriteError(path: path, operation: "append", reason: "the file was closed")
        }
        try FileSystem.writeAll(fd, bytes, path: path)
    }

    /// Flushes appended records to the disk.
    public func sync() throws(FileWriteError) {
        guard fd >= 0 else { return }
        try FileSystem.sync(fd, path: path)
    }

    /// Syncs and closes the file; later appends throw. Closing twice is harmless.
    public func close() throws(FileWriteError) {
        guard fd >= 0 else { return }
        try FileSystem.sync(fd, path: path)
        let result = closeDescriptor(fd)
        fd = -1
        if result != 0 { throw FileWriteError.system(path, "close", errno: errno) }
    }
}

/// `close(2)`, callable from inside `AppendOnlyFile` whose own `close()` hides the name.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
