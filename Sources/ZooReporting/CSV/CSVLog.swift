import ZooSupport

/// A CSV file with a fixed, ordered set of columns that grows by rows during a run and can
/// be resumed after a crash or from a checkpoint; the basis of `metrics.csv` and
/// `episodes.csv`.
///
/// Durability comes from `AppendOnlyFile`: the file is created atomically with its header
/// row and every `append` is one write plus fsync. `resume` re-reads the file, requires the
/// same columns, drops an unfinished last row (a crash mid-append) and any rows the caller
/// rejects (rows written after the checkpoint being resumed), rewrites atomically if
/// anything was dropped, then appends after the kept rows.
public final class CSVLog {
    /// The file being written.
    public let path: String
    /// The column names, in file order.
    public let columns: [String]
    private let indexOfColumn: [String: Int]
    private let file: AppendOnlyFile

    private init(path: String, columns: [String], file: AppendOnlyFile) {
        self.path = path
        self.columns = columns
        self.file = file
        indexOfColumn = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    }

    private static func checkColumns(_ columns: [String], _ path: String) throws(CSVError) {
        guard !columns.isEmpty, Set(columns).count == columns.count else {
            throw .invalidColumns(path: path, columns: columns)
        }
    }

    /// Creates (or replaces) `path` holding only the header row.
    public static func create(path: String, columns: [String]) throws(CSVError) -> CSVLog {
        try checkColumns(columns, path)
        do throws(FileWriteError) {
            let file = try AppendOnlyFile.create(path: path, header: Array(CSVFormat.record(columns).utf8))
            return CSVLog(path: path, columns: columns, file: file)
        } catch {
            throw .file(error)
        }
    }

    /// Opens `path` to continue it; creates it if it does not exist. `keepRow` sees each
    /// complete existing row as column → text and returns whether to keep it.
    public static func resume(
        path: String, columns: [String], keepRow: ([String: String]) throws(CSVError) -> Bool = { _ in true }
    ) throws(CSVError) -> CSVLog {
        try checkColumns(columns, path)
        let header = Array(CSVFormat.record(columns).utf8)
        let existing: [UInt8]?
        do throws(FileWriteError) { existing = try FileSystem.readIfExists(path) } catch { throw .file(error) }
        guard let existing else { return try create(path: path, columns: columns) }
        let kept = try keptContent(existing, path: path, columns: columns, keepRow: keepRow)
        do throws(FileWriteError) {
            let file = try AppendOnlyFile.resume(path: path, header: header) { _ in kept }
            return CSVLog(path: path, columns: columns, file: file)
        } catch {
            throw .file(error)
        }
    }

    private static func keptContent(
        _ existing: [UInt8], path: String, columns: [String], keepRow: ([String: String]) throws(CSVError) -> Bool
    ) throws(CSVError) -> [UInt8] {
        let (records, unfinished) = CSVFormat.parse(String(decoding: existing, as: UTF8.self))
        guard let found = records.first else {
            // Nothing complete, not even the header: start the file again.
            if unfinished || existing.isEmpty { return Array(CSVFormat.record(columns).utf8) }
            throw .headerMismatch(path: path, expected: columns, found: [])
        }
        guard found == columns else { throw .headerMismatch(path: path, expected: columns, found: found) }
        var kept = CSVFormat.record(columns)
        var droppedAny = unfinished
        for record in records.dropFirst() {
            guard record.count == columns.count else {
                throw .cannotResume(path: path, reason: "a row has \(record.count) fields for \(columns.count) columns")
            }
            let row = Dictionary(uniqueKeysWithValues: zip(columns, record))
            if try keepRow(row) {
                kept += CSVFormat.record(record)
            } else {
                droppedAny = true
            }
        }
        return droppedAny ? Array(kept.utf8) : existing
    }

    /// The text of one row given by column name; columns not given are empty.
    public func format(_ row: [String: CSVValue]) throws(CSVError) -> String {
        var fields = [String](repeating: "", count: columns.count)
        for (name, value) in row {
            guard let index = indexOfColumn[name] else { throw .unknownColumn(path: path, column: name) }
            fields[index] = value.formatted
        }
        return CSVFormat.record(fields)
    }

    /// The text of one row given in column order.
    public func format(ordered values: [CSVValue]) throws(CSVError) -> String {
        guard values.count == columns.count else {
            throw .wrongValueCount(path: path, expected: columns.count, got: values.count)
        }
        return CSVFormat.record(values.map(\.formatted))
    }

    /// Appends rows given by column name, in one durable write.
    public func append(_ rows: [[String: CSVValue]]) throws(CSVError) {
        var text = ""
        for row in rows { text += try format(row) }
        try appendText(text)
    }

    /// Appends one row given by column name.
    public func append(_ row: [String: CSVValue]) throws(CSVError) {
        try append([row])
    }

    /// Appends one row given in column order.
    public func append(ordered values: [CSVValue]) throws(CSVError) {
        try appendText(try format(ordered: values))
    }

    private func appendText(_ text: String) throws(CSVError) {
        do throws(FileWriteError) {
            try file.append(Array(text.utf8))
        } catch {
            throw .file(error)
        }
    }

    /// Closes the file; later appends throw.
    public func close() throws(CSVError) {
        do throws(FileWriteError) { try file.close() } catch { throw .file(error) }
    }

    /// A `keepRow` for `resume` that keeps rows whose integer `column` is at most `limit`:
    /// resuming from the checkpoint of update `limit` drops what later updates wrote.
    public static func keepingRows(whose column: String, isAtMost limit: Int64, path: String)
        -> ([String: String]) throws(CSVError) -> Bool {
        { (row: [String: String]) throws(CSVError) -> Bool in
            guard let text = row[column] else {
                throw .cannotResume(path: path, reason: "there is no \"\(column)\" column")
            }
            guard let value = Int64(text) else {
                throw .cannotResume(path: path, reason: "\"\(column)\" value \"\(text)\" is not an integer")
            }
            return value <= limit
        }
    }
}
