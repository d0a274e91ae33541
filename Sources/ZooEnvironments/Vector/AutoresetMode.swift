/// When a vector environment resets a copy whose episode ended: Gymnasium's
/// `AutoresetMode`.
public enum AutoresetMode: String, Sendable, Hashable, CaseIterable {
    /// The copy is reset on the step after it ended: that step ignores its action and
    /// returns the reset observation with reward 0 and both flags false.
    case nextStep
    /// The copy is reset within the step it ended: the step returns the reset
    /// observation with the last reward and flags; the real last observation and info
    /// are in `finalObservations` / `finalInfos` with the `hasFinal` presence mask.
    case sameStep
    /// No automatic reset: the caller resets chosen copies with a reset mask; stepping a
    /// finished copy is an error.
    case disabled
}

/// Where a vector environment runs its copies.
public enum VectorExecution: Sendable, Hashable {
    /// All copies in the calling thread (Gymnasium's `SyncVectorEnv`).
    case sync
    /// Copies split into contiguous chunks over a persistent pool of this many threads
    /// (the calling thread included). Results are bitwise identical to `sync`.
    case threads(Int)
}
