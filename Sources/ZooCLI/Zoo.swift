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
            fail(error.description)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            // Help and --version exit 0; every usage mistake (bad flag, missing argument)
            // is the user's to fix: one line, status 2.
            guard exitCode(for: error) != .success else { exit(withError: error) }
            fail(message(for: error) + " (see zoo help)")
        }
    }

    /// Prints `message` as one line on standard error and exits with status 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(OneLine.elided(message))\n".utf8))
        Foundation.exit(2)
    }
}
