import ArgumentParser
import Foundation
import Zoo

/// The `zoo` command. `zoo RECIPE` is short for `zoo train RECIPE`.
@main
struct ZooCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoo",
        abstract: "A reinforcement-learning algorithm zoo.",
        version: ZooVersion.string,
        subcommands: [Train.self, Validate.self, Eval.self, List.self, Bench.self,
                      Play.self, Compare.self, NewPlugin.self],
        defaultSubcommand: Train.self
    )

    /// Runs the command; user mistakes print one line and exit with status 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            // Help and --version exit 0; every usage mistake (bad flag, missing argument)
            // is the user's to fix: one message, status 2.
            guard exitCode(for: error) != .success else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
