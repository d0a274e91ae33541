import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Zoo
@testable import ZooReporting

/// Parses SVG text with Foundation's XML parser and collects element names.
final class SVGElementCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[elementName, default: 0] += 1
        if elementName == "text" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !texts.isEmpty { texts[texts.count - 1] += string }
    }

    /// Parses `svg`; nil if it is not well-formed XML.
    static func parse(_ svg: String) -> SVGElementCounter? {
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = SVGElementCounter()
        parser.delegate = counter
        return parser.parse() ? counter : nil
    }
}

/// A deterministic noisy learning curve for plot tests.
func syntheticSeries(count: Int, stepsPerPoint: Double, seed: UInt64, shape: (Double) -> Double) -> PlotSeries {
    var state = seed
    var xs: [Double] = []
    var ys: [Double] = []
    for i in 0..<count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let noise = Double(state >> 11) / Double(1 << 53) - 0.5
        let t = Double(i) / Double(max(1, count - 1))
        xs.append(Double(i + 1) * stepsPerPoint)
        ys.append(shape(t) + noise * shape(t) * 0.8 + noise * 10)
    }
    return PlotSeries(x: xs, y: ys)
}

func sampleTrainingPlot() -> TrainingPlot {
    TrainingPlot(
        episodeReturn: syntheticSeries(count: 600, stepsPerPoint: 500, seed: 1) { 20 + 460 / (1 + exp(-10 * ($0 - 0.5))) },
        entropy: syntheticSeries(count: 300, stepsPerPoint: 1000, seed: 2) { 0.69 - 0.5 * $0 },
        criticLoss: syntheticSeries(count: 300, stepsPerPoint: 1000, seed: 3) { 80 * exp(-3 * $0) + 5 },
        actorLoss: syntheticSeries(count: 300, stepsPerPoint: 1000, seed: 4) { -0.02 * $0 },
        title: "ppo-cartpole · seed 1")
}

@Suite("Plots")
struct PlotTests {
    @Test func niceScales() {
        let steps = NiceScale(minimum: 0, maximum: 1_000_000)
        #expect(steps.ticks == [0, 200_000, 400_000, 600_000, 800_000, 1_000_000])
        #expect(steps.ticks.map(steps.label) == ["0", "0.2M", "0.4M", "0.6M", "0.8M", "1.0M"])
        let millions = NiceScale(minimum: 0, maximum: 3_000_000)
        #expect(millions.ticks.map(millions.label) == ["0", "1M", "2M", "3M"])
        let thousands = NiceScale(minimum: 0, maximum: 45_000)
        #expect(thousands.ticks.map(thousands.label) == ["0", "10k", "20k", "30k", "40k", "50k"])
        let small = NiceScale(minimum: 0.0013, maximum: 0.0071)
        #expect(small.lower <= 0.0013 && small.upper >= 0.0071)
        #expect(small.ticks.map(small.label) == ["0", "0.002", "0.004", "0.006", "0.008"])
        let tiny = NiceScale(minimum: 0, maximum: 3e-6)
        #expect(tiny.ticks.map(tiny.label) == ["0", "1e-6", "2e-6", "3e-6"])
        let negative = NiceScale(minimum: -0.037, maximum: 0.012)
        #expect(negative.ticks.map(negative.label) == ["-0.04", "-0.03", "-0.02", "-0.01", "0", "0.01", "0.02"])
        let constant = NiceScale(minimum: 5, maximum: 5)
        #expect(constant.lower < 5 && constant.upper > 5)
        let zero = NiceScale(minimum: 0, maximum: 0)
        #expect(zero.lower == -1 && zero.upper == 1)
        #expect(NiceScale(minimum: .nan, maximum: 1) == NiceScale(minimum: 0, maximum: 1))
        #expect(NiceScale(minimum: 0, maximum: .infinity) == NiceScale(minimum: 0, maximum: 1))
    }

    @Test func numberFormattingIsFixedAndLocaleFree() {
        #expect(SVGBuilder.number(12.5) == "12.5")
        #expect(SVGBuilder.number(3) == "3")
        #expect(SVGBuilder.number(-0.001) == "0")
        #expect(SVGBuilder.number(-0.25) == "-0.25")
        #expect(SVGBuilder.number(1.005) == "1")
        #expect(SVGBuilder.number(0.07) == "0.07")
        #expect(SVGBuilder.number(.nan) == "0")
        #expect(SVGBuilder.escape("a<b & \"c\" 'd'>\u{01}") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt; ")
    }

