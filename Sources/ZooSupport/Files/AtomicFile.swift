#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file so that readers (and a crash) see either the old content or the new
/// one, never a mix or a truncated file.
///
/// The bytes go to `<path>.tmp-<random>` in the same directory, are synced to disk, and the
/// temporary file is renamed over `path` (an atomic replacement on POSIX file systems); the
/// directory is then synced so the rename itself is durable. Missing parent directories
/// are created. On any failure the temporary file is removed and the previous content of
/// `path`, if any, is untouched. Checkpoints, plots and summaries are written this way.
public enum AtomicFile {
    /// Replaces the content of `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let directory = FileSystem.parentDirectory(of: path)
        try FileSystem.createDirectories(directory, for: path)
        let temporary = "\(path).tmp-\(FileSystem.randomSuffix())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FileWriteError.system(path, "create temporary file \"\(temporary)\"", errno: errno)
        }
        do throws(FileWriteError) {
            try FileSystem.writeAll(fd, bytes, path: path)
            try FileSystem.sync(fd, path: path)
        } catch {
            _ = close(fd)
            _ = unlink(temporary)
            throw error
        }
        if close(fd) != 0 {
            let code = errno
            _ = unlink(temporary)
            throw FileWriteError.system(path, "close", errno: code)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            _ = unlink(temporary)
            throw FileWriteError.system(path, "rename", errno: code)
        }
        FileSystem.syncDirectory(directory)
    }

    /// Replaces the content of `path` with the UTF-8 encoding of `text`.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }
}
