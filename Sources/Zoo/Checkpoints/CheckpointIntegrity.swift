import DSL

/// A CRC-32C over everything a Zoo checkpoint holds — every tensor's name, shape and bytes
/// and every metadata entry — stored in the checkpoint's metadata and verified on load,
/// so a flipped bit on disk or in a copy is refused instead of silently changing an
/// agent. Also refuses non-finite weights and optimiser buffers, naming the tensor: a
/// finished run never saves those, so they mean corruption or a hand-edited file.
///
/// The checksum is over a canonical form (tensors and metadata in sorted order), not the
/// file bytes, so it does not depend on the writer's layout. Files without the key
/// (written by another tool, e.g. PyTorch) are read without the check.
public enum CheckpointIntegrity {
    /// The metadata key holding the checksum as 8 lowercase hex digits.
    public static let metadataKey = "zoo_crc32c"

    /// `contents` with its checksum added (replacing any earlier one).
    public static func sealed(_ contents: SafetensorsContents) -> SafetensorsContents {
        var sealed = contents
        sealed.metadata[metadataKey] = hex(checksum(of: contents))
        return sealed
    }

    /// Checks the checksum (when present) and that every tensor is finite.
    public static func verify(_ contents: SafetensorsContents, path: String) throws(CheckpointError) {
        let names = SafetensorsFormat.sortedNames(contents.tensors.keys)
        if let stored = contents.metadata[metadataKey] {
            let actual = hex(checksum(of: contents, names: names))
            guard stored == actual else {
                throw CheckpointError(path: path, problem: .checksumMismatch(stored: stored, actual: actual))
            }
        }
        for name in names {
            guard let tensor = contents.tensors[name] else { continue }
            if let bad = tensor.storage.buffer.firstIndex(where: { !$0.isFinite }) {
                throw CheckpointError(path: path, problem: .nonFiniteValue(tensor: name, index: bad))
            }
        }
    }

    /// The CRC-32C of the canonical form: for each tensor by name, the name's
    /// UTF-8, a zero byte, each dimension as 8 little-endian bytes, the float32 values'
    /// little-endian bytes; then for each metadata key except the checksum's, by key, the
    /// key, a zero byte, the value, a zero byte.
    static func checksum(of contents: SafetensorsContents,
                         names: [String]? = nil) -> UInt32 {
        var crc = CRC32C.initial
        for name in names ?? SafetensorsFormat.sortedNames(contents.tensors.keys) {
            guard let tensor = contents.tensors[name] else { continue }
            crc = CRC32C.update(crc, Array(name.utf8) + [0])
            for dim in tensor.shape { crc = withUnsafeBytes(of: UInt64(dim).littleEndian) { CRC32C.update(crc, $0) } }
            // Float32 in memory is little-endian on every platform Swift runs Zoo on.
            crc = CRC32C.update(crc, UnsafeRawBufferPointer(tensor.storage.buffer))
        }
        for key in SafetensorsFormat.sortedNames(contents.metadata.keys) where key != metadataKey {
            crc = CRC32C.update(crc, Array(key.utf8) + [0] + Array((contents.metadata[key] ?? "").utf8) + [0])
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
