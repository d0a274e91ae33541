/// A series of (x, y) points for a plot: x is usually environment steps, y a metric.
/// Non-finite points are kept here and skipped when drawn or averaged.
public struct PlotSeries: Equatable, Sendable {
    public var x: [Double]
    public var y: [Double]

    /// Points pairing `x[i]` with `y[i]`; extra values of the longer array are ignored.
    public init(x: [Double], y: [Double]) {
        let count = min(x.count, y.count)
        self.x = Array(x.prefix(count))
        self.y = Array(y.prefix(count))
    }

    public init() { self.init(x: [], y: []) }

    /// The points whose x and y are both finite, in order.
    public var finitePoints: [(x: Double, y: Double)] {
        zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
    }

    /// The trailing rolling mean over `window` finite points (fewer at the start), at the
    /// x of each finite point: the smoothed curve drawn over the raw one.
    public func rollingMean(window: Int) -> PlotSeries {
        let points = finitePoints
        let width = max(1, window)
        var means: [Double] = []
        means.reserveCapacity(points.count)
        for index in points.indices {
            let start = max(0, index - width + 1)
            var sum = 0.0
            for j in start...index { sum += points[j].y }
            means.append(sum / Double(index - start + 1))
        }
        return PlotSeries(x: points.map(\.x), y: means)
    }
}
