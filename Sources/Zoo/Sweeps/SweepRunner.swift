/// Runs a sweep's rungs through a backend: every configuration on the first rung, then,
/// after each rung, the best 1/η of those that trained on it (by mean score over seeds)
/// continue on the next — each survivor's runs resumed from their checkpoints with the
/// larger budget — until the full budget. Without halving there is one rung.
///
/// Why a type of its own: the rung rule is the sweep's contract, the same whichever
/// backend trains the runs; `--report-only` replays it over the recorded outcomes.
public enum SweepRunner {
    /// Runs `plan`; stops after a rung that did not end (Ctrl-C, runs still missing).
    public static func run(_ plan: SweepPlan, backend: any RunBackend, stop: StopRequest,
                           progress: @escaping @Sendable (String) -> Void) throws(ZooError) -> SweepResult {
        var entries: [SweepEntry?] = Array(repeating: nil, count: plan.configurations.count)
        var alive = Array(plan.configurations.indices)
        var complete = false
        for (rung, budget) in plan.rungs.enumerated() {
            progress("rung \(rung + 1)/\(plan.rungs.count): \(alive.count) configuration\(alive.count == 1 ? "" : "s") × \(plan.spec.seeds) seeds, \(ReportFormat.count(Double(budget))) env steps each")
            var jobs: [TrainingJob] = []
            for index in alive { jobs += try plan.jobs(plan.configurations[index], rung: rung) }
            let outcomes = try backend.run(jobs, stop: stop, progress: progress)
            var ended = true
            for index in alive {
                let configuration = plan.configurations[index]
                let (entry, done) = Self.entry(configuration, index: index, rung: rung, plan: plan,
                                               outcomes: outcomes.filter { $0.job.recipe.name == configuration.name })
                ended = ended && done
                // A configuration none of whose runs got through this rung (yet) stays where it got.
                if !done, entry.finished == 0, entries[index] != nil { continue }
                entries[index] = entry
            }
            guard ended, !stop.requested else { break }
            guard rung + 1 < plan.rungs.count, let eta = plan.spec.halving?.eta else {
                complete = true
                break
            }
            let ranked = SweepResult(entries: alive.compactMap { entries[$0] }, complete: false).ranking.filter { $0.score != nil }
            alive = ranked.prefix(max(1, alive.count / eta)).map(\.index).sorted()
            guard !alive.isEmpty else {
                progress("rung \(rung + 1): no configuration has a score; stopping")
                break
            }
            progress("rung \(rung + 1): continuing \(alive.map { plan.configurations[$0].name }.joined(separator: ", "))")
        }
        return SweepResult(entries: entries.compactMap { $0 }, complete: complete)
    }

    /// `configuration`'s entry after rung `rung`, and whether each of its runs ended there:
    /// reached the rung's budget (only those are scored), or failed.
    static func entry(_ configuration: SweepConfiguration, index: Int, rung: Int, plan: SweepPlan,
                      outcomes: [RunOutcome]) -> (SweepEntry, ended: Bool) {
        var runs: [RunResult] = [], scores: [Double] = [], finished = 0, ended = true
        for outcome in outcomes {
            let run = RunResults.read(outcome.job, outcome: outcome)
            runs.append(run)
            let failed = run.summary?.status == .failed || (outcome.exitStatus ?? 0) != 0
            guard RunState.of(outcome.job) == .finished, !failed else {
                ended = ended && failed
                continue
            }
            finished += 1
            if let score = SweepScore.at(budget: plan.rungs[rung], directory: outcome.job.directory, evaluation: plan.ranksByEvaluation) {
                scores.append(score)
            }
        }
        let entry = SweepEntry(configuration: configuration, index: index, rung: rung, outcomes: outcomes, runs: runs,
                               finished: finished, scores: scores)
        return (entry, ended)
    }
}
