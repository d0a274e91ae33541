/// What a Slurm submission asks the scheduler for: `--partition`, `--time`,
/// `--cpus-per-task`, extra `sbatch` arguments, and how many tasks of the array may run at
/// once (`--array=0-N%J`).
///
/// Why a value of its own: the command line reads it once for `zoo compare` and `zoo
/// sweep`, and the batch scripts are generated from it (`SlurmScripts`).
public struct SlurmOptions: Sendable, Equatable {
    public var partition: String?
    /// A time limit in one of Slurm's formats ("30", "1:00:00", "1-12").
    public var time: String?
    public var cpusPerTask: Int?
    /// Further `sbatch` options, one `#SBATCH` line each (e.g. `--mem=4G`, `--account=rl`).
    public var sbatchArguments: [String]
    /// Tasks running at once; nil: as many as the scheduler allows.
    public var concurrency: Int?

    public init(partition: String? = nil, time: String? = nil, cpusPerTask: Int? = nil, sbatchArguments: [String] = [],
                concurrency: Int? = nil) {
        self.partition = partition
        self.time = time
        self.cpusPerTask = cpusPerTask
        self.sbatchArguments = sbatchArguments
        self.concurrency = concurrency
    }

    /// The `#SBATCH` options every job of a submission gets: partition, time limit and
    /// the extra arguments (one line each).
    var commonDirectives: [String] {
        [partition.map { "--partition=\($0)" }, time.map { "--time=\($0)" }].compactMap { $0 } + sbatchArguments
    }
}
