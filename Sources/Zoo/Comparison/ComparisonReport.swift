import Foundation

/// One recipe's line of a comparison: its runs over seeds and what they achieved.
public struct RecipeComparison: Sendable {
    public let name: String
    public let environment: String?
    /// The environment's reward threshold (registry spec), if it has one.
    public let threshold: Double?
    public let runs: [RunResult]

    public var finishedRuns: [RunResult] { runs.filter { $0.failure == nil } }

    /// Mean and population std over finished seeds of the final rolling mean return.
    public var finalReturn: (mean: Double, std: Double)? {
        ReportFormat.meanAndStd(finishedRuns.compactMap { $0.summary?.finalMeanReturn }.filter(\.isFinite))
    }

    /// The best rolling mean return of any finished seed.
    public var best: Double? { finishedRuns.compactMap { $0.summary?.bestMeanReturn }.filter(\.isFinite).max() }

    /// Seeds that reached the threshold, and their mean env steps and estimated wall
    /// seconds to it (the run's wall time × the fraction of its steps taken by then).
    public var toThreshold: (reached: Int, steps: Double?, seconds: Double?) {
        guard let threshold else { return (0, nil, nil) }
        var steps: [Double] = [], seconds: [Double] = []
        for run in finishedRuns {
            guard let s = run.stepsToReach(threshold) else { continue }
            steps.append(s)
            if let summary = run.summary, summary.envSteps > 0 {
                seconds.append(summary.wallSeconds * s / Double(summary.envSteps))
            }
        }
        func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }
        return (steps.count, mean(steps), mean(seconds))
    }

    /// Mean training throughput of the finished seeds, env steps per second.
    public var stepsPerSecond: Double? {
        let rates = finishedRuns.compactMap { run -> Double? in
            guard let s = run.summary, s.wallSeconds > 0 else { return nil }
            return Double(s.envSteps) / s.wallSeconds
        }
        return rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
    }

    /// The seeds' mean learning curve with its ±std band.
    public var curve: ComparisonCurve {
        ComparisonCurve.aggregate(name: name, runs: finishedRuns.map(\.curve).filter { !$0.x.isEmpty })
    }
}

/// `zoo compare`'s results: a table per recipe (printed and in `report.md`) and the
/// learning curves (`compare.svg`).
public struct ComparisonReport: Sendable {
    public let plan: ComparisonPlan
    public let outcomes: [RunOutcome]
    public let recipes: [RecipeComparison]

    /// Reads every run of `plan`; `threshold` looks up an environment's reward threshold.
    public init(plan: ComparisonPlan, outcomes: [RunOutcome],
                threshold: (String) -> Double? = { try? EnvironmentRegistry.shared.spec($0).rewardThreshold }) {
        self.plan = plan
        self.outcomes = outcomes
        recipes = plan.recipes.map { entry in
            let runs = plan.jobs.filter { $0.recipe == entry }.map { job in
                RunResults.read(job, outcome: outcomes.first { $0.job == job })
            }
            return RecipeComparison(name: entry.name, environment: entry.environment,
                                    threshold: entry.environment.flatMap(threshold), runs: runs)
        }
    }

    static let columns = ["recipe", "runs ok", "final return (mean ± std)", "best", "steps to threshold",
                          "wall time to threshold", "steps/s"]

    /// The cells of each recipe's row.
    public var rows: [[String]] {
        recipes.map { r in
            let final = r.finalReturn.map(ReportFormat.plusMinus) ?? "—"
            let reach = r.toThreshold
            let stepsCell: String, timeCell: String
            if let threshold = r.threshold {
                let n = r.finishedRuns.count
                stepsCell = reach.steps.map { "\(ReportFormat.count($0)) (\(reach.reached)/\(n) reached \(ReportFormat.number(threshold)))" }
                    ?? "not reached (\(ReportFormat.number(threshold)))"
                timeCell = reach.seconds.map { "≈ " + ReportFormat.duration($0) } ?? "—"
            } else {
                stepsCell = "no threshold"
                timeCell = "—"
            }
            return [r.name, "\(r.finishedRuns.count)/\(r.runs.count)", final, r.best.map(ReportFormat.number) ?? "—",
                    stepsCell, timeCell, r.stepsPerSecond.map { ReportFormat.count($0) } ?? "—"]
        }
    }

    /// The table as aligned plain text (for the terminal).
    public var table: String { ReportFormat.plainTable(Self.columns, rows) }

    /// `report.md`.
    public var markdown: String {
        var md = "# Comparison: \(plan.recipes.map(\.name).joined(separator: " vs "))\n\n"
        let budget = plan.steps.map { "\(ReportFormat.count(Double($0))) env steps each" } ?? "each recipe's own train.steps"
        md += "Seeds 0…\(plan.seeds - 1), \(budget). Recipes: "
        md += plan.recipes.map { "`\($0.path)`" + ($0.environment.map { " (\($0))" } ?? "") }.joined(separator: ", ") + ".\n\n"
        md += ReportFormat.markdownTable(Self.columns, rows)
        md += """

            - *final return*: each seed's mean return over its last `train.window` training episodes \
            (summary.json `final_mean_return`), then mean ± population std over seeds; *best*: the \
            highest such rolling mean any seed reached.
            - *steps to threshold*: the first env step at which a seed's rolling mean over `train.window` \
            episodes reached the environment's reward threshold, averaged over the seeds that reached it; \
            *wall time* is estimated as the run's wall time × the fraction of its steps taken by then.
            - *steps/s*: env steps per wall-clock second of training, averaged over seeds (parallel runs \
            share the machine's cores, so this depends on `--jobs`).
            - `compare.svg`: the mean over seeds of each seed's rolling-mean return, ±1 std band; a seed \
            that stopped early at its target return holds its last value.

            ## Runs

            """
        md += ReportFormat.markdownTable(["recipe", "seed", "status", "final return", "env steps", "wall time", "directory"],
                                         recipes.flatMap { recipe in
            recipe.runs.map { run in
                let job = plan.jobs.first { $0.recipe.name == run.recipe && $0.seed == run.seed }
                let s = run.summary
                return [run.recipe, "\(run.seed)", ReportFormat.status(of: run, outcome: outcomes.first { $0.job == job }),
                        s?.finalMeanReturn.map(ReportFormat.number) ?? "—", s.map { ReportFormat.count(Double($0.envSteps)) } ?? "—",
                        s.map { ReportFormat.duration($0.wallSeconds) } ?? "—", "`\(job?.directory ?? "")`"]
            }
        })
        return md
    }

    /// Writes `report.md` and `compare.svg` into the plan's output directory.
    public func write() throws(FileWriteError) {
        try AtomicFile.write(markdown, to: "\(plan.outputDirectory)/report.md")
        let plot = ComparisonPlot(curves: recipes.map(\.curve), title: "Episode return (mean over \(plan.seeds) seeds)")
        try plot.write(to: "\(plan.outputDirectory)/compare.svg")
    }
}
