import DSL

/// Encodes tensors and metadata as a safetensors file, byte-for-byte as Python's
/// `safetensors` library would for the same float32 tensors.
///
/// Layout: an 8-byte little-endian header length; a compact JSON header with
/// `__metadata__` first (keys sorted, so output is deterministic — the reference library
/// uses hash order there) and then one `{"dtype":"F32","shape":[…],"data_offsets":[b,e]}`
/// entry per tensor in byte-wise sorted name order; the header padded with spaces to a
/// multiple of 8; then the tensors' little-endian float32 data in that same order.
public enum SafetensorsWriter {
    /// The complete file content.
    public static func encode(_ contents: SafetensorsContents) throws(CheckpointError.Problem) -> [UInt8] {
        let names = SafetensorsFormat.sortedNames(contents.tensors.keys)
        var header = "{"
        var first = true
        if !contents.metadata.isEmpty {
            header += JSONStringEscaper.quoted(SafetensorsFormat.metadataKey) + ":{"
            let keys = SafetensorsFormat.sortedNames(contents.metadata.keys)
            header += keys.map { key in
                JSONStringEscaper.quoted(key) + ":" + JSONStringEscaper.quoted(contents.metadata[key] ?? "")
            }.joined(separator: ",")
            header += "}"
            first = false
        }
        var offset = 0
        var tensors: [Tensor] = []
        tensors.reserveCapacity(names.count)
        for name in names {
            guard !name.isEmpty, name != SafetensorsFormat.metadataKey,
                  let tensor = contents.tensors[name] else { throw .invalidTensorName(name) }
            let byteCount = tensor.count * MemoryLayout<Float>.size
            if !first { header += "," }
            first = false
            header += JSONStringEscaper.quoted(name)
            header += ":{\"dtype\":\"F32\",\"shape\":["
            header += tensor.shape.map(String.init).joined(separator: ",")
            header += "],\"data_offsets\":[\(offset),\(offset + byteCount)]}"
            offset += byteCount
            tensors.append(tensor)
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        headerBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8))

        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        var length = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for tensor in tensors {
            for scalar in tensor.scalars {
                var bits = scalar.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Writes `contents` to `path` atomically (temp file + fsync + rename), creating
    /// parent directories, so an interrupted save never damages the previous checkpoint.
    public static func write(_ contents: SafetensorsContents, to path: String) throws(CheckpointError) {
        let bytes: [UInt8]
        do throws(CheckpointError.Problem) {
            bytes = try encode(contents)
        } catch {
            throw CheckpointError(path: path, problem: error)
        }
        do throws(FileWriteError) {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw CheckpointError(path: path, problem: .writeFailed(error))
        }
    }
}
