/// One episode that ended during collection: the row written to `episodes.csv`.
public struct FinishedEpisode: Sendable, Equatable {
    /// Environment steps (all copies) taken when it ended.
    public let envStep: Int
    /// Which copy ran it.
    public let copy: Int
    /// Undiscounted return.
    public let episodeReturn: Double
    /// Number of steps.
    public let length: Int
    /// Wall-clock seconds the episode took.
    public let seconds: Double
}
