/// GIF's variable-length LZW compression of palette indices (GIF89a, appendix F):
/// codes start one bit wider than the minimum code size, grow to 12 bits, and a clear
/// code restarts the table when it is full. Codes are packed least-significant bit first.
///
/// Why written here: Zoo has no image library; `zoo play` needs compressed frames to keep
/// GIFs of long episodes small.
public enum GIFLZW {
    /// The compressed bytes of `indices` (each below 2^`minimumCodeSize`), without the
    /// sub-block framing.
    public static func compress(_ indices: [UInt8], minimumCodeSize: Int = 8) -> [UInt8] {
        precondition((2...8).contains(minimumCodeSize), "GIF minimum code size is 2…8")
        let clear = 1 << minimumCodeSize, end = clear + 1
        var writer = BitWriter()
        // The dictionary: child code of (prefix code, next index), -1 when absent. Only the
        // entries set since the last clear are reset.
        var table = [Int16](repeating: -1, count: 4096 << 8)
        var used: [Int] = []
        used.reserveCapacity(4096)
        var codeSize = minimumCodeSize + 1
        var next = clear + 2
        writer.write(clear, bits: codeSize)
        guard var prefix = indices.first.map(Int.init) else {
            writer.write(end, bits: codeSize)
            return writer.finish()
        }
        for k in indices.dropFirst() {
            let key = prefix << 8 | Int(k)
            let child = table[key]
            if child >= 0 {
                prefix = Int(child)
                continue
            }
            writer.write(prefix, bits: codeSize)
            if next < 4096 {
                table[key] = Int16(next)
                used.append(key)
                next += 1
                if next > 1 << codeSize && codeSize < 12 { codeSize += 1 }
            } else {
                writer.write(clear, bits: codeSize)
                for u in used { table[u] = -1 }
                used.removeAll(keepingCapacity: true)
                codeSize = minimumCodeSize + 1
                next = clear + 2
            }
            prefix = Int(k)
        }
        writer.write(prefix, bits: codeSize)
        writer.write(end, bits: codeSize)
        return writer.finish()
    }

    /// `data` cut into GIF sub-blocks (a length byte, up to 255 bytes) and the block
    /// terminator.
    public static func subBlocks(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 255 + 2)
        var offset = 0
        while offset < data.count {
            let n = min(255, data.count - offset)
            out.append(UInt8(n))
            out.append(contentsOf: data[offset..<(offset + n)])
            offset += n
        }
        out.append(0)
        return out
    }

    /// Packs codes least-significant bit first.
    private struct BitWriter {
        var bytes: [UInt8] = []
        var buffer = 0
        var count = 0

        mutating func write(_ code: Int, bits: Int) {
            buffer |= code << count
            count += bits
            while count >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                count -= 8
            }
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
            return bytes
        }
    }
}
