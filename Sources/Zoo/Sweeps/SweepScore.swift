import Foundation

/// How a sweep ranks a run at a rung: the mean return of its last evaluation (with
/// `train.eval`) or its rolling training return (the mean of the last `train.window`
/// episodes), as they stood when the run reached the rung's budget.
///
/// Why from the files and not the run's final state: a configuration that survived goes
/// on training in the same directory, and a rerun must rank the earlier rung as it was
/// ranked the first time.
public enum SweepScore {
    /// The score of the run in `directory` at the end of the update that reached
    /// `budget` environment steps (its last update if it stopped before); nil when it has
    /// none yet (no finished episode, no evaluation).
    public static func at(budget: Int, directory: String, evaluation: Bool) -> Double? {
        let metrics = rows(of: "\(directory)/metrics.csv")
        guard let end = metrics.first(where: { ($0["env_steps"].flatMap(Double.init) ?? 0) >= Double(budget) }) ?? metrics.last,
              let endSteps = end["env_steps"].flatMap(Double.init) else { return nil }
        guard evaluation else { return end["mean_return"].flatMap(Double.init) }
        return rows(of: "\(directory)/eval.csv").last { ($0["env_steps"].flatMap(Double.init) ?? .infinity) <= endSteps }?["mean_return"]
            .flatMap(Double.init)
    }

    /// The rows of a CSV file as column → value.
    static func rows(of path: String) -> [[String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let records = CSVFormat.parse(String(decoding: data, as: UTF8.self)).records
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }
}
