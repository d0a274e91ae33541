import Foundation

/// `zoo sweep`'s outputs: the ranking (printed, and in `report.md` with every run's
/// status), the learning curves of the best configurations (`sweep.svg`), and the base
/// recipe with the best configuration's values (`best.yaml`).
public struct SweepReport {
    public let plan: SweepPlan
    public let result: SweepResult

    public init(plan: SweepPlan, result: SweepResult) {
        self.plan = plan
        self.result = result
    }

    /// Configurations drawn in the plot, best first.
    static let plotted = 10

    var columns: [String] {
        ["rank", "configuration"] + plan.spec.parameters.map(\.key) + ["rung (env steps)", "score (mean ± std)", "runs ok"]
    }

    /// The ranking's rows.
    public var rows: [[String]] {
        result.ranking.enumerated().map { rank, entry in
            ["\(rank + 1)", entry.configuration.name] + entry.configuration.values
                + [rung(entry.rung), entry.score.map(ReportFormat.plusMinus) ?? "—",
                   "\(entry.finished)/\(entry.runs.count)"]
        }
    }

    /// The ranking as aligned plain text (for the terminal).
    public var table: String { ReportFormat.plainTable(columns, rows) }

    func rung(_ index: Int) -> String {
        "\(index + 1)/\(plan.rungs.count) (\(ReportFormat.count(Double(plan.rungs[index]))))"
    }

    /// The best configuration's values as `key=value, …`.
    func values(_ configuration: SweepConfiguration) -> String {
        zip(plan.spec.parameters, configuration.values).map { "\($0.key)=\($1)" }.joined(separator: ", ")
    }

    var scoreDescription: String {
        plan.ranksByEvaluation
            ? "the mean return of the run's last evaluation (`train.eval`) at the end of the rung"
            : "the run's rolling mean return over its last `train.window` training episodes at the end of the rung"
    }

    /// `report.md`.
    public var markdown: String {
        let spec = plan.spec
        var md = "# Sweep: \(spec.name)\n\n"
        let search = spec.method == .grid
            ? "Grid search over \(plan.configurations.count) combinations"
            : "Random search over \(plan.configurations.count) configurations drawn with seed \(spec.seed)"
        md += "\(search) of `\(spec.recipe)` (sweep file `\(spec.file)`), seeds 0…\(spec.seeds - 1) each, "
        if let halving = spec.halving {
            md += "with successive halving (η = \(halving.eta)): rungs of "
                + plan.rungs.map { ReportFormat.count(Double($0)) }.joined(separator: ", ") + " env steps"
        } else {
            md += "\(ReportFormat.count(Double(plan.steps))) env steps per run"
        }
        md += ". Space: " + spec.parameters.map { p in "`\(p.keys.joined(separator: "`, `"))` \(Self.describe(p.kind))" }
            .joined(separator: "; ") + ".\n\n"
        md += ReportFormat.markdownTable(columns, rows)
        md += "\n"
        if let best = result.best {
            md += "Best: **\(best.configuration.name)** (\(values(best.configuration))), written into the base recipe as `best.yaml`.\n"
        } else {
            md += "No configuration has a score yet, so there is no `best.yaml`.\n"
        }
        if !result.complete {
            md += "\nThe sweep stopped before its last rung ended (interrupted, or runs still missing): rerun the same command to continue.\n"
        }
        md += """

            - *score*: per seed, \(scoreDescription) a configuration last trained on; then mean ± population std \
            over the seeds that finished. Configurations are ranked by the rung they reached, then by that mean.
            - *rung*: with successive halving, every configuration trains on rung 1; after each rung the best \
            1/η by score continue on the next, their runs resumed from their checkpoints with the larger budget \
            (schedules span the full budget, so a continued run is the run trained to that budget in one go).
            - `sweep.svg`: for the best configurations (up to \(Self.plotted)), the mean over seeds of each seed's \
            rolling-mean training return, ±1 std band.

            ## Runs


            """
        let runRows: [[String]] = result.ranking.flatMap { entry in
            zip(entry.outcomes, entry.runs).map { outcome, run in
                let s = run.summary
                let score = run.failure == nil
                    ? SweepScore.at(budget: plan.rungs[entry.rung], directory: outcome.job.directory, evaluation: plan.ranksByEvaluation)
                    : nil
                return [entry.configuration.name, "\(run.seed)", rung(entry.rung), ReportFormat.status(of: run, outcome: outcome),
                        score.map(ReportFormat.number) ?? "—", s.map { ReportFormat.count(Double($0.envSteps)) } ?? "—",
                        s.map { ReportFormat.duration($0.wallSeconds) } ?? "—", "`\(outcome.job.directory)`"]
            }
        }
        md += ReportFormat.markdownTable(["configuration", "seed", "rung", "status", "score", "env steps", "wall time", "directory"],
                                         runRows)
        return md
    }

    static func describe(_ kind: SweepParameter.Kind) -> String {
        switch kind {
        case .grid(let values): "grid [\(values.joined(separator: ", "))]"
        case .choice(let values): "choice [\(values.joined(separator: ", "))]"
        case .uniform(let low, let high): "uniform [\(low), \(high)]"
        case .logUniform(let low, let high): "log-uniform [\(low), \(high)]"
        case .integer(let low, let high): "integer \(low)…\(high)"
        }
    }

    /// `best.yaml`: the base recipe with the best configuration's values, nil without one.
    public func bestRecipe() throws(ZooError) -> String? {
        guard let best = result.best, let score = best.score else { return nil }
        let header = "# \(plan.spec.recipe) with configuration \(best.configuration.name) of the sweep \(plan.spec.file):\n"
            + "# \(values(best.configuration))\n"
            + "# (score \(ReportFormat.plusMinus(score)) over \(best.scores.count) seeds at \(ReportFormat.count(Double(plan.rungs[best.rung]))) env steps)\n"
        return header + (try plan.recipeText(best.configuration))
    }

    /// Writes `report.md`, `sweep.svg` and (when a configuration has a score) `best.yaml`.
    public func write() throws(ZooError) {
        let out = plan.outputDirectory
        let curves = result.ranking.prefix(Self.plotted).map { entry in
            RecipeComparison(name: entry.configuration.name, environment: nil, threshold: nil, runs: entry.runs).curve
        }
        let plot = ComparisonPlot(curves: Array(curves),
                                  title: "Episode return of the best configurations (mean over \(plan.spec.seeds) seeds)")
        do {
            try AtomicFile.write(markdown, to: "\(out)/report.md")
            try plot.write(to: "\(out)/sweep.svg")
            if let best = try bestRecipe() {
                try AtomicFile.write(best, to: "\(out)/best.yaml")
            } else {
                try? FileManager.default.removeItem(atPath: "\(out)/best.yaml")
            }
        } catch let error as FileWriteError {
            throw .file(path: out, message: error.description)
        } catch let error as ZooError {
            throw error
        } catch {
            throw .file(path: out, message: "\(error)")
        }
    }
}
