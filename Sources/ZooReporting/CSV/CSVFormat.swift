import ZooSupport

/// RFC 4180 encoding and parsing of CSV records, shared by the writers (to format rows)
/// and by resumption (to re-read what an earlier run wrote).
///
/// A field is quoted when it contains a comma, a double quote, a line break, or leading
/// or trailing spaces; quotes inside are doubled. Records end with `\n`.
public enum CSVFormat {
    /// `field` as it appears in the file.
    public static func quote(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, terminated by a newline.
    public static func record(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    /// The records of `text`, and whether the text ended inside an unfinished record (no
    /// final newline, or an open quote): what a crash during an append leaves behind.
    public static func parse(_ text: String) -> (records: [[String]], unfinishedTail: Bool) {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\r" where pending == "\n":
                continue
            case "\n":
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
                fieldStarted = false
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        let unfinished = inQuotes || fieldStarted || !field.isEmpty || !fields.isEmpty
        return (records, unfinished)
    }
}

/// Why a CSV output could not be written or resumed.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file system refused.
    case file(FileWriteError)
    /// A row named a column that the file does not have.
    case unknownColumn(path: String, column: String)
    /// A row gave a different number of values than there are columns.
    case wrongValueCount(path: String, expected: Int, got: Int)
    /// The columns declared at creation repeat a name, or are empty.
    case invalidColumns(path: String, columns: [String])
    /// The file being resumed has other columns than this run declares.
    case headerMismatch(path: String, expected: [String], found: [String])
    /// A column needed to resume (e.g. `update`) is not there, or holds a non-integer.
    case cannotResume(path: String, reason: String)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .unknownColumn(let path, let column):
            return "\"\(path)\": no column \"\(column)\" (columns are fixed when the file is created)"
        case .wrongValueCount(let path, let expected, let got):
            return "\"\(path)\": a row has \(got) values for \(expected) columns"
        case .invalidColumns(let path, let columns):
            return "\"\(path)\": columns \(columns) are empty or repeat a name"
        case .headerMismatch(let path, let expected, let found):
            return "\"\(path)\": cannot resume, its columns are \(found) but this run writes \(expected)"
        case .cannotResume(let path, let reason):
            return "\"\(path)\": cannot resume: \(reason)"
        }
    }
}
