/// Why a checkpoint could not be read or written, naming the file and the problem.
///
/// A checkpoint is user input: it may be truncated by a crash on another machine, copied
/// half-way, edited, or written by another tool. Every way it can be wrong maps to one
/// `Problem`, and `description` is the single message shown to the user, e.g.
/// `checkpoint "runs/x/checkpoints/last.safetensors": file is truncated: the header says 812 bytes but only 40 follow`.
public struct CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The checkpoint file concerned.
    public let path: String
    /// What is wrong with it.
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The ways a safetensors file can be unreadable or a set of tensors unwritable.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// Fewer than 8 bytes: not even the header length is there.
        case tooShortForHeaderLength(fileSize: Int)
        /// The header length points past the end of the file.
        case headerBeyondFile(headerLength: UInt64, available: Int)
        /// The header length is implausibly large (more than `SafetensorsFormat.maxHeaderLength`).
        case headerTooLarge(headerLength: UInt64)
        /// The header is not valid UTF-8 JSON.
        case invalidJSON(reason: String)
        /// The header is JSON but not of the expected structure.
        case invalidHeader(reason: String)
        /// A tensor's dtype is not a safetensors dtype at all.
        case unknownDType(tensor: String, dtype: String)
        /// A tensor's dtype is a valid safetensors dtype that Zoo does not store (only F32).
        case unsupportedDType(tensor: String, dtype: String)
        /// A tensor's byte range does not match its shape.
        case byteCountMismatch(tensor: String, shape: [Int], expectedBytes: Int, actualBytes: Int)
        /// A tensor's byte range is inverted or ends past the data section.
        case offsetsOutOfRange(tensor: String, begin: Int, end: Int, dataSize: Int)
        /// Two tensors' byte ranges overlap.
        case overlappingTensors(first: String, second: String)
        /// Bytes of the data section belong to no tensor (a gap, or trailing bytes).
        case uncoveredData(offset: Int, dataSize: Int)
        /// A tensor name that cannot be written (empty, or the reserved `__metadata__`).
        case invalidTensorName(String)
        /// The file could not be written.
        case writeFailed(FileWriteError)
        /// The stored checksum does not match the content: the file changed after Zoo wrote it.
        case checksumMismatch(stored: String, actual: String)
        /// A weight or optimiser value is NaN or infinite.
        case nonFiniteValue(tensor: String, index: Int)

        public var description: String {
            switch self {
            case .unreadable(let reason):
                return "cannot read the file: \(reason)"
            case .tooShortForHeaderLength(let size):
                return "file is truncated: \(size) bytes, fewer than the 8-byte header length"
            case .headerBeyondFile(let length, let available):
                return "file is truncated or corrupted: the header says \(length) bytes but only \(available) follow"
            case .headerTooLarge(let length):
                return "header length \(length) is larger than the \(SafetensorsFormat.maxHeaderLength)-byte limit (corrupted file?)"
            case .invalidJSON(let reason):
                return "header is not valid JSON: \(reason)"
            case .invalidHeader(let reason):
                return "header is not a safetensors header: \(reason)"
            case .unknownDType(let tensor, let dtype):
                return "tensor \"\(tensor)\" has unknown dtype \"\(dtype)\""
            case .unsupportedDType(let tensor, let dtype):
                return "tensor \"\(tensor)\" has dtype \(dtype); Zoo reads F32 tensors only"
            case .byteCountMismatch(let tensor, let shape, let expected, let actual):
                return "tensor \"\(tensor)\" has shape \(shape), which needs \(expected) bytes, but its data_offsets span \(actual) bytes"
            case .offsetsOutOfRange(let tensor, let begin, let end, let size):
                return "tensor \"\(tensor)\" has data_offsets [\(begin), \(end)] outside the \(size)-byte data section (file truncated?)"
            case .overlappingTensors(let first, let second):
                return "tensors \"\(first)\" and \"\(second)\" overlap in the data section"
            case .uncoveredData(let offset, let size):
                return "bytes from offset \(offset) of the \(size)-byte data section belong to no tensor"
            case .invalidTensorName(let name):
                return "tensor name \"\(name)\" cannot be stored (empty or reserved)"
            case .writeFailed(let error):
                return error.description
            case .checksumMismatch(let stored, let actual):
                return "checksum mismatch (stored \(stored), content \(actual)): the file was changed or damaged after it was written"
            case .nonFiniteValue(let tensor, let index):
                return "tensor \"\(tensor)\" holds a non-finite value (NaN or infinity) at index \(index)"
            }
        }
    }

    public var description: String {
        if case .writeFailed(let error) = problem { return error.description }
        return "checkpoint \"\(path)\": \(problem)"
    }
}
