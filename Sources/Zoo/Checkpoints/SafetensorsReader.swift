import DSL
import Foundation

/// Reads a safetensors file and validates all of it before building any tensor, so that a
/// truncated, corrupted or foreign file yields one `CheckpointError` naming the file and
/// the problem — never a crash and never silently wrong weights.
///
/// Checks, in order: the 8-byte length is present; the header fits in the file (and under
/// `SafetensorsFormat.maxHeaderLength`); the header is UTF-8 JSON (no duplicate keys) and
/// an object; `__metadata__`, if present, maps strings to strings; every tensor entry has a
/// `dtype` (F32 only), a `shape` of non-negative integers and two `data_offsets`; offsets lie
/// inside the data section, match the shape's byte count, do not overlap, and together
/// cover the data section exactly (as the reference library requires).
public enum SafetensorsReader {
    /// Reads and validates the file at `path`.
    public static func read(path: String) throws(CheckpointError) -> SafetensorsContents {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CheckpointError(path: path, problem: .unreadable(reason: FileSystem.reason(of: error)))
        }
        return try decode(bytes, path: path)
    }

    /// Validates and decodes file content; `path` only names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(CheckpointError) -> SafetensorsContents {
        do throws(CheckpointError.Problem) {
            return try decode(bytes)
        } catch {
            throw CheckpointError(path: path, problem: error)
        }
    }

    private struct Entry {
        let name: String
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    private static func decode(_ bytes: [UInt8]) throws(CheckpointError.Problem) -> SafetensorsContents {
        guard bytes.count >= 8 else { throw .tooShortForHeaderLength(fileSize: bytes.count) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= SafetensorsFormat.maxHeaderLength else { throw .headerTooLarge(headerLength: headerLength) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerBeyondFile(headerLength: headerLength, available: bytes.count - 8)
        }
        let dataStart = 8 + Int(headerLength)
        let root: JSONValue
        do throws(JSONParseError) {
            root = try JSONParser.parse(Array(bytes[8..<dataStart]))
        } catch {
            throw .invalidJSON(reason: "\(error.message) at byte \(error.offset) of the header")
        }
        guard case .object(let members) = root else {
            throw .invalidHeader(reason: "the header is \(root.kind), not an object")
        }
        let dataSize = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in members {
            if name == SafetensorsFormat.metadataKey {
                metadata = try parseMetadata(value)
            } else {
                entries.append(try parseEntry(name, value, dataSize: dataSize))
            }
        }
        try checkCoverage(entries, dataSize: dataSize)

        var tensors: [String: Tensor] = [:]
        bytes.withUnsafeBytes { raw in
            for entry in entries {
                let count = (entry.end - entry.begin) / 4
                var scalars = [Float](repeating: 0, count: count)
                for i in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: dataStart + entry.begin + 4 * i, as: UInt32.self)
                    scalars[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                tensors[entry.name] = Tensor(shape: entry.shape, scalars: scalars)
            }
        }
        return SafetensorsContents(tensors: tensors, metadata: metadata)
    }

    private static func parseMetadata(_ value: JSONValue) throws(CheckpointError.Problem) -> [String: String] {
        guard case .object(let pairs) = value else {
            throw .invalidHeader(reason: "\"__metadata__\" is \(value.kind), not an object of strings")
        }
        var metadata: [String: String] = [:]
        for (key, item) in pairs {
            guard case .string(let text) = item else {
                throw .invalidHeader(reason: "metadata \"\(key)\" is \(item.kind), not a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseEntry(_ name: String, _ value: JSONValue, dataSize: Int) throws(CheckpointError.Problem) -> Entry {
        guard case .object(let fields) = value else {
            throw .invalidHeader(reason: "tensor \"\(name)\" is \(value.kind), not an object")
        }
        func field(_ key: String) throws(CheckpointError.Problem) -> JSONValue {
            guard let found = fields.first(where: { $0.0 == key }) else {
                throw .invalidHeader(reason: "tensor \"\(name)\" has no \"\(key)\"")
            }
            return found.1
        }
        guard case .string(let dtype) = try field("dtype") else {
            throw .invalidHeader(reason: "tensor \"\(name)\": \"dtype\" is not a string")
        }
        guard dtype == SafetensorsFormat.float32 else {
            if SafetensorsFormat.knownDTypes.contains(dtype) { throw .unsupportedDType(tensor: name, dtype: dtype) }
            throw .unknownDType(tensor: name, dtype: dtype)
        }
        guard case .array(let dims) = try field("shape") else {
            throw .invalidHeader(reason: "tensor \"\(name)\": \"shape\" is not an array")
        }
        var shape: [Int] = []
        var elementCount = 1
        for dim in dims {
            guard let size = dim.nonNegativeInteger else {
                throw .invalidHeader(reason: "tensor \"\(name)\": shape entries must be non-negative integers")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: size)
            guard !overflow else { throw .invalidHeader(reason: "tensor \"\(name)\": shape \(shape + [size]) is too large") }
            elementCount = product
            shape.append(size)
        }
        guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
              let begin = offsets[0].nonNegativeInteger, let end = offsets[1].nonNegativeInteger else {
            throw .invalidHeader(reason: "tensor \"\(name)\": \"data_offsets\" must be two non-negative integers")
        }
        guard begin <= end, end <= dataSize else {
            throw .offsetsOutOfRange(tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        let (expected, overflow) = elementCount.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard !overflow, expected == end - begin else {
            throw .byteCountMismatch(tensor: name, shape: shape, expectedBytes: overflow ? Int.max : expected,
                                     actualBytes: end - begin)
        }
        return Entry(name: name, shape: shape, begin: begin, end: end)
    }

    /// The tensors' byte ranges must tile the data section: no overlap, no gap, no tail.
    private static func checkCoverage(_ entries: [Entry], dataSize: Int) throws(CheckpointError.Problem) {
        let ordered = entries.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        var previous: String?
        for entry in ordered {
            if entry.begin < covered, let previous { throw .overlappingTensors(first: previous, second: entry.name) }
            if entry.begin > covered { throw .uncoveredData(offset: covered, dataSize: dataSize) }
            covered = entry.end
            if entry.end > entry.begin { previous = entry.name }
        }
        if covered < dataSize { throw .uncoveredData(offset: covered, dataSize: dataSize) }
    }
}
