/// Where one configuration of a sweep got: the last rung it trained on, its runs there
/// and their scores.
public struct SweepEntry: Sendable {
    public let configuration: SweepConfiguration
    /// The configuration's place in the plan.
    public let index: Int
    /// The last rung (0-based) it was trained on.
    public var rung: Int
    /// Its runs on that rung, with what the backend did.
    public var outcomes: [RunOutcome]
    /// The runs read back, in seed order.
    public var runs: [RunResult]
    /// How many of them reached the rung's budget without failing.
    public var finished: Int
    /// The score of each finished seed on that rung.
    public var scores: [Double]

    /// Mean and std of the scores over seeds, nil when no seed has one.
    public var score: (mean: Double, std: Double)? { ReportFormat.meanAndStd(scores) }
}

/// What a sweep achieved: every configuration's entry, ranked.
///
/// Why a value of its own: the report, the plot and `best.yaml` are all written from it,
/// whether the runs were trained just now or read back (`--report-only`).
public struct SweepResult: Sendable {
    /// The entries in plan order.
    public let entries: [SweepEntry]
    /// Whether the last rung was reached (not stopped part-way).
    public let complete: Bool

    /// The entries best first: higher rung, then higher mean score, then plan order;
    /// entries without a score last.
    public var ranking: [SweepEntry] {
        entries.sorted { a, b in
            switch (a.score, b.score) {
            case (nil, nil): return a.index < b.index
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?):
                if a.rung != b.rung { return a.rung > b.rung }
                return x.mean != y.mean ? x.mean > y.mean : a.index < b.index
            }
        }
    }

    /// The best configuration with a score, if any.
    public var best: SweepEntry? { ranking.first { $0.score != nil } }
}
