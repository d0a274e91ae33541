import ArgumentParser
import DSL
import Zoo

/// `zoo bench`: the committed benchmarks, run in a release build.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Zoo's performance benchmarks (build with -c release)."
    )

    func run() throws {
        print("no benchmarks yet")
    }
}
