import Synchronization

/// Where the planned runs of a comparison or a sweep execute: processes on this machine
/// (`LocalBackend`), a Slurm job array (`SlurmBackend`), or nowhere — reading what earlier
/// runs recorded (`RecordedBackend`, for `--report-only`).
///
/// Why a protocol: `zoo compare` and `zoo sweep` plan runs and report on them the same
/// way whatever runs them; every backend applies the same rerun rule (`RunState`).
public protocol RunBackend: Sendable {
    /// Runs every job that needs it (reusing finished runs) and returns one outcome per
    /// job, in order. Once `stop` is requested no further run starts. `progress` gets a
    /// line per event worth telling (from any thread).
    func run(_ jobs: [TrainingJob], stop: StopRequest,
             progress: @escaping @Sendable (String) -> Void) throws(ZooError) -> [RunOutcome]

    /// Asks the runs in progress to save their checkpoints and stop (Ctrl-C).
    func interrupt()
}

/// A request to stop a comparison or a sweep (Ctrl-C or SIGTERM): no further run starts,
/// and the caller asks the backend to interrupt the running ones.
public final class StopRequest: Sendable {
    private let signals = Atomic<Int>(0)

    public init() {}

    /// Whether a stop was requested.
    public var requested: Bool { count > 0 }

    /// How many times a stop was requested (a second Ctrl-C asks for more haste).
    public var count: Int { signals.load(ordering: .acquiring) }

    /// Records a request; returns how many there have been.
    @discardableResult
    public func request() -> Int {
        signals.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
    }
}

/// The backend of `--report-only`: runs nothing and returns the outcomes the runs'
/// records hold (`RunOutcome.Record`).
public struct RecordedBackend: RunBackend {
    public init() {}

    public func run(_ jobs: [TrainingJob], stop: StopRequest,
                    progress: @escaping @Sendable (String) -> Void) throws(ZooError) -> [RunOutcome] {
        jobs.map(RunOutcome.Record.read)
    }

    public func interrupt() {}
}
