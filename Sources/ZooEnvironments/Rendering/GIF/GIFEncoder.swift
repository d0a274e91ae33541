/// Builds an animated GIF89a frame by frame: one global colour table (`GIFPalette`), a
/// NETSCAPE2.0 loop extension, and per frame a graphic control extension (delay, "leave
/// in place" disposal) and an LZW-compressed image holding only the rectangle that
/// changed since the previous frame.
///
/// Why: `zoo play` writes episodes as GIFs without any image library, streaming frames
/// as they are rendered so that a long episode never holds every frame in memory.
public struct GIFEncoder: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var palette: GIFPalette
    public private(set) var frameCount = 0
    private var bytes: [UInt8] = []
    private var previous: [UInt8]?

    /// Starts a GIF of `width × height` (1…65535) that loops `loopCount` times (0: for ever).
    public init(width: Int, height: Int, palette: GIFPalette = .standard, loopCount: Int = 0) {
        precondition((1...65535).contains(width) && (1...65535).contains(height), "GIF sides are 1…65535 pixels")
        self.width = width
        self.height = height
        self.palette = palette
        let table = palette.tableSize
        bytes += Array("GIF89a".utf8)
        bytes += Self.le16(width) + Self.le16(height)
        bytes += [0x80 | 0x70 | table.field, 0, 0]
        for i in 0..<table.entries {
            let c = i < palette.colors.count ? palette.colors[i] : RGB.black
            bytes += [c.r, c.g, c.b]
        }
        bytes += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01] + Self.le16(loopCount) + [0x00]
    }

    /// Appends `frame` (same size as the GIF), shown for `delay` hundredths of a second.
    public mutating func addFrame(_ frame: RGBFrame, delay: Int) {
        precondition(frame.width == width && frame.height == height, "every GIF frame must be \(width)×\(height)")
        let indices = palette.indices(of: frame)
        addFrame(indices: indices, delay: delay)
    }

    /// Appends a frame given as palette indices, row-major.
    public mutating func addFrame(indices: [UInt8], delay: Int) {
        precondition(indices.count == width * height, "a frame needs width × height indices")
        var rect = (x: 0, y: 0, w: width, h: height)
        if let previous {
            rect = Self.changedRectangle(previous, indices, width: width, height: height)
        }
        var sub: [UInt8] = []
        sub.reserveCapacity(rect.w * rect.h)
        for y in rect.y..<(rect.y + rect.h) {
            sub += indices[(y * width + rect.x)..<(y * width + rect.x + rect.w)]
        }
        bytes += [0x21, 0xF9, 0x04, 0x04] + Self.le16(min(max(delay, 0), 65535)) + [0x00, 0x00]
        bytes += [0x2C] + Self.le16(rect.x) + Self.le16(rect.y) + Self.le16(rect.w) + Self.le16(rect.h) + [0x00]
        bytes.append(8)
        bytes += GIFLZW.subBlocks(GIFLZW.compress(sub, minimumCodeSize: 8))
        previous = indices
        frameCount += 1
    }

    /// The finished file (the encoder can keep adding frames; each call returns the
    /// file as it stands).
    public func data() -> [UInt8] { bytes + [0x3B] }

    /// The smallest rectangle holding every pixel that differs (1×1 when none does).
    static func changedRectangle(_ a: [UInt8], _ b: [UInt8], width: Int, height: Int) -> (x: Int, y: Int, w: Int, h: Int) {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width && a[row + x] == b[row + x] { x += 1 }
            guard x < width else { continue }
            var last = width - 1
            while a[row + last] == b[row + last] { last -= 1 }
            minX = min(minX, x)
            maxX = max(maxX, last)
            if minY == height { minY = y }
            maxY = y
        }
        guard maxX >= 0 else { return (0, 0, 1, 1) }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1)
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
}
