/// An RGB colour, 8 bits per channel.
///
/// Why: the renderer's palette (Gymnasium's colours) and the rasteriser's fills share
/// one small value type instead of loose byte triples.
public struct RGB: Sendable, Equatable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
}

/// A small software rasteriser drawing into an `RGBFrame`: filled polygons (scanline,
/// even–odd rule, sampled at pixel centres) and one-pixel lines.
///
/// Why: Zoo renders environments without any graphics library (no pygame, no system
/// dependency), for `zoo play` GIFs and debugging images. Coordinates are in pixels with
/// the origin at the top-left and y growing downwards, as in the frame's memory; callers
/// with a y-up world (Box2D) flip with `height - y`.
public struct Canvas: Sendable {
    public private(set) var frame: RGBFrame

    /// A canvas of `width × height` pixels filled with `background`.
    public init(width: Int, height: Int, background: RGB) {
        let w = max(width, 0), h = max(height, 0)
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) {
            pixels[3 * i] = background.r
            pixels[3 * i + 1] = background.g
            pixels[3 * i + 2] = background.b
        }
        frame = RGBFrame(width: w, height: h, pixels: pixels)
    }

    /// A canvas that draws over an existing frame.
    public init(frame: RGBFrame) {
        self.frame = frame
    }

    public var width: Int { frame.width }
    public var height: Int { frame.height }

    /// The colour of pixel (x, y); `nil` outside the canvas.
    public func pixel(_ x: Int, _ y: Int) -> RGB? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = 3 * (y * width + x)
        return RGB(frame.pixels[i], frame.pixels[i + 1], frame.pixels[i + 2])
    }

    /// Sets pixel (x, y) when it lies on the canvas.
    @inline(__always)
    public mutating func plot(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        frame.pixels[i] = c.r
        frame.pixels[i + 1] = c.g
        frame.pixels[i + 2] = c.b
    }

    /// Fills the polygon through `points` (closed implicitly): every pixel whose centre is
    /// inside by the even–odd rule. Non-finite points are ignored.
    public mutating func fillPolygon(_ points: [(x: Double, y: Double)], _ c: RGB) {
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 3 else { return }
        let minY = pts.map(\.y).min() ?? 0, maxY = pts.map(\.y).max() ?? 0
        let rowStart = max(0, Int((minY - 0.5).rounded(.up)))
        let rowEnd = min(height - 1, Int((maxY - 0.5).rounded(.down)))
        guard rowStart <= rowEnd else { return }
        var crossings: [Double] = []
        crossings.reserveCapacity(pts.count)
        for row in rowStart...rowEnd {
            let y = Double(row) + 0.5
            crossings.removeAll(keepingCapacity: true)
            for i in 0..<pts.count {
                let a = pts[i], b = pts[(i + 1) % pts.count]
                // Half-open in y so that a vertex on the scanline is counted once.
                if (a.y <= y && b.y > y) || (b.y <= y && a.y > y) {
                    crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
                }
            }
            crossings.sort()
            var k = 0
            while k + 1 < crossings.count {
                let x0 = max(0, Int((crossings[k] - 0.5).rounded(.up)))
                let x1 = min(width - 1, Int((crossings[k + 1] - 0.5).rounded(.down)))
                if x0 <= x1 { for x in x0...x1 { plot(x, row, c) } }
                k += 2
            }
        }
    }

    /// Draws the outline of a closed polygon with one-pixel lines.
    public mutating func strokePolygon(_ points: [(x: Double, y: Double)], _ c: RGB) {
        guard points.count >= 2 else { return }
        for i in 0..<points.count {
            drawLine(from: points[i], to: points[(i + 1) % points.count], c)
        }
    }

    /// A one-pixel line (DDA over the longer axis) between two points in pixel units.
    public mutating func drawLine(from a: (x: Double, y: Double), to b: (x: Double, y: Double), _ c: RGB) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let dx = b.x - a.x, dy = b.y - a.y
        let steps = Int(max(abs(dx), abs(dy)).rounded(.up))
        guard steps > 0 else {
            plot(Int(a.x.rounded(.down)), Int(a.y.rounded(.down)), c)
            return
        }
        // Very long lines (off-canvas geometry) are clipped by plot(); cap the work.
        let n = min(steps, 4 * (width + height))
        for s in 0...n {
            // (d·s)/n, not d·(s/n): exact for whole-pixel lengths, so no pixel is skipped.
            let k = Double(s), count = Double(n)
            plot(Int((a.x + dx * k / count).rounded(.down)), Int((a.y + dy * k / count).rounded(.down)), c)
        }
    }
}
