import ArgumentParser
import Foundation
import Zoo

/// The whole `zoo` command line as a library, so that a package of one's own — a plugin
/// outside Zoo's source tree — gets every command (train, validate, eval, play, compare,
/// list, bench, new-plugin) for its algorithms from a `main.swift` of one call:
///
///     import MyAlgorithm
///     import ZooCommandLine
///
///     ZooCommandLine.main(plugins: [MyAlgorithm.self])
///
/// Zoo's own `zoo` executable is that call with `BuiltinPlugins.all`.
public enum ZooCommandLine {
    /// Registers `plugins` in `AlgorithmRegistry.shared`, then parses the process's
    /// arguments and runs the command. A mistake the user can fix (a recipe, a flag, a
    /// file) prints one line on standard error and exits with status 2; help and
    /// `--version` exit with 0.
    public static func main(plugins: [any Algorithm.Type]) -> Never {
        for plugin in plugins { AlgorithmRegistry.shared.register(plugin) }
        do {
            var command = try ZooCommand.parseAsRoot()
            try command.run()
            exit(0)
        } catch let error as UserError {
            fail(error.description)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            // Help and --version exit 0; every usage mistake (bad flag, missing argument)
            // is the user's to fix: one line, status 2.
            guard ZooCommand.exitCode(for: error) != .success else { ZooCommand.exit(withError: error) }
            fail(ZooCommand.message(for: error) + " (see zoo help)")
        }
    }

    /// Prints `message` as one line on standard error and exits with status 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(OneLine.elided(message))\n".utf8))
        exit(2)
    }
}
