#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ZooSupport

/// Writes a TensorBoard event file (`events.out.tfevents.<unix time>.<hostname>`) of scalar
/// summaries, readable by TensorBoard and `EventAccumulator` while the run is going on.
///
/// The file is created atomically holding its first event, `file_version: "brain.Event:2"`;
/// each later call appends one framed `Event` with a single write and syncs it (see
/// `AppendOnlyFile`), so a crash can cut at most the last record, which TensorBoard's
/// reader ignores. A resumed run writes a new file next to the old one, as TensorBoard
/// expects; an existing file of the same name is never overwritten.
public final class TensorBoardEventWriter {
    /// The event file being written.
    public let path: String
    private let file: AppendOnlyFile

    /// The conventional name for a file created at `wallTime` on `hostname` (the time
    /// zero-padded to 10 digits as TensorFlow does).
    public static func fileName(wallTime: Double, hostname: String) -> String {
        let seconds = String(max(0, Int64(wallTime.isFinite ? wallTime : 0)))
        let padded = String(repeating: "0", count: max(0, 10 - seconds.count)) + seconds
        let host = hostname.isEmpty ? "localhost" : hostname.replacingOccurrences(of: "/", with: "_")
        return "events.out.tfevents.\(padded).\(host)"
    }

    /// This machine's host name, as used in event file names.
    public static func currentHostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Creates a new event file in `directory` (created if missing).
    public init(directory: String, wallTime: Double = Date().timeIntervalSince1970,
                hostname: String = TensorBoardEventWriter.currentHostname()) throws(FileWriteError) {
        let base = directory + "/" + Self.fileName(wallTime: wallTime, hostname: hostname)
        var candidate = base
        var counter = 1
        while FileManager.default.fileExists(atPath: candidate) {
            counter += 1
            candidate = "\(base).\(counter)"
        }
        path = candidate
        let first = TensorBoardEvent(wallTime: wallTime, step: 0, fileVersion: "brain.Event:2")
        file = try AppendOnlyFile.create(path: candidate, header: TFRecord.frame(first.encoded()))
    }

    /// Appends one event holding all `scalars` at `step`.
    public func write(scalars: [TensorBoardEvent.Scalar], step: Int64,
                      wallTime: Double = Date().timeIntervalSince1970) throws(FileWriteError) {
        try write(TensorBoardEvent(wallTime: wallTime, step: step, scalars: scalars))
    }

    /// Appends `event` as one record.
    public func write(_ event: TensorBoardEvent) throws(FileWriteError) {
        try file.append(TFRecord.frame(event.encoded()))
    }

    /// Closes the file; later writes throw.
    public func close() throws(FileWriteError) {
        try file.close()
    }
}

/// Reads a TensorBoard event file back, checking every record's CRCs: what Zoo's tests use
/// to verify its own files, and a way to inspect a run without TensorBoard.
public enum TensorBoardEventReader {
    /// The events of the file at `path`.
    public static func read(path: String) throws(EventFileError) -> [TensorBoardEvent] {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: FileSystem.reason(of: error))
        }
        return try decode(bytes)
    }

    /// The events in `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(EventFileError) -> [TensorBoardEvent] {
        var events: [TensorBoardEvent] = []
        for (index, record) in try TFRecord.records(bytes).enumerated() {
            do throws(ProtobufDecodeError) {
                events.append(try TensorBoardEvent.decode(record))
            } catch {
                throw .malformedEvent(record: index, reason: error.reason)
            }
        }
        return events
    }
}
