import ZooSupport

/// One named learning curve of a comparison: a mean over seeds with its standard deviation
/// at each x (env steps).
public struct ComparisonCurve: Equatable, Sendable {
    public var name: String
    public var x: [Double]
    public var mean: [Double]
    public var std: [Double]

    public init(name: String, x: [Double], mean: [Double], std: [Double]) {
        let count = min(x.count, mean.count, std.count)
        self.name = name
        self.x = Array(x.prefix(count))
        self.mean = Array(mean.prefix(count))
        self.std = Array(std.prefix(count))
    }

    /// Averages several runs (e.g. one smoothed return curve per seed) on a common grid of
    /// `points` x values from 0 to the largest x that every run reached. Each run
    /// contributes its latest value at or before each grid x; grid points that no run has
    /// reached yet are left out. The std is the population standard deviation over runs.
    public static func aggregate(name: String, runs: [PlotSeries], points: Int = 100) -> ComparisonCurve {
        let finiteRuns = runs.map(\.finitePoints).filter { !$0.isEmpty }
        guard let end = finiteRuns.compactMap({ $0.last?.x }).min(), points > 0 else {
            return ComparisonCurve(name: name, x: [], mean: [], std: [])
        }
        var xs: [Double] = []
        var means: [Double] = []
        var stds: [Double] = []
        for index in 0..<points {
            let gridX = points == 1 ? end : end * Double(index) / Double(points - 1)
            var values: [Double] = []
            for run in finiteRuns {
                // The last point with x <= gridX (runs are in increasing x).
                var low = 0
                var high = run.count
                while low < high {
                    let mid = (low + high) / 2
                    if run[mid].x <= gridX { low = mid + 1 } else { high = mid }
                }
                if low > 0 { values.append(run[low - 1].y) }
            }
            guard !values.isEmpty else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            xs.append(gridX)
            means.append(mean)
            stds.append(variance.squareRoot())
        }
        return ComparisonCurve(name: name, x: xs, mean: means, std: stds)
    }
}

/// `compare.svg`: several algorithms' (or configurations') learning curves on one set of
/// axes, each a mean line with a shaded ±std band, and a legend — the output of comparing
/// A2C / PPO / GRPO on the same recipe and seeds. Deterministic string generation.
public struct ComparisonPlot: Sendable {
    public var curves: [ComparisonCurve]
    public var title: String
    public var yLabel: String

    public init(curves: [ComparisonCurve], title: String = "Episode return", yLabel: String = "return") {
        self.curves = curves
        self.title = title
        self.yLabel = yLabel
    }

    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The SVG document.
    public func svg() -> String {
        let legendWidth = 190.0
        var svg = SVGBuilder(width: 900 + legendWidth, height: 560)
        var panel = PlotPanel(title: title, xLabel: "env steps", yLabel: yLabel)
        for (index, curve) in curves.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            panel.bands.append(.init(x: curve.x, lower: zip(curve.mean, curve.std).map { $0 - $1 },
                                     upper: zip(curve.mean, curve.std).map { $0 + $1 }, color: color))
            panel.lines.append(.init(points: zip(curve.x, curve.mean).map { (x: $0, y: $1) },
                                     color: color, width: 2.2, opacity: 1))
        }
        panel.draw(into: &svg, left: 0, top: 0, width: 900, height: 560)
        // Legend, right of the axes.
        let legendLeft = 900.0
        for (index, curve) in curves.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let y = 50 + Double(index) * 24
            svg.rect(x: legendLeft, y: y - 9, width: 26, height: 12, fill: color, opacity: 0.18)
            svg.line(x1: legendLeft, y1: y - 3, x2: legendLeft + 26, y2: y - 3, stroke: color, width: 2.2)
            svg.text(curve.name, x: legendLeft + 34, y: y + 1, size: 12)
        }
        if !curves.isEmpty {
            svg.text("line: mean, band: ±1 std", x: legendLeft, y: 50 + Double(curves.count) * 24 + 6,
                     size: 10, fill: "#777777")
        }
        return svg.document()
    }

    /// Writes the SVG atomically to `path`.
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(svg(), to: path)
    }
}
