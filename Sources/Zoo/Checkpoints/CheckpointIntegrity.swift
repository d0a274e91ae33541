import DSL

/// A CRC-32 over everything a Zoo checkpoint holds — every tensor's name, shape and bytes
/// and every metadata entry — stored in the checkpoint's metadata and verified on load,
/// so a flipped bit on disk or in a copy is refused instead of silently changing an
/// agent. Also refuses non-finite weights and optimiser buffers, naming the tensor: a
/// finished run never saves those, so they mean corruption or a hand-edited file.
///
/// The checksum is over a canonical form (tensors and metadata in sorted order), not the
/// file bytes, so it does not depend on the writer's layout; Python reproduces it with
/// `zlib.crc32` (see `scripts/check_outputs.py`). Files without the key (written by
/// another tool, e.g. PyTorch) are read without the check.
public enum CheckpointIntegrity {
    /// The metadata key holding the checksum as 8 lowercase hex digits.
    public static let metadataKey = "zoo_crc32"

    /// `contents` with its checksum added (replacing any earlier one).
    public static func sealed(_ contents: SafetensorsContents) -> SafetensorsContents {
        var sealed = contents
        sealed.metadata[metadataKey] = hex(checksum(of: contents))
        return sealed
    }

    /// Checks the checksum (when present) and that every tensor is finite.
    public static func verify(_ contents: SafetensorsContents, path: String) throws(CheckpointError) {
        if let stored = contents.metadata[metadataKey] {
            let actual = hex(checksum(of: contents))
            guard stored == actual else {
                throw CheckpointError(path: path, problem: .checksumMismatch(stored: stored, actual: actual))
            }
        }
        for name in SafetensorsFormat.sortedNames(contents.tensors.keys) {
            guard let tensor = contents.tensors[name] else { continue }
            if let bad = tensor.storage.buffer.firstIndex(where: { !$0.isFinite }) {
                throw CheckpointError(path: path, problem: .nonFiniteValue(tensor: name, index: bad))
            }
        }
    }

    /// The CRC-32 (IEEE, as zlib) of the canonical form: for each tensor by name, the name's
    /// UTF-8, a zero byte, each dimension as 8 little-endian bytes, the float32 values'
    /// little-endian bytes; then for each metadata key except the checksum's, by key, the
    /// key, a zero byte, the value, a zero byte.
    static func checksum(of contents: SafetensorsContents) -> UInt32 {
        var crc = CRC32()
        for name in SafetensorsFormat.sortedNames(contents.tensors.keys) {
            guard let tensor = contents.tensors[name] else { continue }
            crc.update(Array(name.utf8) + [0])
            for dim in tensor.shape { withUnsafeBytes(of: UInt64(dim).littleEndian) { crc.update($0) } }
            // Float32 in memory is little-endian on every platform Swift runs Zoo on.
            crc.update(UnsafeRawBufferPointer(tensor.storage.buffer))
        }
        for key in SafetensorsFormat.sortedNames(contents.metadata.keys) where key != metadataKey {
            crc.update(Array(key.utf8) + [0] + Array((contents.metadata[key] ?? "").utf8) + [0])
        }
        return crc.value
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// CRC-32 with the IEEE polynomial (zlib's `crc32`), a byte at a time from a table.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    private var state: UInt32 = 0xFFFF_FFFF

    /// The checksum of everything added so far.
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var c = state
        Self.table.withUnsafeBufferPointer { table in
            for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }
}
