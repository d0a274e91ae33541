import ZooSupport

/// The TFRecord framing of TensorBoard event files: for each record, the data length as a
/// little-endian UInt64, the masked CRC-32C of those 8 bytes, the data, and the masked
/// CRC-32C of the data (both CRCs little-endian UInt32).
public enum TFRecord {
    /// The framed bytes of one record.
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        let length = UInt64(data.count)
        let lengthBytes = (0..<8).map { UInt8((length >> (8 * UInt64($0))) & 0xFF) }
        out += lengthBytes
        out += littleEndian(CRC32C.maskedChecksum(lengthBytes))
        out += data
        out += littleEndian(CRC32C.maskedChecksum(data))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (8 * UInt32($0))) & 0xFF) }
    }

    private static func uint(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Splits `bytes` into record payloads, checking both CRCs of every record.
    public static func records(_ bytes: [UInt8]) throws(EventFileError) -> [[UInt8]] {
        var records: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 16 else { throw .truncatedRecord(offset: offset) }
            let lengthBytes = bytes[offset..<offset + 8]
            let storedLengthCRC = UInt32(uint(bytes[offset + 8..<offset + 12]))
            guard storedLengthCRC == CRC32C.maskedChecksum(lengthBytes) else {
                throw .lengthChecksumMismatch(offset: offset)
            }
            let length = uint(lengthBytes)
            guard length <= UInt64(bytes.count - offset - 16) else { throw .truncatedRecord(offset: offset) }
            let start = offset + 12
            let end = start + Int(length)
            let data = Array(bytes[start..<end])
            guard UInt32(uint(bytes[end..<end + 4])) == CRC32C.maskedChecksum(data) else {
                throw .dataChecksumMismatch(offset: offset)
            }
            records.append(data)
            offset = end + 4
        }
        return records
    }
}

/// Why an event file could not be read back: where the bad record starts and what is wrong.
public enum EventFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncatedRecord(offset: Int)
    case lengthChecksumMismatch(offset: Int)
    case dataChecksumMismatch(offset: Int)
    case malformedEvent(record: Int, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .truncatedRecord(let offset): return "event record at byte \(offset) is truncated"
        case .lengthChecksumMismatch(let offset): return "event record at byte \(offset) has a bad length checksum"
        case .dataChecksumMismatch(let offset): return "event record at byte \(offset) has a bad data checksum"
        case .malformedEvent(let record, let reason): return "event record #\(record) is not an Event: \(reason)"
        case .unreadable(let path, let reason): return "cannot read \"\(path)\": \(reason)"
        }
    }
}
