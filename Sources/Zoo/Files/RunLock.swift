#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive advisory lock on a run directory (`flock` on its `.lock` file), held by
/// the one `zoo train` that writes the directory for as long as it runs.
///
/// Why: two runs writing one directory would interleave their files — one's metrics with
/// the other's checkpoints — and both would report success. The second run is refused at
/// once instead; `zoo compare` leaves a held directory alone. The operating system
/// releases the lock when the process ends however it ends (even `kill -9`), so a stale
/// lock file never blocks a later run.
public final class RunLock {
    /// The locked run directory.
    public let directory: String
    private let descriptor: Int32

    /// The lock file inside `directory`.
    public static func path(in directory: String) -> String { "\(directory)/.lock" }

    /// Creates `directory` if needed and locks it; refuses when another process holds it.
    public static func acquire(_ directory: String) throws(ZooError) -> RunLock {
        do {
            try FileSystem.createDirectories(directory, for: path(in: directory))
        } catch {
            throw .file(path: directory, message: error.description)
        }
        let file = path(in: directory)
        let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .file(path: directory, message: "cannot create the lock file: \(SystemError.message(errno))")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            let holder = Self.holder(fd)
            close(fd)
            if code == EWOULDBLOCK {
                throw .file(path: directory, message: "the run directory is in use by another zoo process\(holder.map { " (pid \($0))" } ?? ""); wait for it to finish, or choose another output.dir")
            }
            throw .file(path: directory, message: "cannot lock the run directory: \(SystemError.message(code))")
        }
        // Record who holds it, for the message a second run prints.
        _ = ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return RunLock(directory: directory, descriptor: fd)
    }

    /// Whether a process holds the lock of `directory` right now.
    public static func isHeld(_ directory: String) -> Bool {
        let fd = open(path(in: directory), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // A shared lock is refused while anyone holds the exclusive one.
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        _ = flock(fd, LOCK_UN)
        return false
    }

    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private init(directory: String, descriptor: Int32) {
        self.directory = directory
        self.descriptor = descriptor
    }

    /// Releases the lock (also released when the process exits).
    deinit {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
