import Foundation

/// Writes a run's directory as training goes: the resolved recipe, `metrics.csv` (one
/// row per update; no wall-clock columns, so equal seeds give identical files),
/// `episodes.csv`, a TensorBoard event file, `training.svg`, `checkpoints/last` and
/// `checkpoints/best` (safetensors), and `summary.json`. Every file is written
/// atomically or append-only with fsync; a failed write stops training with the path.
public final class RunRecorder: TrainingObserver {
    public let directory: String
    private let recipe: Recipe
    private var metrics: CSVLog?
    /// `eval.csv`, opened at the first evaluation.
    private var evaluations: CSVLog?
    private let resumedAt: Int64?
    private var evaluationSeries = PlotSeries()
    private let episodes: EpisodesCSV
    private let events: TensorBoardEventWriter?
    private var returnSeries = PlotSeries(), entropySeries = PlotSeries()
    private var criticSeries = PlotSeries(), actorSeries = PlotSeries()
    private var bestMeanReturn: Double?
    private var bestUpdate: Int?
    private var episodeCount = 0
    private var lastCheckpointTime = -Double.infinity
    private var lastNumberedCheckpoint = 0
    /// The best parameters so far, written at most every 30 s and at the end.
    private var pendingBest: SafetensorsContents?
    private var lastRecord: UpdateRecord?
    /// The first write error, if any; the trainer is asked to stop when one happens.
    public private(set) var failure: ZooError?

    /// Starts the run's files; with `point`, continues those of the stopped run instead
    /// (rows after its checkpoint dropped, counters and plot series restored, a new
    /// TensorBoard event file).
    public init(recipe: Recipe, resuming point: ResumePoint? = nil) throws(ZooError) {
        self.recipe = recipe
        directory = recipe.output.directory
        resumedAt = point.map { Int64($0.updates) }
        do {
            try AtomicFile.write(recipe.text, to: "\(directory)/recipe.yaml")
            if let point {
                let continued = try RecorderResume(directory: directory, point: point)
                episodes = continued.episodes
                metrics = continued.metrics
                (returnSeries, entropySeries, criticSeries, actorSeries) = continued.series
                evaluationSeries = continued.evaluationSeries
                (episodeCount, bestMeanReturn, bestUpdate) = continued.progress
                lastNumberedCheckpoint = point.state.updates
            } else {
                episodes = try EpisodesCSV.create(path: "\(directory)/episodes.csv")
            }
            if point != nil && recipe.train.evaluation != nil {
                evaluations = try EvaluationCSV.open(path: "\(directory)/eval.csv", afterUpdate: resumedAt)
            }
            events = recipe.output.tensorboard ? try TensorBoardEventWriter(directory: "\(directory)/tensorboard") : nil
        } catch let e as FileWriteError {
            throw .file(path: directory, message: "\(e)")
        } catch {
            throw .file(path: directory, message: "\(error)")
        }
    }

    private func fail(_ error: any Error, _ trainer: Trainer) {
        if failure == nil { failure = .file(path: directory, message: "\(error)") }
        trainer.outputFailed = true
        trainer.stopRequested = true
    }

    public func trainer(_ trainer: Trainer, didUpdate u: UpdateRecord) {
        lastRecord = u
        let x = Double(u.envSteps)
        do {
            if metrics == nil {
                metrics = try MetricsCSV.create(path: "\(directory)/metrics.csv",
                                                columns: ["update", "env_steps", "episodes", "mean_return"] + u.report.values.map(\.name))
            }
            episodeCount += u.episodes.count
            var row: [CSVValue] = [.int(Int64(u.update)), .int(Int64(u.envSteps)), .int(Int64(episodeCount)),
                                   u.meanReturn.map { .double($0) } ?? .missing]
            row += u.report.values.map { .double($0.value) }
            try metrics?.append(ordered: row)
            try episodes.append(u.episodes.map {
                EpisodeRecord(update: Int64(u.update), envStep: Int64($0.envStep), copy: $0.copy,
                              episodeReturn: $0.episodeReturn, length: Int64($0.length), time: $0.seconds)
            })
            var scalars = u.report.values.map { TensorBoardEvent.Scalar(tag: "losses/\($0.name)", value: Float($0.value)) }
            if let mean = u.meanReturn { scalars.append(.init(tag: "charts/mean_return", value: Float(mean))) }
            try events?.write(scalars: scalars, step: Int64(u.envSteps))
            for e in u.episodes {
                try events?.write(scalars: [.init(tag: "charts/episode_return", value: Float(e.episodeReturn))], step: Int64(e.envStep))
                returnSeries.x.append(Double(e.envStep))
                returnSeries.y.append(e.episodeReturn)
            }
            for (series, name) in [(\RunRecorder.entropySeries, "entropy"), (\.criticSeries, "critic_loss"), (\.actorSeries, "actor_loss")] {
                if let v = u.report[name] {
                    self[keyPath: series].x.append(x)
                    self[keyPath: series].y.append(v)
                }
            }
            if let evaluation = u.evaluation {
                if evaluations == nil { evaluations = try EvaluationCSV.open(path: "\(directory)/eval.csv", afterUpdate: resumedAt) }
                try evaluations?.append(ordered: EvaluationCSV.row(evaluation, update: u.update, envSteps: u.envSteps))
                try events?.write(scalars: [.init(tag: "eval/mean_return", value: Float(evaluation.meanReturn)),
                                            .init(tag: "eval/mean_length", value: Float(evaluation.meanLength))],
                                  step: Int64(u.envSteps))
                evaluationSeries.x.append(x)
                evaluationSeries.y.append(evaluation.meanReturn)
            }
            // `best`: the best evaluation when evaluating, the best training mean otherwise.
            let score = recipe.train.evaluation == nil ? u.meanReturn : u.evaluation?.meanReturn
            if let score, score > (bestMeanReturn ?? -.infinity) {
                bestMeanReturn = score
                bestUpdate = u.update
                pendingBest = checkpointContents(trainer)
            }
            // Numbered checkpoints at the first record at or after every `checkpoint_every` updates.
            let every = recipe.output.checkpointEvery
            if every > 0 && u.update / every > lastNumberedCheckpoint / every {
                lastNumberedCheckpoint = u.update
                try saveCheckpoint("update-\(u.update)", trainer, elapsed: u.elapsed)
            }
            if u.elapsed - lastCheckpointTime >= 30 {
                lastCheckpointTime = u.elapsed
                try saveCheckpoint("last", trainer, elapsed: u.elapsed)
                try writePendingBest()
            }
        } catch {
            fail(error, trainer)
        }
    }