    @Test func rollingMeanSkipsNonFiniteAndUsesShorterWindowsAtTheStart() {
        let series = PlotSeries(x: [1, 2, 3, 4, 5, 6], y: [1, .nan, 3, 5, .infinity, 7])
        let mean = series.rollingMean(window: 2)
        #expect(mean.x == [1, 3, 4, 6])
        #expect(mean.y == [1, 2, 4, 6])
        #expect(PlotSeries().rollingMean(window: 50) == PlotSeries())
        #expect(PlotSeries(x: [1, 2, 3], y: [5]).x == [1])
    }

    @Test func trainingPlotIsValidDeterministicXML() throws {
        let plot = sampleTrainingPlot()
        let svg = plot.svg()
        #expect(svg == sampleTrainingPlot().svg())
        let parsed = try #require(SVGElementCounter.parse(svg))
        #expect(parsed.elements["svg"] == 1)
        #expect(parsed.elements["polyline"] == 8)  // raw + mean in each of 4 panels
        for title in ["Episode return (mean of 50)", "Entropy (mean of 20)", "Critic loss (mean of 20)", "Actor loss (mean of 20)"] {
            #expect(parsed.texts.contains(title))
        }
        #expect(parsed.texts.filter { $0 == "env steps" }.count == 4)
        #expect(parsed.texts.contains("ppo-cartpole · seed 1"))
        #expect(parsed.texts.contains("300k"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func degenerateSeries() throws {
        let plot = TrainingPlot(
            episodeReturn: PlotSeries(),
            entropy: PlotSeries(x: [1000], y: [0.5]),
            criticLoss: PlotSeries(x: [1, 2, 3, 4], y: [.nan, .infinity, -.infinity, .nan]),
            actorLoss: PlotSeries(x: [0, 100, 200], y: [2, 2, 2]),
            title: "<edge & cases>")
        let svg = plot.svg()
        let parsed = try #require(SVGElementCounter.parse(svg))
        #expect(parsed.texts.filter { $0 == "no data" }.count == 2)
        #expect(parsed.elements["circle"] == 2)  // single point: raw and mean dots
        #expect(parsed.elements["polyline"] == 2)  // the constant series
        #expect(parsed.texts.contains("<edge & cases>"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func aggregateCurves() {
        let runs = [
            PlotSeries(x: [0, 10, 20], y: [0, 2, 4]),
            PlotSeries(x: [5, 15, 25, 35], y: [1, 3, 5, 7]),
            PlotSeries(x: [], y: []),
        ]
        let curve = ComparisonCurve.aggregate(name: "ppo", runs: runs, points: 3)
        // Grid 0, 10, 20 (the smaller final x); at 0 only the first run has a value.
        #expect(curve.x == [0, 10, 20])
        #expect(curve.mean == [0, 1.5, 3.5])
        #expect(curve.std == [0, 0.5, 0.5])
        #expect(ComparisonCurve.aggregate(name: "none", runs: [], points: 10).x.isEmpty)
    }

    @Test func comparisonPlotIsValidXMLWithLegend() throws {
        let curves = ["a2c", "ppo", "grpo"].enumerated().map { index, name in
            ComparisonCurve.aggregate(name: name, runs: (0..<4).map { seed in
                syntheticSeries(count: 200, stepsPerPoint: 2500, seed: UInt64(10 * index + seed)) {
                    30 + Double(150 * (index + 1)) * $0
                }.rollingMean(window: 20)
            })
        }
        let svg = ComparisonPlot(curves: curves, title: "CartPole-v1 & friends").svg()
        #expect(svg == ComparisonPlot(curves: curves, title: "CartPole-v1 & friends").svg())
        let parsed = try #require(SVGElementCounter.parse(svg))
        #expect(parsed.elements["polygon"] == 3)
        #expect(parsed.elements["polyline"] == 3)
        #expect(["a2c", "ppo", "grpo"].allSatisfy(parsed.texts.contains))
        #expect(parsed.texts.contains("CartPole-v1 & friends"))
        let empty = try #require(SVGElementCounter.parse(ComparisonPlot(curves: []).svg()))
        #expect(empty.texts.contains("no data"))
    }
}
