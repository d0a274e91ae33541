import ArgumentParser
import Zoo

/// The `zoo` command. `zoo RECIPE` is short for `zoo train RECIPE`.
struct ZooCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoo",
        abstract: "A reinforcement-learning algorithm zoo.",
        version: ZooVersion.string,
        subcommands: [Train.self, Validate.self, Eval.self, List.self, Bench.self,
                      Play.self, Compare.self, Sweep.self, NewPlugin.self],
        defaultSubcommand: Train.self
    )
}
