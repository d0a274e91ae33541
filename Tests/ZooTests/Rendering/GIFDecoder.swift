@testable import Zoo

/// A small, independent GIF89a reader for the tests: parses the blocks, LZW-decodes each
/// image and composites it onto the logical screen ("leave in place" disposal).
struct DecodedGIF {
    var width = 0, height = 0
    var globalColors: [RGB] = []
    var loopCount: Int?
    var delays: [Int] = []
    /// Composited frames as palette indices.
    var frames: [[UInt8]] = []
    /// Each frame's image rectangle.
    var rectangles: [(x: Int, y: Int, w: Int, h: Int)] = []

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(_ bytes: [UInt8]) throws {
        var at = 0
        func byte() throws -> Int {
            guard at < bytes.count else { throw Failure(description: "unexpected end at \(at)") }
            defer { at += 1 }
            return Int(bytes[at])
        }
        func le16() throws -> Int { try byte() | (try byte() << 8) }
        func blocks() throws -> [UInt8] {
            var data: [UInt8] = []
            while true {
                let n = try byte()
                if n == 0 { return data }
                guard at + n <= bytes.count else { throw Failure(description: "sub-block overruns the file") }
                data += bytes[at..<(at + n)]
                at += n
            }
        }
        guard bytes.count >= 13, String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a" else {
            throw Failure(description: "not a GIF89a header")
        }
        at = 6
        width = try le16()
        height = try le16()
        let packed = try byte()
        _ = try byte(); _ = try byte()
        if packed & 0x80 != 0 {
            let entries = 1 << ((packed & 7) + 1)
            for _ in 0..<entries { globalColors.append(RGB(UInt8(try byte()), UInt8(try byte()), UInt8(try byte()))) }
        }
        var screen = [UInt8](repeating: 0, count: width * height)
        var pendingDelay = 0
        while true {
            switch try byte() {
            case 0x3B:
                return
            case 0x21:
                let label = try byte()
                let data = try blocks()
                if label == 0xF9 {
                    guard data.count == 4 else { throw Failure(description: "graphic control extension of \(data.count) bytes") }
                    pendingDelay = Int(data[1]) | Int(data[2]) << 8
                } else if label == 0xFF, data.count >= 14, String(decoding: data[0..<11], as: UTF8.self) == "NETSCAPE2.0" {
                    loopCount = Int(data[12]) | Int(data[13]) << 8
                }
            case 0x2C:
                let x = try le16(), y = try le16(), w = try le16(), h = try le16()
                let flags = try byte()
                guard flags & 0x80 == 0 else { throw Failure(description: "local colour tables are not expected") }
                let minimum = try byte()
                let pixels = try Self.lzwDecode(try blocks(), minimumCodeSize: minimum, count: w * h)
                guard x + w <= width, y + h <= height else { throw Failure(description: "image outside the screen") }
                for row in 0..<h { for column in 0..<w { screen[(y + row) * width + x + column] = pixels[row * w + column] } }
                frames.append(screen)
                rectangles.append((x, y, w, h))
                delays.append(pendingDelay)
            case let other:
                throw Failure(description: "unknown block 0x\(String(other, radix: 16)) at \(at - 1)")
            }
        }
    }

    /// The textbook GIF LZW decoder (string table, code width grows when the next free
    /// code reaches 2^width, deferred clear allowed).
    static func lzwDecode(_ data: [UInt8], minimumCodeSize: Int, count: Int) throws -> [UInt8] {
        let clear = 1 << minimumCodeSize, end = clear + 1
        var table: [[UInt8]] = []
        func resetTable() { table = (0..<(clear + 2)).map { $0 < clear ? [UInt8($0)] : [] } }
        resetTable()
        var width = minimumCodeSize + 1
        var bitPosition = 0
        var previous: [UInt8]?
        var out: [UInt8] = []
        while bitPosition + width <= data.count * 8 {
            var code = 0
            for i in 0..<width {
                let bit = bitPosition + i
                if data[bit >> 3] & (1 << (bit & 7)) != 0 { code |= 1 << i }
            }
            bitPosition += width
            if code == clear {
                resetTable()
                width = minimumCodeSize + 1
                previous = nil
                continue
            }
            if code == end { break }
            var entry: [UInt8]
            if code < table.count {
                entry = table[code]
            } else if code == table.count, let previous {
                entry = previous + [previous[0]]
            } else {
                throw Failure(description: "bad LZW code \(code) with \(table.count) entries")
            }
            out += entry
            if let previous, table.count < 4096 {
                table.append(previous + [entry[0]])
                if table.count == 1 << width && width < 12 { width += 1 }
            }
            previous = entry
        }
        guard out.count == count else { throw Failure(description: "decoded \(out.count) pixels, expected \(count)") }
        return out
    }
}
