/// `metrics.csv`: one row per update with a fixed set of columns declared when the run
/// starts (e.g. `update`, `env_step`, `losses/actor`, …); a metric not reported in an
/// update is an empty cell. Resuming from the checkpoint of update N keeps rows with
/// `update` ≤ N, so a resumed run's file matches the uninterrupted one.
public enum MetricsCSV {
    /// The column that identifies the update of a row, used when resuming.
    public static let updateColumn = "update"

    /// Starts a new `metrics.csv` at `path`.
    public static func create(path: String, columns: [String]) throws(CSVError) -> CSVLog {
        try CSVLog.create(path: path, columns: columns)
    }

    /// Continues `path` after the checkpoint of update `update`.
    public static func resume(path: String, columns: [String], afterUpdate update: Int64) throws(CSVError) -> CSVLog {
        try CSVLog.resume(path: path, columns: columns,
                          keepRow: CSVLog.keepingRows(whose: updateColumn, isAtMost: update, path: path))
    }
}

/// `eval.csv`: one row per evaluation during training (`train.eval`).
public enum EvaluationCSV {
    public static let columns = ["update", "env_steps", "mean_return", "std_return", "min_return", "max_return", "mean_length"]

    /// Continues (or starts) `path`, keeping the rows up to update `update`.
    public static func open(path: String, afterUpdate update: Int64?) throws(CSVError) -> CSVLog {
        guard let update else { return try CSVLog.create(path: path, columns: columns) }
        return try CSVLog.resume(path: path, columns: columns,
                                 keepRow: CSVLog.keepingRows(whose: MetricsCSV.updateColumn, isAtMost: update, path: path))
    }
}

/// One finished episode, as recorded in `episodes.csv`.
public struct EpisodeRecord: Equatable, Sendable {
    /// The update during whose rollout the episode finished.
    public var update: Int64
    /// The total environment step count when it finished.
    public var envStep: Int64
    /// Which copy of the vector environment ran it.
    public var copy: Int
    /// The undiscounted sum of rewards.
    public var episodeReturn: Double
    /// Number of steps.
    public var length: Int64
    /// Elapsed wall-clock seconds of the episode (Gymnasium's `RecordEpisodeStatistics` `t`);
    /// the only column that differs between otherwise identical runs.
    public var time: Double

    public init(update: Int64, envStep: Int64, copy: Int, episodeReturn: Double, length: Int64, time: Double) {
        self.update = update
        self.envStep = envStep
        self.copy = copy
        self.episodeReturn = episodeReturn
        self.length = length
        self.time = time
    }

    var values: [CSVValue] {
        [.int(update), .int(envStep), .int(Int64(copy)), .double(episodeReturn), .int(length), .double(time)]
    }
}

/// `episodes.csv`: one row per finished episode (update, env_step, copy, return, length,
/// time), appended in batches as an update's rollout finishes episodes.
public final class EpisodesCSV {
    /// The fixed columns of `episodes.csv`.
    public static let columns = ["update", "env_step", "copy", "return", "length", "time"]
    private let log: CSVLog

    /// The file being written.
    public var path: String { log.path }

    private init(log: CSVLog) { self.log = log }

    /// Starts a new `episodes.csv` at `path`.
    public static func create(path: String) throws(CSVError) -> EpisodesCSV {
        EpisodesCSV(log: try CSVLog.create(path: path, columns: columns))
    }

    /// Continues `path` after the checkpoint of update `update`.
    public static func resume(path: String, afterUpdate update: Int64) throws(CSVError) -> EpisodesCSV {
        EpisodesCSV(log: try CSVLog.resume(path: path, columns: columns,
                                           keepRow: CSVLog.keepingRows(whose: "update", isAtMost: update, path: path)))
    }

    /// Appends `episodes` in one durable write.
    public func append(_ episodes: [EpisodeRecord]) throws(CSVError) {
        guard !episodes.isEmpty else { return }
        var rows: [[String: CSVValue]] = []
        for episode in episodes {
            rows.append(Dictionary(uniqueKeysWithValues: zip(Self.columns, episode.values)))
        }
        try log.append(rows)
    }

    /// Closes the file.
    public func close() throws(CSVError) { try log.close() }
}
