/// A GIF colour table of at most 256 colours and the map from any RGB colour to its
/// nearest entry.
///
/// Why a fixed palette: environment frames use a handful of flat colours, so `zoo play`
/// streams frames into the GIF as they are rendered, each mapped through one global
/// table — the renderers' own colours first (exact), then a 6×6×6 colour cube and a grey
/// ramp for anything else (nearest by squared RGB distance). Lookups are cached, so a
/// frame costs one dictionary probe per pixel at most.
public struct GIFPalette: Sendable {
    /// The table, 1…256 colours.
    public let colors: [RGB]
    private var cache: [RGB: UInt8] = [:]

    /// A table with `preferred` colours first (duplicates dropped, at most 256), filled up
    /// with the 6×6×6 cube and greys.
    public init(preferred: [RGB]) {
        var table: [RGB] = []
        var seen = Set<RGB>()
        func add(_ c: RGB) {
            guard table.count < 256, seen.insert(c).inserted else { return }
            table.append(c)
        }
        for c in preferred { add(c) }
        let levels: [UInt8] = [0, 51, 102, 153, 204, 255]
        for r in levels { for g in levels { for b in levels { add(RGB(r, g, b)) } } }
        var grey = 8
        while table.count < 256 && grey < 256 {
            add(RGB(UInt8(grey), UInt8(grey), UInt8(grey)))
            grey += 6
        }
        colors = table
        for (i, c) in table.enumerated() { cache[c] = UInt8(i) }
    }

    /// The default table: every built-in renderer's colours plus the text overlay's.
    public static var standard: GIFPalette { GIFPalette(preferred: RenderColors.all) }

    /// The index of the entry nearest to `c`.
    public mutating func index(of c: RGB) -> UInt8 {
        if let i = cache[c] { return i }
        var best = 0, bestDistance = Int.max
        for (i, p) in colors.enumerated() {
            let dr = Int(p.r) - Int(c.r), dg = Int(p.g) - Int(c.g), db = Int(p.b) - Int(c.b)
            let d = dr * dr + dg * dg + db * db
            if d < bestDistance { best = i; bestDistance = d }
        }
        cache[c] = UInt8(best)
        return UInt8(best)
    }

    /// The frame's pixels as palette indices, row-major.
    public mutating func indices(of frame: RGBFrame) -> [UInt8] {
        let count = frame.width * frame.height
        var out = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return out }
        let p = frame.pixels
        var last = RGB(p[0], p[1], p[2])
        var lastIndex = index(of: last)
        for i in 0..<count {
            let c = RGB(p[3 * i], p[3 * i + 1], p[3 * i + 2])
            if c != last {
                last = c
                lastIndex = index(of: c)
            }
            out[i] = lastIndex
        }
        return out
    }

    /// The table's size rounded up to a power of two (2…256), and its log2 − 1 as the
    /// GIF "size of colour table" field.
    var tableSize: (entries: Int, field: UInt8) {
        var bits = 1
        while (1 << bits) < colors.count { bits += 1 }
        return (1 << bits, UInt8(bits - 1))
    }
}
