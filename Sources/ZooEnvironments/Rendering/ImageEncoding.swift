import Foundation

/// CRC-32 (ISO-HDLC, the one PNG and zip use) and Adler-32 (zlib) checksums.
///
/// Why written here: Zoo has no system-library dependencies at run time, and writing a
/// PNG needs only these two checksums and zlib's uncompressed "stored" blocks.
public enum Checksums {
    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 of `bytes`, continuing from `crc` (start with 0).
    public static func crc32<C: Collection>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        var c = ~crc
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// Adler-32 of `bytes`.
    public static func adler32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var a: UInt32 = 1, b: UInt32 = 0
        var pending = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            pending += 1
            if pending == 5552 {
                a %= 65521
                b %= 65521
                pending = 0
            }
        }
        return ((b % 65521) << 16) | (a % 65521)
    }
}

extension RGBFrame {
    /// The frame as a PNG file (8-bit RGB, no interlace, filter 0 on every row), its image
    /// data in zlib stored (uncompressed) deflate blocks.
    public func pngData() -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + 3 * width))
        for y in 0..<height {
            raw.append(0)
            raw.append(contentsOf: pixels[(3 * width * y)..<(3 * width * (y + 1))])
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65535, raw.count - offset)
            let final: UInt8 = offset + n == raw.count ? 1 : 0
            zlib.append(final)
            zlib.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)])
            zlib.append(contentsOf: raw[offset..<(offset + n)])
            offset += n
        } while offset < raw.count
        zlib.append(contentsOf: Self.bigEndian(Checksums.adler32(raw)))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            let typeBytes = Array(type.utf8)
            png.append(contentsOf: Self.bigEndian(UInt32(data.count)))
            png.append(contentsOf: typeBytes)
            png.append(contentsOf: data)
            png.append(contentsOf: Self.bigEndian(Checksums.crc32(data, continuing: Checksums.crc32(typeBytes))))
        }
        chunk("IHDR", Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        chunk("IDAT", zlib)
        chunk("IEND", [])
        return png
    }

    /// The frame as a binary PPM (`P6`) file.
    public func ppmData() -> [UInt8] {
        Array("P6\n\(width) \(height)\n255\n".utf8) + pixels
    }

    /// Writes the frame to `path`, as PNG unless the name ends in `.ppm`.
    public func write(to path: String) throws {
        let bytes = path.lowercased().hasSuffix(".ppm") ? ppmData() : pngData()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