    /// The agent as it is now, with the observation statistics it needs to act alone.
    private func checkpointContents(_ trainer: Trainer) -> SafetensorsContents {
        var contents = AgentCheckpoint.contents(of: trainer.algorithm, recipe: recipe.text,
                                                envSteps: trainer.envSteps, updates: trainer.updates)
        AgentIO.frozen(trainer.environment, recipe: recipe).add(to: &contents)
        return contents
    }

    /// Writes checkpoint `name` with the state `--resume` continues from.
    private func saveCheckpoint(_ name: String, _ trainer: Trainer, elapsed: Double) throws(CheckpointError) {
        var contents = checkpointContents(trainer)
        TrainingState.add(to: &contents, trainer: trainer, recorder: .init(
            episodeCount: episodeCount, bestMeanReturn: bestMeanReturn, bestUpdate: bestUpdate, elapsed: elapsed))
        try AgentCheckpoint.write(contents, to: "\(directory)/checkpoints/\(name).safetensors")
    }

    private func writePendingBest() throws(CheckpointError) {
        guard let best = pendingBest else { return }
        try AgentCheckpoint.write(best, to: "\(directory)/checkpoints/best.safetensors")
        pendingBest = nil
    }

    public func trainer(_ trainer: Trainer, didFinish outcome: TrainingOutcome) {
        do {
            // After a non-finite loss the parameters may be corrupt, after a failed environment
            // step its copies are: keep the last good checkpoint.
            switch outcome {
            case .nonFiniteLoss, .environmentFailed: break
            default:
                try saveCheckpoint("last", trainer, elapsed: lastRecord?.elapsed ?? trainer.elapsedOffset)
            }
            try writePendingBest()
            try metrics?.close()
            try evaluations?.close()
            try episodes.close()
            try events?.close()
            if recipe.output.plot {
                var plot = TrainingPlot(episodeReturn: returnSeries, entropy: entropySeries, criticLoss: criticSeries,
                                        actorLoss: actorSeries, title: "\(recipe.name) — seed \(recipe.train.seed)")
                plot.evaluationReturn = evaluationSeries
                try plot.write(to: "\(directory)/training.svg")
            }
            let status: RunSummary.Status
            switch outcome {
            case .budgetSpent, .targetReached, .updateCapReached: status = .finished
            case .interrupted: status = failure == nil ? .interrupted : .failed
            case .nonFiniteLoss, .outputFailed, .environmentFailed: status = .failed
            }
            let summary = RunSummary(
                recipe: recipe.name, algorithm: type(of: trainer.algorithm).name, environment: recipe.env.id,
                seed: UInt64(recipe.train.seed), envSteps: Int64(trainer.envSteps), updates: Int64(trainer.updates),
                episodes: Int64(episodeCount), wallSeconds: lastRecord?.elapsed ?? 0, finalMeanReturn: trainer.meanReturn,
                bestMeanReturn: bestMeanReturn, bestUpdate: bestUpdate.map(Int64.init), status: status)
            try RunSummaryFile.write(summary, to: "\(directory)/summary.json")
        } catch {
            if failure == nil { failure = .file(path: directory, message: "\(error)") }
        }
    }
}
