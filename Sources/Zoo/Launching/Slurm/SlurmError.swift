/// Why a Slurm submission could not be made or followed: one line naming the command and
/// what it said; the command line prints it and exits with status 2.
public enum SlurmError: Error, Equatable, CustomStringConvertible {
    /// The command is not on `PATH` (not a Slurm login node?).
    case commandNotFound(String)
    /// The command exited with `status`, saying `message` (its last line).
    case commandFailed(command: String, status: Int32, message: String)
    /// `sbatch --parsable` printed something that is not a job id.
    case unexpectedOutput(command: String, output: String)
    /// `squeue` failed `attempts` times in a row.
    case queueUnreadable(attempts: Int, message: String)

    public var description: String {
        switch self {
        case .commandNotFound(let command):
            "\(command): not found on PATH (--backend slurm needs Slurm's client commands: sbatch, squeue, scancel)"
        case .commandFailed(let command, let status, let message):
            "\(command) failed (exit \(status))" + (message.isEmpty ? "" : ": \(OneLine.elided(message, limit: 300))")
        case .unexpectedOutput(let command, let output):
            "\(command) printed \(OneLine.quoted(output)) where a job id was expected"
        case .queueUnreadable(let attempts, let message):
            "squeue failed \(attempts) times in a row, last: \(OneLine.elided(message, limit: 300)); the jobs may still be running: rerun the same command to collect them"
        }
    }
}
