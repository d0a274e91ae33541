import Foundation

/// One training run's results as `zoo compare` and `zoo sweep` read them back from its
/// directory.
public struct RunResult: Sendable {
    public let recipe: String
    public let seed: Int
    /// nil when the run left no readable `summary.json`.
    public let summary: RunSummary?
    /// Finished episodes in order: environment step at the episode's end and its return.
    public let episodes: [(envStep: Double, episodeReturn: Double)]
    /// The recipe's `train.window` (episodes in the rolling mean).
    public let window: Int
    /// Why the run counts as failed, nil when it finished.
    public let failure: String?

    public init(recipe: String, seed: Int, summary: RunSummary?, episodes: [(envStep: Double, episodeReturn: Double)],
                window: Int, failure: String?) {
        self.recipe = recipe
        self.seed = seed
        self.summary = summary
        self.episodes = episodes
        self.window = window
        self.failure = failure
    }

    /// The environment step at which the rolling mean of the last `window` episode
    /// returns first reached `threshold` (with at least `window` episodes: the trainer's
    /// own stopping rule); nil if it never did.
    public func stepsToReach(_ threshold: Double) -> Double? {
        guard window > 0, episodes.count >= window else { return nil }
        var sum = episodes[0..<window].reduce(0) { $0 + $1.episodeReturn }
        for end in window...episodes.count {
            if end > window { sum += episodes[end - 1].episodeReturn - episodes[end - 1 - window].episodeReturn }
            if sum / Double(window) >= threshold { return episodes[end - 1].envStep }
        }
        return nil
    }

    /// The learning curve: the rolling mean of the last `window` returns (fewer at the
    /// start) at each episode's end. A run that stopped early (target reached) holds its
    /// last value to its final step count, so the seeds' average does not end there.
    public var curve: PlotSeries {
        var series = PlotSeries(x: episodes.map(\.envStep), y: episodes.map(\.episodeReturn)).rollingMean(window: window)
        if let summary, failure == nil, let last = series.y.last, let lastX = series.x.last, Double(summary.envSteps) > lastX {
            series.x.append(Double(summary.envSteps))
            series.y.append(last)
        }
        return series
    }
}

/// Reads run directories (`summary.json`, `episodes.csv`, `recipe.yaml`).
public enum RunResults {
    /// The run in `directory`; `failure` is the launcher's account of a failed run (nil if
    /// it exited successfully).
    public static func read(directory: String, recipe: String, seed: Int, failure: String?) -> RunResult {
        let summary = self.summary(at: "\(directory)/summary.json")
        var why = failure
        if why == nil {
            switch summary?.status {
            case .finished?: break
            case .failed?: why = "the run failed"
            case .interrupted?: why = "the run was interrupted"
            case nil: why = "no summary.json"
            }
        }
        return RunResult(recipe: recipe, seed: seed, summary: summary, episodes: episodes(at: "\(directory)/episodes.csv"),
                         window: window(recipeAt: "\(directory)/recipe.yaml"), failure: why)
    }

    /// A `summary.json` (non-finite numbers as "nan"/"inf"/"-inf", as written), nil if absent or unreadable.
    public static func summary(at path: String) -> RunSummary? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? decoder.decode(RunSummary.self, from: data)
    }

    /// The run of `job`, failed when `outcome` says its process failed.
    public static func read(_ job: TrainingJob, outcome: RunOutcome?) -> RunResult {
        read(directory: job.directory, recipe: job.recipe.name, seed: job.seed, failure: outcome.flatMap(failure))
    }

    /// "exit 2: <the child's error line>" for a failed child (its last `error:` line, else
    /// its last line), nil for success or reuse.
    static func failure(_ outcome: RunOutcome) -> String? {
        guard let status = outcome.exitStatus, status != 0 else { return nil }
        let lines = outcome.log.flatMap { FileManager.default.contents(atPath: $0) }
            .map { String(decoding: $0, as: UTF8.self) }?
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty } ?? []
        let line = lines.last { $0.hasPrefix("error:") }.map { String($0.dropFirst("error:".count)).trimmingCharacters(in: .whitespaces) }
            ?? lines.last
        return "exit \(status)" + (line.map { ": \(OneLine.elided($0))" } ?? "")
    }

    /// `(env_step, return)` of each complete row of an `episodes.csv`; empty if absent.
    public static func episodes(at path: String) -> [(envStep: Double, episodeReturn: Double)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let records = CSVFormat.parse(String(decoding: data, as: UTF8.self)).records
        guard let header = records.first, let stepColumn = header.firstIndex(of: "env_step"),
              let returnColumn = header.firstIndex(of: "return") else { return [] }
        return records.dropFirst().compactMap { row in
            guard row.count > max(stepColumn, returnColumn), let step = Double(row[stepColumn]),
                  let r = Double(row[returnColumn]) else { return nil }
            return (step, r)
        }
    }

    /// `train.window` of the recipe at `path` (100 when absent or unreadable).
    static func window(recipeAt path: String) -> Int {
        guard let document = try? RecipeDocument(contentsOf: path),
              let train = try? document.root.mapping().optional("train")?.mapping(),
              let window = try? train.int("window", default: 100, in: 1...100_000) else { return 100 }
        return window
    }
}
