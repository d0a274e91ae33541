/// One set of axes drawn into an `SVGBuilder`: frame, grid, nice ticks and labels, title,
/// and any number of lines and shaded bands. Shared by the training figure and the
/// comparison plot, so both look alike.
struct PlotPanel {
    /// A curve to draw.
    struct Line {
        var points: [(x: Double, y: Double)]
        var color: String
        var width: Double
        var opacity: Double
    }

    /// A shaded band between two curves sharing the x values.
    struct Band {
        var x: [Double]
        var lower: [Double]
        var upper: [Double]
        var color: String
    }

    var title: String
    var xLabel: String
    var yLabel: String?
    var lines: [Line] = []
    var bands: [Band] = []

    /// Draws the panel with its outer box at (`left`, `top`) of size `width` × `height`.
    func draw(into svg: inout SVGBuilder, left: Double, top: Double, width: Double, height: Double) {
        let plotLeft = left + 64
        let plotTop = top + 34
        let plotWidth = max(10, width - 64 - 18)
        let plotHeight = max(10, height - 34 - 46)

        svg.text(title, x: plotLeft + plotWidth / 2, y: top + 20, anchor: .middle, size: 14, weight: "bold")

        var xs: [Double] = []
        var ys: [Double] = []
        for line in lines {
            for p in line.points where p.x.isFinite && p.y.isFinite {
                xs.append(p.x)
                ys.append(p.y)
            }
        }
        for band in bands {
            for i in band.x.indices where band.x[i].isFinite && band.lower[i].isFinite && band.upper[i].isFinite {
                xs.append(band.x[i])
                ys.append(band.lower[i])
                ys.append(band.upper[i])
            }
        }
        let xScale = NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, maxTicks: 6)
        let yScale = NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1, maxTicks: 6)
        func px(_ x: Double) -> Double { plotLeft + (x - xScale.lower) / (xScale.upper - xScale.lower) * plotWidth }
        func py(_ y: Double) -> Double { plotTop + plotHeight - (y - yScale.lower) / (yScale.upper - yScale.lower) * plotHeight }

        svg.rect(x: plotLeft, y: plotTop, width: plotWidth, height: plotHeight, fill: "#fafafa")
        for tick in yScale.ticks {
            let y = py(tick)
            svg.line(x1: plotLeft, y1: y, x2: plotLeft + plotWidth, y2: y, stroke: "#e3e3e3")
            svg.line(x1: plotLeft - 4, y1: y, x2: plotLeft, y2: y, stroke: "#555555")
            svg.text(yScale.label(tick), x: plotLeft - 7, y: y + 4, anchor: .end, size: 11)
        }
        for tick in xScale.ticks {
            let x = px(tick)
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotTop + plotHeight, stroke: "#e3e3e3")
            svg.line(x1: x, y1: plotTop + plotHeight, x2: x, y2: plotTop + plotHeight + 4, stroke: "#555555")
            svg.text(xScale.label(tick), x: x, y: plotTop + plotHeight + 17, anchor: .middle, size: 11)
        }
        svg.rect(x: plotLeft, y: plotTop, width: plotWidth, height: plotHeight, fill: "none", stroke: "#555555")
        svg.text(xLabel, x: plotLeft + plotWidth / 2, y: plotTop + plotHeight + 36, anchor: .middle, size: 12)
        if let yLabel {
            svg.text(yLabel, x: left + 14, y: plotTop + plotHeight / 2, anchor: .middle, size: 12, rotate: true)
        }

        if xs.isEmpty {
            svg.text("no data", x: plotLeft + plotWidth / 2, y: plotTop + plotHeight / 2 + 5, anchor: .middle,
                     size: 13, fill: "#999999")
            return
        }
        for band in bands {
            var upper: [(Double, Double)] = []
            var lower: [(Double, Double)] = []
            for i in band.x.indices where band.x[i].isFinite && band.lower[i].isFinite && band.upper[i].isFinite {
                upper.append((px(band.x[i]), py(band.upper[i])))
                lower.append((px(band.x[i]), py(band.lower[i])))
            }
            if upper.count >= 2 { svg.polygon(upper + lower.reversed(), fill: band.color, opacity: 0.18) }
        }
        for line in lines {
            let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }.map { (px($0.x), py($0.y)) }
            if points.count == 1 {
                svg.circle(x: points[0].0, y: points[0].1, radius: max(2.5, line.width * 1.5), fill: line.color)
            } else if points.count > 1 {
                svg.polyline(points, stroke: line.color, width: line.width, opacity: line.opacity)
            }
        }
    }
}
