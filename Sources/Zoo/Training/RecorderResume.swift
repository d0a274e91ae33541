import Foundation

/// What `RunRecorder` needs to continue a stopped run's files from its checkpoint:
/// `episodes.csv` and `metrics.csv` reopened with the rows of later updates dropped (a
/// crash can leave some behind), the plot series read back from the kept rows, the
/// counters from the resume state, and TensorBoard events of later steps removed from
/// the old event files (the recorder then starts a new file, which TensorBoard merges).
struct RecorderResume {
    let episodes: EpisodesCSV
    let metrics: CSVLog?
    let series: (returns: PlotSeries, entropy: PlotSeries, critic: PlotSeries, actor: PlotSeries)
    /// The kept evaluations' mean returns (`eval.csv`).
    let evaluationSeries: PlotSeries
    let progress: (episodeCount: Int, bestMeanReturn: Double?, bestUpdate: Int?)

    init(directory: String, point: ResumePoint) throws {
        let update = Int64(point.updates)
        let episodesPath = "\(directory)/episodes.csv", metricsPath = "\(directory)/metrics.csv"
        try Self.checkMetricsComplete(metricsPath, updates: point.updates)
        episodes = try EpisodesCSV.resume(path: episodesPath, afterUpdate: update)
        var returns = PlotSeries()
        for row in try Self.rows(episodesPath) {
            if let x = row["env_step"].flatMap(Double.init), let y = row["return"].flatMap(Double.init) {
                returns.x.append(x)
                returns.y.append(y)
            }
        }
        var losses: [String: PlotSeries] = ["entropy": PlotSeries(), "critic_loss": PlotSeries(), "actor_loss": PlotSeries()]
        let columns = try Self.header(metricsPath)
        if !columns.isEmpty {
            metrics = try MetricsCSV.resume(path: metricsPath, columns: columns, afterUpdate: update)
            for row in try Self.rows(metricsPath) {
                guard let x = row["env_steps"].flatMap(Double.init) else { continue }
                for name in losses.keys.sorted() {
                    if let y = row[name].flatMap(Double.init) {
                        losses[name]?.x.append(x)
                        losses[name]?.y.append(y)
                    }
                }
            }
        } else {
            metrics = nil
        }
        series = (returns, losses["entropy"] ?? PlotSeries(), losses["critic_loss"] ?? PlotSeries(),
                  losses["actor_loss"] ?? PlotSeries())
        var evaluations = PlotSeries()
        for row in try Self.rows("\(directory)/eval.csv") {
            guard let u = row["update"].flatMap(Int64.init), u <= update,
                  let x = row["env_steps"].flatMap(Double.init), let y = row["mean_return"].flatMap(Double.init) else { continue }
            evaluations.x.append(x)
            evaluations.y.append(y)
        }
        evaluationSeries = evaluations
        let state = point.state
        progress = (state.episodeCount, state.bestMeanReturn.flatMap(ExactText.double), state.bestUpdate)
        try Self.pruneEvents(in: "\(directory)/tensorboard", afterStep: Int64(point.envSteps))
    }

    /// `metrics.csv` must hold rows of increasing updates ending with the checkpoint's
    /// (a row is written at every checkpoint): continuing a file that was cut or edited
    /// would leave a hole in the run's record.
    private static func checkMetricsComplete(_ path: String, updates: Int) throws {
        guard updates > 0 else { return }
        var last = 0
        for row in try rows(path) {
            guard let update = row["update"].flatMap(Int.init), update <= updates else { continue }
            guard update > last else { break }
            last = update
        }
        guard last == updates else {
            throw ResumeError.runFileChanged(path: path, reason: "holds rows in order up to update \(last), but the checkpoint is at update \(updates) (was the file cut or edited?)")
        }
    }

    /// The complete rows of the CSV file at `path` by column (none if it does not exist).
    private static func rows(_ path: String) throws -> [[String: String]] {
        guard let bytes = try FileSystem.readIfExists(path) else { return [] }
        let (records, _) = CSVFormat.parse(String(decoding: bytes, as: UTF8.self))
        guard let columns = records.first else { return [] }
        return records.dropFirst().filter { $0.count == columns.count }.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }

    /// The header row of the CSV file at `path`.
    private static func header(_ path: String) throws -> [String] {
        guard let bytes = try FileSystem.readIfExists(path) else { return [] }
        return CSVFormat.parse(String(decoding: bytes, as: UTF8.self)).records.first ?? []
    }

    /// Rewrites (atomically) each event file in `directory` that holds events of steps
    /// after `step`, without them. A file that cannot be parsed completely (a crash cut
    /// its last record) is left as it is: TensorBoard skips the cut record.
    static func pruneEvents(in directory: String, afterStep step: Int64) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where name.hasPrefix("events.out.tfevents.") {
            let path = "\(directory)/\(name)"
            guard let bytes = try FileSystem.readIfExists(path),
                  let records = try? TFRecord.records(bytes) else { continue }
            var kept: [UInt8] = []
            var dropped = false
            for record in records {
                if let event = try? TensorBoardEvent.decode(record), event.step > step {
                    dropped = true
                } else {
                    kept += TFRecord.frame(record)
                }
            }
            if dropped { try AtomicFile.write(kept, to: path) }
        }
    }
}
