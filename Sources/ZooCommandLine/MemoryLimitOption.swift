import ArgumentParser
import Zoo

/// `--memory-limit SIZE`, shared by the commands that check a recipe's memory plan
/// (`train`, `validate`, `compare`).
struct MemoryLimitOption: ParsableArguments {
    @Option(help: ArgumentHelp("The most memory a run may plan to use, e.g. 64G or 512M (default: three quarters of this machine's memory).", valueName: "SIZE"))
    var memoryLimit: String?

    /// The limits to check recipes against.
    func limits() throws(UserError) -> ResourceLimits {
        guard let memoryLimit else { return .standard }
        guard let parsed = ResourceLimits.parse(memoryLimit) else {
            throw UserError("--memory-limit: expected a size such as 64G, 512M or a number of bytes, got \(OneLine.quoted(memoryLimit))")
        }
        return parsed
    }
}
