import Foundation

extension Canvas {
    /// Fills the axis-aligned rectangle with top-left (x, y), clipped to the canvas.
    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB) {
        let x0 = max(x, 0), y0 = max(y, 0), x1 = min(x + w, width), y1 = min(y + h, height)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for column in x0..<x1 { plot(column, row, c) }
        }
    }

    /// Fills the disc of `radius` pixels around `center` (a 32-sided polygon, as
    /// pygame's `filled_circle` looks at these sizes).
    public mutating func fillCircle(center: (x: Double, y: Double), radius: Double, _ c: RGB) {
        guard radius > 0 else { return }
        let sides = 32
        let points = (0..<sides).map { k -> (x: Double, y: Double) in
            let a = 2 * Double.pi * Double(k) / Double(sides)
            return (center.x + radius * cos(a), center.y + radius * sin(a))
        }
        fillPolygon(points, c)
    }

    /// Draws a polyline through `points` with one-pixel lines.
    public mutating func drawPolyline(_ points: [(x: Double, y: Double)], _ c: RGB) {
        guard points.count >= 2 else { return }
        for i in 0..<(points.count - 1) { drawLine(from: points[i], to: points[i + 1], c) }
    }
}
