import ArgumentParser
import Zoo

/// The `zoo` command: trains, evaluates and benchmarks from the command line.
@main
struct ZooCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoo",
        abstract: "A reinforcement-learning algorithm zoo.",
        version: ZooVersion.string,
        subcommands: [Bench.self, Eval.self]
    )
}
