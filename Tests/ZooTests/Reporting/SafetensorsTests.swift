import DSL
import Foundation
import Testing
@testable import Zoo

/// Bitwise equality of two tensor maps (NaN payloads and -0 included).
func sameBits(_ a: [String: Tensor], _ b: [String: Tensor]) -> Bool {
    guard a.keys.sorted() == b.keys.sorted() else { return false }
    return a.allSatisfy { name, t in
        guard let u = b[name] else { return false }
        return t.shape == u.shape && t.scalars.map(\.bitPattern) == u.scalars.map(\.bitPattern)
    }
}

/// A little-endian header length followed by `header` and `dataBytes` zero bytes.
func handMadeFile(_ header: String, dataBytes: Int) -> [UInt8] {
    let json = Array(header.utf8)
    var out: [UInt8] = (0..<8).map { UInt8((UInt64(json.count) >> (8 * UInt64($0))) & 0xFF) }
    out += json
    out += [UInt8](repeating: 0, count: dataBytes)
    return out
}

/// The problem a decode of `bytes` reports, or nil if it decodes.
func problem(_ bytes: [UInt8], path: String = "test.safetensors") -> CheckpointError.Problem? {
    do {
        _ = try SafetensorsReader.decode(bytes, path: path)
        return nil
    } catch {
        return error.problem
    }
}

@Suite("Safetensors")
struct SafetensorsTests {
    static var sample: SafetensorsContents { SafetensorsContents(
        tensors: [
            "actor/0.weight": Tensor(shape: [2, 3], scalars: [0.5, -1, 2, 1e-30, 3e38, -0.0]),
            "actor/0.bias": Tensor([1, 2, 3]),
            "optimizer/actor/exp_avg.0": Tensor(shape: [3, 1], scalars: [.infinity, -.infinity, Float(bitPattern: 0x7FC0_1234)]),
            "step": Tensor(7),
            "empty": Tensor(shape: [0, 5], scalars: []),
            "Z": Tensor([9]),
        ],
        metadata: ["recipe": "env: CartPole-v1\nalgo: \"ppo\"\t\\ é\u{01}", "env_steps": "1000", "updates": "3"]
    ) }

    @Test func roundTripIsBitwiseThroughAFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("checkpoints/last.safetensors")
        try SafetensorsWriter.write(Self.sample, to: path)
        let back = try SafetensorsReader.read(path: path)
        #expect(sameBits(back.tensors, Self.sample.tensors))
        #expect(back.metadata == Self.sample.metadata)
        #expect(try dir.listing() == ["checkpoints"])
    }

    @Test func layoutMatchesTheFormat() throws {
        let bytes = try SafetensorsWriter.encode(Self.sample)
        #expect(try SafetensorsWriter.encode(Self.sample) == bytes, "encoding is deterministic")
        let length = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        #expect(length % 8 == 0)
        let header = String(decoding: bytes[8..<8 + length], as: UTF8.self)
        #expect(header.hasPrefix("{\"__metadata__\":{\"env_steps\":\"1000\",\"recipe\":\"env: CartPole-v1\\nalgo: \\\"ppo\\\"\\t\\\\ é\\u0001\",\"updates\":\"3\"},\"Z\":"))
        // Tensors in byte-wise sorted order ("Z" < "a" < "e" < "o" < "s"), contiguous offsets.
        let order = ["\"Z\"", "\"actor/0.bias\"", "\"actor/0.weight\"", "\"empty\"", "\"optimizer/actor/exp_avg.0\"", "\"step\""]
        let positions = order.compactMap { header.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(header.contains("\"Z\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"))
        #expect(header.contains("\"actor/0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[4,16]}"))
        #expect(header.contains("\"empty\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[40,40]}"))
        #expect(header.contains("\"step\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[52,56]}"))
        #expect(header.hasSuffix("}") || header.hasSuffix(" "))
        #expect(bytes.count == 8 + length + 56)
        // First data bytes: 9.0f little-endian.
        #expect(Array(bytes[(8 + length)..<(12 + length)]) == [0x00, 0x00, 0x10, 0x41])
    }

    @Test func emptyCheckpointRoundTrips() throws {
        let bytes = try SafetensorsWriter.encode(SafetensorsContents(tensors: [:]))
        #expect(bytes == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        let back = try SafetensorsReader.decode(bytes, path: "e")
        #expect(back.tensors.isEmpty && back.metadata.isEmpty)
    }

    @Test func reservedOrEmptyTensorNameIsRejected() {
        for name in ["__metadata__", ""] {
            #expect(throws: CheckpointError(path: "p", problem: .invalidTensorName(name))) {
                try SafetensorsWriter.write(SafetensorsContents(tensors: [name: Tensor([1])]), to: "p")
            }
        }
    }

    @Test func missingFileIsUnreadable() {
        let path = "/nonexistent-zoo-dir/last.safetensors"
        #expect {
            _ = try SafetensorsReader.read(path: path)
        } throws: { error in
            guard let error = error as? CheckpointError, case .unreadable = error.problem else { return false }
            return error.description.hasPrefix("checkpoint \"\(path)\": cannot read the file")
        }
    }

    /// Every truncation of a valid file is rejected with the problem of that region.
    @Test func everyTruncationIsATypedError() throws {
        let bytes = try SafetensorsWriter.encode(Self.sample)
        let length = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        for cut in 0..<bytes.count {
            let found = problem(Array(bytes[..<cut]))
            switch found {
            case .tooShortForHeaderLength(let size)?:
                #expect(cut < 8 && size == cut)
            case .headerBeyondFile(let declared, let available)?:
                #expect(cut >= 8 && cut < 8 + length && declared == UInt64(length) && available == cut - 8)
            case .offsetsOutOfRange(_, _, _, let dataSize)?:
                #expect(cut >= 8 + length && dataSize == cut - 8 - length)
            default:
                Issue.record("truncation at \(cut) gave \(String(describing: found))")
            }
        }
        let message = CheckpointError(path: "runs/a/last.safetensors", problem: problem(Array(bytes[..<(bytes.count - 3)]))!).description
        #expect(message.hasPrefix("checkpoint \"runs/a/last.safetensors\": tensor \"step\" has data_offsets [52, 56] outside the 53-byte data section"))
    }

    /// Flipping any header byte never crashes, and each result is either a clean decode
    /// or one of the typed problems; structural bytes are always caught.
    @Test func flippedHeaderBytesNeverCrash() throws {
        let bytes = try SafetensorsWriter.encode(Self.sample)
        let length = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        var rejected = 0
        for index in 0..<(8 + length) {
            for mask: UInt8 in [0x01, 0x20, 0x80, 0xFF] {
                var corrupted = bytes
                corrupted[index] ^= mask
                if problem(corrupted) != nil { rejected += 1 }
            }
        }
        #expect(rejected > (8 + length) * 2)
        // Specific structural bytes.
        let header = Array(bytes[8..<(8 + length)])
        func corrupt(_ from: String, _ to: String) -> [UInt8] {
            let text = String(decoding: header, as: UTF8.self).replacingOccurrences(of: from, with: to)
            return Array(bytes[..<8]) + Array(text.utf8) + Array(bytes[(8 + length)...])
        }
        #expect(problem(corrupt("{\"__metadata__\"", "[\"__metadata__\"")).map { if case .invalidJSON = $0 { true } else { false } } == true)
        #expect(problem(corrupt("\"dtype\":\"F32\",\"shape\":[3]", "\"dtype\":\"F16\",\"shape\":[3]")) == .unsupportedDType(tensor: "actor/0.bias", dtype: "F16"))
        #expect(problem(corrupt("\"dtype\":\"F32\",\"shape\":[3]", "\"dtype\":\"Q32\",\"shape\":[3]")) == .unknownDType(tensor: "actor/0.bias", dtype: "Q32"))
        #expect(problem(corrupt("\"shape\":[3]", "\"shape\":[4]")) == .byteCountMismatch(tensor: "actor/0.bias", shape: [4], expectedBytes: 16, actualBytes: 12))
        // The high byte of the header length.
        var huge = bytes
        huge[7] = 0x01
        #expect(problem(huge) == .headerTooLarge(headerLength: UInt64(length) | (1 << 56)))
    }

    @Test(arguments: [
        // (header, data bytes, expected problem)
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
         CheckpointError.Problem.overlappingTensors(first: "a", second: "b")),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, .uncoveredData(offset: 0, dataSize: 8)),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12, .uncoveredData(offset: 4, dataSize: 12)),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8, .offsetsOutOfRange(tensor: "a", begin: 8, end: 4, dataSize: 8)),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,40]}}", 8, .offsetsOutOfRange(tensor: "a", begin: 0, end: 40, dataSize: 8)),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, .byteCountMismatch(tensor: "a", shape: [3], expectedBytes: 12, actualBytes: 8)),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", 8,
         .invalidHeader(reason: "tensor \"a\": shape [4611686018427387904, 4] is too large")),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4,
         .invalidHeader(reason: "tensor \"a\": shape entries must be non-negative integers")),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4,
         .invalidHeader(reason: "tensor \"a\": \"data_offsets\" must be two non-negative integers")),
        ("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, .invalidHeader(reason: "tensor \"a\" has no \"shape\"")),
        ("{\"a\":[1]}", 0, .invalidHeader(reason: "tensor \"a\" is an array, not an object")),
        ("{\"__metadata__\":{\"k\":1}}", 0, .invalidHeader(reason: "metadata \"k\" is a number, not a string")),
        ("{\"__metadata__\":[]}", 0, .invalidHeader(reason: "\"__metadata__\" is an array, not an object of strings")),
        ("[]", 0, .invalidHeader(reason: "the header is an array, not an object")),
        ("{\"a\":1,\"a\":2}", 0, .invalidJSON(reason: "duplicate key \"a\" at byte 7 of the header")),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", 4, .invalidJSON(reason: "unexpected end of header at byte 53 of the header")),
        ("{} x", 0, .invalidJSON(reason: "unexpected data after the JSON value at byte 3 of the header")),
    ])
    func handMadeHeaderProblems(header: String, dataBytes: Int, expected: CheckpointError.Problem) {
        #expect(problem(handMadeFile(header, dataBytes: dataBytes)) == expected)
    }

    @Test func invalidUTF8InHeaderIsInvalidJSON() {
        var bytes = handMadeFile("{\"ab\":1}", dataBytes: 0)
        bytes[10] = 0xFF
        #expect(problem(bytes) == .invalidJSON(reason: "invalid UTF-8 in a string at byte 2 of the header"))
    }

    @Test func paddedHandMadeHeaderWithEscapesDecodes() throws {
        let header = "{\"__metadata__\":{\"t\\u00e9\\ud83d\\ude00\":\"a\\/b\\n\"},\"w\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}}   "
        var bytes = handMadeFile(header, dataBytes: 0)
        bytes += [0x00, 0x00, 0x80, 0xBF]
        let back = try SafetensorsReader.decode(bytes, path: "x")
        #expect(back.metadata == ["té😀": "a/b\n"])
        #expect(back.tensors["w"]?.shape == [1, 1] && back.tensors["w"]?.scalars == [-1])
    }
}
