#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The few POSIX file operations the output writers share: creating parent directories,
/// writing a whole buffer, syncing, reading a whole file. Kept in one place so every
/// failure becomes a `FileWriteError` with the same wording.
package enum FileSystem {
    /// The directory part of `path` ("." for a bare file name).
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// Creates `directory` and its missing ancestors.
    package static func createDirectories(_ directory: String, for path: String) throws(FileWriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw FileWriteError(path: path, operation: "create directory",
                                 reason: "\"\(directory)\" exists and is not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: path, operation: "create directory \"\(directory)\"",
                                 reason: Self.reason(of: error))
        }
    }

    /// Writes every byte of `bytes` to `fd`, retrying on partial writes and `EINTR`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileWriteError) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError.system(path, "write", errno: errno)
            }
            remaining -= written
            pointer += written
        }
    }

    /// Writes every byte of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileWriteError) {
        let failure: FileWriteError? = bytes.withUnsafeBytes { buffer in
            do throws(FileWriteError) {
                try writeAll(fd, buffer, path: path)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Flushes `fd` to the storage device.
    static func sync(_ fd: Int32, path: String) throws(FileWriteError) {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw FileWriteError.system(path, "fsync", errno: errno)
        }
    }

    /// Syncs a directory so that a rename inside it survives a power loss. Best effort:
    /// some file systems refuse to sync directories, and the data itself is already synced.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    /// The whole content of the file at `path`, or nil if it does not exist.
    package static func readIfExists(_ path: String) throws(FileWriteError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            throw FileWriteError(path: path, operation: "read", reason: Self.reason(of: error))
        }
    }

    /// A short reason for a Foundation error, preferring the POSIX text when there is one.
    package static func reason(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return SystemError.message(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return SystemError.message(Int32(nsError.code)) }
        return nsError.localizedDescription
    }

    /// A random lowercase hex string of `count` characters, for temporary file names.
    static func randomSuffix(_ count: Int = 12) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(generator.next() % 16)] })
    }
}
