import ZooSupport

/// `training.svg`: the 2×2 figure of a run — episode return, entropy, critic loss, actor
/// loss against environment steps — each drawn raw (thin, light) with its rolling mean
/// (thick) on top, as in the seeds' matplotlib figure. Pure string generation: the same
/// series give the same bytes; empty series show "no data", a single point a dot, and
/// NaN/inf points are skipped.
public struct TrainingPlot: Sendable {
    /// Episode returns at the env step each episode finished.
    public var episodeReturn: PlotSeries
    /// Mean returns of the evaluations during training (`train.eval`), drawn as points
    /// joined by a line on the return panel.
    public var evaluationReturn = PlotSeries()
    /// Policy entropy per update.
    public var entropy: PlotSeries
    /// Critic (value) loss per update.
    public var criticLoss: PlotSeries
    /// Actor (policy) loss per update.
    public var actorLoss: PlotSeries
    /// Rolling-mean window over episodes.
    public var episodeWindow: Int
    /// Rolling-mean window over updates.
    public var updateWindow: Int
    /// Optional figure title (e.g. recipe name and seed).
    public var title: String?

    public init(episodeReturn: PlotSeries, entropy: PlotSeries, criticLoss: PlotSeries, actorLoss: PlotSeries,
                episodeWindow: Int = 50, updateWindow: Int = 20, title: String? = nil) {
        self.episodeReturn = episodeReturn
        self.entropy = entropy
        self.criticLoss = criticLoss
        self.actorLoss = actorLoss
        self.episodeWindow = episodeWindow
        self.updateWindow = updateWindow
        self.title = title
    }

    static let colors = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd"]

    /// The SVG document.
    public func svg() -> String {
        let panels: [(String, PlotSeries, Int)] = [
            ("Episode return", episodeReturn, episodeWindow),
            ("Entropy", entropy, updateWindow),
            ("Critic loss", criticLoss, updateWindow),
            ("Actor loss", actorLoss, updateWindow),
        ]
        let panelWidth = 500.0
        let panelHeight = 340.0
        let header = title == nil ? 0.0 : 32.0
        var svg = SVGBuilder(width: 2 * panelWidth, height: 2 * panelHeight + header)
        if let title {
            svg.text(title, x: panelWidth, y: 24, anchor: .middle, size: 16, weight: "bold")
        }
        for (index, (name, series, window)) in panels.enumerated() {
            let color = Self.colors[index]
            var lines: [PlotPanel.Line] = [
                .init(points: series.finitePoints, color: color, width: 1, opacity: 0.3),
                .init(points: series.rollingMean(window: window).finitePoints, color: color, width: 2.2, opacity: 1),
            ]
            var title = "\(name) (mean of \(max(1, window)))"
            if index == 0 && !evaluationReturn.x.isEmpty {
                lines.append(.init(points: evaluationReturn.finitePoints, color: "#ff7f0e", width: 2.2, opacity: 1))
                title += "; orange: evaluation"
            }
            let panel = PlotPanel(title: title, xLabel: "env steps", lines: lines)
            panel.draw(into: &svg, left: Double(index % 2) * panelWidth, top: header + Double(index / 2) * panelHeight,
                       width: panelWidth, height: panelHeight)
        }
        return svg.document()
    }

    /// Writes the SVG atomically to `path`.
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(svg(), to: path)
    }
}
